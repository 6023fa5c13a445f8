package dev.keydesk.client.model;

/**
 * Which page of keys to fetch.
 *
 * @param limit 1..1000; null lets the server choose (100)
 * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
 */
public record KeyListParams(Integer limit, String cursor) {

    public static KeyListParams firstPage(int limit) {
        return new KeyListParams(limit, null);
    }

    public KeyListParams next(String nextCursor) {
        return new KeyListParams(limit, nextCursor);
    }
}
