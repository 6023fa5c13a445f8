package dev.keydesk.core.incident;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One condition a key must meet to be a target. A plan's rules are combined with AND; each is
 * also written to the report as {@link #kind()} and {@link #value()} and read back with
 * {@link #parse(String, String)}.
 */
public sealed interface TargetRule {

    /** Whether {@code key} meets this rule at {@code now}. */
    boolean test(ApiKey key, Instant now);

    /** A stable name for the report: {@code all}, {@code type}, {@code permission}, … */
    String kind();

    /** The rule's value as text (empty for {@code all} and {@code never-used}). */
    String value();

    /** For people: "holds datasets:write". */
    String describe();

    /** Every key. Needed explicitly: a plan without ids or rules selects nothing. */
    record All() implements TargetRule {
        public boolean test(ApiKey key, Instant now) {
            return true;
        }

        public String kind() {
            return "all";
        }

        public String value() {
            return "";
        }

        public String describe() {
            return "all keys";
        }
    }

    /** Live or test keys. */
    record OfType(String type) implements TargetRule {
        public OfType {
            type = requireText(type, "type").toLowerCase(Locale.ROOT);
        }

        public boolean test(ApiKey key, Instant now) {
            return type.equalsIgnoreCase(key.type() == null ? "" : key.type());
        }

        public String kind() {
            return "type";
        }

        public String value() {
            return type;
        }

        public String describe() {
            return type + " keys";
        }
    }

    /** Keys that hold a permission ({@code admin:*} holds every one). */
    record HoldsPermission(Permission permission) implements TargetRule {
        public HoldsPermission {
            Objects.requireNonNull(permission, "permission");
        }

        public boolean test(ApiKey key, Instant now) {
            return Permission.holds(key.permissions(), permission);
        }

        public String kind() {
            return "permission";
        }

        public String value() {
            return permission.value();
        }

        public String describe() {
            return "holds " + permission.value();
        }
    }

    /** Keys that grant anything on a resource ({@code admin:*} grants everything). */
    record OnResource(String resource) implements TargetRule {
        public OnResource {
            resource = requireText(resource, "resource");
        }

        public boolean test(ApiKey key, Instant now) {
            return key.permissions().stream().anyMatch(p -> p.isAdminAll() || p.resource().equals(resource));
        }

        public String kind() {
            return "resource";
        }

        public String value() {
            return resource;
        }

        public String describe() {
            return "any permission on " + resource;
        }
    }

    /** Keys created before an instant (a key without a creation time does not match). */
    record CreatedBefore(Instant instant) implements TargetRule {
        public CreatedBefore {
            Objects.requireNonNull(instant, "instant");
        }

        public boolean test(ApiKey key, Instant now) {
            return key.createdAt() != null && key.createdAt().isBefore(instant);
        }

        public String kind() {
            return "created-before";
        }

        public String value() {
            return instant.toString();
        }

        public String describe() {
            return "created before " + instant;
        }
    }

    /** Keys created at or after an instant. */
    record CreatedAfter(Instant instant) implements TargetRule {
        public CreatedAfter {
            Objects.requireNonNull(instant, "instant");
        }

        public boolean test(ApiKey key, Instant now) {
            return key.createdAt() != null && !key.createdAt().isBefore(instant);
        }

        public String kind() {
            return "created-after";
        }

        public String value() {
            return instant.toString();
        }

        public String describe() {
            return "created after " + instant;
        }
    }

    /** Keys created by a given key (e.g. everything a leaked admin key made). */
    record CreatedBy(String keyId) implements TargetRule {
        public CreatedBy {
            keyId = requireText(keyId, "keyId");
        }

        public boolean test(ApiKey key, Instant now) {
            return keyId.equals(key.createdBy());
        }

        public String kind() {
            return "created-by";
        }

        public String value() {
            return keyId;
        }

        public String describe() {
            return "created by " + keyId;
        }
    }

    /** Keys last used from an address. */
    record LastUsedFrom(String address) implements TargetRule {
        public LastUsedFrom {
            address = requireText(address, "address");
        }

        public boolean test(ApiKey key, Instant now) {
            return address.equals(key.lastUsedIp());
        }

        public String kind() {
            return "last-used-from";
        }

        public String value() {
            return address;
        }

        public String describe() {
            return "last used from " + address;
        }
    }

    /** Keys not used for at least {@code days} days, or never used. */
    record UnusedFor(int days) implements TargetRule {
        public UnusedFor {
            if (days < 0) {
                throw new IllegalArgumentException("days must be 0 or more");
            }
        }

        public boolean test(ApiKey key, Instant now) {
            return key.lastUsed() == null || key.lastUsed().isBefore(now.minus(Duration.ofDays(days)));
        }

        public String kind() {
            return "unused-days";
        }

        public String value() {
            return Integer.toString(days);
        }

        public String describe() {
            return "unused for " + days + " days or never used";
        }
    }

    /** Keys that were never used. */
    record NeverUsed() implements TargetRule {
        public boolean test(ApiKey key, Instant now) {
            return key.lastUsed() == null;
        }

        public String kind() {
            return "never-used";
        }

        public String value() {
            return "";
        }

        public String describe() {
            return "never used";
        }
    }

    /** Keys whose name matches a glob: {@code *} any run of characters, {@code ?} one; case-insensitive. */
    record NameMatches(String glob) implements TargetRule {
        public NameMatches {
            glob = requireText(glob, "glob");
        }

        public boolean test(ApiKey key, Instant now) {
            return key.name() != null && toRegex(glob).matcher(key.name()).matches();
        }

        public String kind() {
            return "name";
        }

        public String value() {
            return glob;
        }

        public String describe() {
            return "name matches “" + glob + "”";
        }

        static Pattern toRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char c : glob.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(c == '*' ? ".*" : ".");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        }
    }

    /** Keys not expired yet that expire within {@code days} days. */
    record ExpiringWithin(int days) implements TargetRule {
        public ExpiringWithin {
            if (days < 0) {
                throw new IllegalArgumentException("days must be 0 or more");
            }
        }

        public boolean test(ApiKey key, Instant now) {
            return key.expiresAt() != null && key.expiresAt().isAfter(now)
                    && !key.expiresAt().isAfter(now.plus(Duration.ofDays(days)));
        }

        public String kind() {
            return "expiring-days";
        }

        public String value() {
            return Integer.toString(days);
        }

        public String describe() {
            return "expiring within " + days + " days";
        }
    }

    /** The rule {@link #kind()} and {@link #value()} describe. */
    static TargetRule parse(String kind, String value) {
        return switch (kind) {
            case "all" -> new All();
            case "type" -> new OfType(value);
            case "permission" -> new HoldsPermission(Permission.parse(value));
            case "resource" -> new OnResource(value);
            case "created-before" -> new CreatedBefore(instant(value));
            case "created-after" -> new CreatedAfter(instant(value));
            case "created-by" -> new CreatedBy(value);
            case "last-used-from" -> new LastUsedFrom(value);
            case "unused-days" -> new UnusedFor(Integer.parseInt(value.trim()));
            case "never-used" -> new NeverUsed();
            case "name" -> new NameMatches(value);
            case "expiring-days" -> new ExpiringWithin(Integer.parseInt(value.trim()));
            default -> throw new IllegalArgumentException("unknown rule “" + kind + "”");
        };
    }

    /**
     * An instant as RFC 3339 ({@code 2026-10-14T10:30:00Z}) or a date ({@code 2026-10-14}, the
     * start of that day in UTC).
     */
    static Instant instant(String text) {
        String t = requireText(text, "date");
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("“" + t + "” is not a date (2026-10-14) or a time (2026-10-14T10:30:00Z)");
            }
        }
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return s.trim();
    }
}
