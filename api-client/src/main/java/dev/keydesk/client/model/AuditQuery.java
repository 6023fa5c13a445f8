package dev.keydesk.client.model;

import java.time.Instant;

/** Filters and paging for audit events; every field may be null. */
public record AuditQuery(String keyId, String type, Instant since, Integer limit, String cursor) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null);
    }

    public static AuditQuery forKey(String keyId) {
        return new AuditQuery(keyId, null, null, null, null);
    }

    public AuditQuery next(String nextCursor) {
        return new AuditQuery(keyId, type, since, limit, nextCursor);
    }
}
