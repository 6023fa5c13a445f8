package dev.keydesk.client.model;

/**
 * Which page of keys to fetch.
 *
 * @param limit 1..1000; null lets the server choose (100)
 * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
 * @param status null for the version-1 list (active, disabled and expired keys); or one of
 *     {@link KeyStatus#REVOKED}, {@link KeyStatus#ACTIVE}, {@link KeyStatus#DISABLED},
 *     {@link KeyStatus#EXPIRED} (or whatever a server adds) to list only those
 */
public record KeyListParams(Integer limit, String cursor, String status) {

    public KeyListParams {
        if (status != null && status.isBlank()) {
            status = null;
        }
    }

    /** Version 1's paging without a status filter. */
    public KeyListParams(Integer limit, String cursor) {
        this(limit, cursor, null);
    }

    public static KeyListParams firstPage(int limit) {
        return new KeyListParams(limit, null, null);
    }

    public KeyListParams next(String nextCursor) {
        return new KeyListParams(limit, nextCursor, status);
    }

    public KeyListParams withStatus(String newStatus) {
        return new KeyListParams(limit, cursor, newStatus);
    }
}
