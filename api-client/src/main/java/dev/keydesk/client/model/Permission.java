package dev.keydesk.client.model;

import java.util.Collection;
import java.util.Objects;

/**
 * One permission, {@code <resource>:<access>} such as {@code datasets:read}. Permissions are
 * additive; {@link #ADMIN_ALL} holds every other one.
 *
 * <p>Any string is kept as it came, so a permission this client does not know (a new resource, a
 * new access level, a string without a colon) survives a round trip and can be shown.
 */
public record Permission(String value) implements Comparable<Permission> {

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final Permission ADMIN_ALL = new Permission("admin:*");

    public Permission {
        Objects.requireNonNull(value, "value");
    }

    public static Permission parse(String value) {
        return new Permission(value.trim());
    }

    public static Permission of(String resource, String access) {
        return new Permission(resource + ":" + access);
    }

    /** The part before the last colon, or the whole string when there is none. */
    public String resource() {
        int colon = value.lastIndexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The part after the last colon, or an empty string when there is none. */
    public String access() {
        int colon = value.lastIndexOf(':');
        return colon < 0 ? "" : value.substring(colon + 1);
    }

    /** Whether it has the {@code resource:access} shape at all. */
    public boolean isWellFormed() {
        int colon = value.lastIndexOf(':');
        return colon > 0 && colon < value.length() - 1;
    }

    public boolean isAdminAll() {
        return equals(ADMIN_ALL);
    }

    /** Write and admin grants are the risky ones: they change data or keys. */
    public boolean isRisky() {
        return isAdminAll() || WRITE.equals(access()) || "*".equals(access());
    }

    /** Whether a key that holds {@code held} may act as {@code wanted} needs. */
    public static boolean holds(Collection<Permission> held, Permission wanted) {
        return held.contains(ADMIN_ALL) || held.contains(wanted);
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(Permission other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
