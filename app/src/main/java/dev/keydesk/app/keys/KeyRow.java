package dev.keydesk.app.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.keys.FilterableKey;
import dev.keydesk.core.keys.KeySearchText;
import dev.keydesk.core.keys.KeyStatuses;
import dev.keydesk.core.keys.PermissionSummary;
import dev.keydesk.core.keys.RelativeTime;

import java.time.Instant;
import java.util.Set;

/**
 * One key as the table shows it. Everything a cell or the filter needs is computed once here, when
 * the rows are built (off the FX thread), so that painting and filtering 100,000 rows does no
 * string work per cell.
 */
public final class KeyRow implements FilterableKey {

    private final ApiKey key;
    private final PermissionSummary permissions;
    private final Set<String> resources;
    private final boolean admin;
    private final String searchText;
    private final String createdText;
    private final String expiresText;
    private final ExpiryUrgency urgency;
    private final String lastUsedText;
    private final String status;
    private final Instant revokedAt;
    private final String revokedText;
    private final String revokedBy;

    private KeyRow(ApiKey key, Instant now) {
        this.key = key;
        this.permissions = PermissionSummary.of(key.permissions());
        this.admin = key.permissions().contains(Permission.ADMIN_ALL);
        this.resources = KeySearchText.resources(key);
        this.searchText = KeySearchText.of(key);
        this.createdText = key.createdAt() == null ? "" : RelativeTime.of(key.createdAt(), now);
        this.expiresText = RelativeTime.expiry(key.expiresAt(), now);
        this.urgency = ExpiryUrgency.of(key.expiresAt(), now);
        this.lastUsedText = RelativeTime.lastUsed(key.lastUsed(), now);
        this.status = KeyStatuses.of(key, now);
        this.revokedAt = key.revokedAt();
        this.revokedText = revokedAt == null ? "" : RelativeTime.of(revokedAt, now);
        this.revokedBy = key.revokedBy() == null ? "" : key.revokedBy();
    }

    /** Builds the row; {@code now} fixes the relative texts ("in 12 days") at load time. */
    public static KeyRow of(ApiKey key, Instant now) {
        return new KeyRow(key, now);
    }

    /** When the key was revoked; null for a key that exists (or when the server did not say). */
    public Instant revokedAt() {
        return revokedAt;
    }

    /** "3 days ago", or "" (see {@link #revokedAt()}). */
    public String revokedText() {
        return revokedText;
    }

    /** The key id of who revoked it, or "". */
    public String revokedBy() {
        return revokedBy;
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

    @Override
    public String type() {
        return key.type() == null ? "" : key.type();
    }

    /** {@link KeyStatuses#of}: the server's, or the one the expiry implies where it sends none. */
    @Override
    public String status() {
        return status;
    }

    public PermissionSummary permissions() {
        return permissions;
    }

    /** Whether the key grants anything on {@code resource} ({@code admin:*} grants everything). */
    @Override
    public boolean touches(String resource) {
        return admin || resources.contains(resource);
    }

    /** Name, prefix, id, description and permissions, lower-cased, for the text filter. */
    @Override
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
    @Override
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
