package dev.keydesk.client.model;

/**
 * A key with the server's version tag ({@code ETag}), to send back as {@code If-Match} so that an
 * edit cannot overwrite someone else's. The tag is null when the server sends none.
 */
public record VersionedKey(ApiKey key, String etag) {
}
