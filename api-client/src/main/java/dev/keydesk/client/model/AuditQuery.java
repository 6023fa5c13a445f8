package dev.keydesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Filters and paging for audit events; every field may be null (or empty), meaning "any".
 *
 * @param types the event types wanted (sent as one comma-separated {@code type}); empty for all
 * @param ip only events from this client address
 * @param since only events at or after this instant
 * @param until only events before this instant
 */
public record AuditQuery(String keyId, List<String> types, String ip, Instant since, Instant until, Integer limit,
                         String cursor) {

    public AuditQuery {
        types = types == null ? List.of() : types.stream().filter(Objects::nonNull).map(String::strip)
                .filter(t -> !t.isEmpty()).distinct().toList();
    }

    /** Version 1's query: one type at most, no address, no upper bound. */
    public AuditQuery(String keyId, String type, Instant since, Integer limit, String cursor) {
        this(keyId, type == null ? List.of() : List.of(type), null, since, null, limit, cursor);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, List.of(), null, null, null, null, null);
    }

    public static AuditQuery forKey(String keyId) {
        return all().withKeyId(keyId);
    }

    /** The one type asked for, or null when none or several are. */
    public String type() {
        return types.size() == 1 ? types.get(0) : null;
    }

    public AuditQuery withKeyId(String newKeyId) {
        return new AuditQuery(newKeyId, types, ip, since, until, limit, cursor);
    }

    public AuditQuery withTypes(String... newTypes) {
        return new AuditQuery(keyId, List.of(newTypes), ip, since, until, limit, cursor);
    }

    public AuditQuery withIp(String newIp) {
        return new AuditQuery(keyId, types, newIp, since, until, limit, cursor);
    }

    public AuditQuery withSince(Instant newSince) {
        return new AuditQuery(keyId, types, ip, newSince, until, limit, cursor);
    }

    public AuditQuery withUntil(Instant newUntil) {
        return new AuditQuery(keyId, types, ip, since, newUntil, limit, cursor);
    }

    public AuditQuery withLimit(Integer newLimit) {
        return new AuditQuery(keyId, types, ip, since, until, newLimit, cursor);
    }

    public AuditQuery next(String nextCursor) {
        return new AuditQuery(keyId, types, ip, since, until, limit, nextCursor);
    }
}
