package dev.keydesk.app.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One key as the table shows it. Everything a cell or the filter needs is computed once here, when
 * the rows are built (off the FX thread), so that painting and filtering 100,000 rows does no
 * string work per cell.
 */
public final class KeyRow {

    private final ApiKey key;
    private final PermissionSummary permissions;
    private final Set<String> resources;
    private final boolean admin;
    private final String searchText;
    private final String createdText;
    private final String expiresText;
    private final ExpiryUrgency urgency;
    private final String lastUsedText;

    private KeyRow(ApiKey key, Instant now) {
        this.key = key;
        this.permissions = PermissionSummary.of(key.permissions());
        this.admin = key.permissions().contains(Permission.ADMIN_ALL);
        Set<String> names = new HashSet<>();
        StringBuilder search = new StringBuilder(128);
        append(search, key.name());
        append(search, key.prefix());
        append(search, key.id());
        append(search, key.description());
        for (Permission p : key.permissions()) {
            names.add(p.resource());
            append(search, p.value());
        }
        this.resources = Set.copyOf(names);
        this.searchText = search.toString().toLowerCase(Locale.ROOT);
        this.createdText = key.createdAt() == null ? "" : RelativeTime.of(key.createdAt(), now);
        this.expiresText = RelativeTime.expiry(key.expiresAt(), now);
        this.urgency = ExpiryUrgency.of(key.expiresAt(), now);
        this.lastUsedText = RelativeTime.lastUsed(key.lastUsed(), now);
    }

    /** Builds the row; {@code now} fixes the relative texts ("in 12 days") at load time. */
    public static KeyRow of(ApiKey key, Instant now) {
        return new KeyRow(key, now);
    }

    private static void append(StringBuilder into, String value) {
        if (value != null) {
            into.append(value).append('\n');
        }
    }

    public ApiKey key() {
        return key;
    }

    public String id() {
        return key.id();
    }

    public String name() {
        return key.name() == null ? "" : key.name();
    }

    public String prefix() {
        return key.prefix() == null ? "" : key.prefix();
    }

    public String type() {
        return key.type() == null ? "" : key.type();
    }

    public String status() {
        return key.status() == null ? "" : key.status();
    }

    public PermissionSummary permissions() {
        return permissions;
    }

    /** Whether the key grants anything on {@code resource} ({@code admin:*} grants everything). */
    public boolean touches(String resource) {
        return admin || resources.contains(resource);
    }

    /** Name, prefix, id, description and permissions, lower-cased, for the text filter. */
    public String searchText() {
        return searchText;
    }

    public Instant createdAt() {
        return key.createdAt();
    }

    public String createdText() {
        return createdText;
    }

    /** Null when the key never expires. */
    public Instant expiresAt() {
        return key.expiresAt();
    }

    public String expiresText() {
        return expiresText;
    }

    public ExpiryUrgency urgency() {
        return urgency;
    }

    /** Null when the key was never used. */
    public Instant lastUsed() {
        return key.lastUsed();
    }

    public String lastUsedText() {
        return lastUsedText;
    }

    public long usageToday() {
        return key.usage().requestsToday();
    }

    public long usageThisMonth() {
        return key.usage().requestsThisMonth();
    }

    @Override
    public String toString() {
        return "KeyRow[" + key.id() + "]";
    }
}
