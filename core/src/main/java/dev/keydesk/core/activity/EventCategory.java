package dev.keydesk.core.activity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the monitoring advice says to watch, as groups of audit event types. A type a server adds
 * beyond the contract's is in no category (shown, but not filterable by category).
 */
public enum EventCategory {

    FAILED_AUTH("Failed authentications", "auth.failed"),
    RATE_LIMIT("Rate-limit hits", "rate_limit.exceeded"),
    NEW_ADDRESS("Use from a new address", "key.used_from_new_ip"),
    KEY_CHANGES("Key changes", "key.created", "key.updated", "key.disabled", "key.enabled"),
    REVOCATIONS("Revocations", "key.revoked");

    private final String label;
    private final List<String> types;

    EventCategory(String label, String... types) {
        this.label = label;
        this.types = List.of(types);
    }

    public String label() {
        return label;
    }

    /** The audit event types of this category (the contract's names). */
    public List<String> types() {
        return types;
    }

    public static Optional<EventCategory> of(String type) {
        for (EventCategory c : values()) {
            if (c.types.contains(type)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Every type of the given categories. */
    public static Set<String> typesOf(Set<EventCategory> categories) {
        return categories.stream().flatMap(c -> c.types.stream()).collect(java.util.stream.Collectors.toSet());
    }

    /** "Failed authentication" for one {@code auth.failed} event; the type itself for others. */
    public static String describe(String type) {
        return switch (type == null ? "" : type) {
            case "auth.failed" -> "Failed authentication";
            case "rate_limit.exceeded" -> "Rate limit hit";
            case "key.used_from_new_ip" -> "Used from a new address";
            case "key.created" -> "Key created";
            case "key.updated" -> "Key changed";
            case "key.disabled" -> "Key frozen";
            case "key.enabled" -> "Key unfrozen";
            case "key.revoked" -> "Key revoked";
            default -> type == null ? "" : type;
        };
    }
}
