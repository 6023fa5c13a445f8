package dev.keydesk.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset paging: {@code limit} 1..1000 (default 100) and an opaque cursor that encodes the
 * position of the last item returned. Bad values are a 400 {@code malformed_request} with param.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw ApiError.malformed("limit must be an integer from 1 to " + MAX_LIMIT + ".", "limit");
    }

    /** The position after which to continue, or {@link Long#MAX_VALUE} for the first page. */
    public static long cursor(Context ctx, String kind) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                long seq = Long.parseLong(decoded.substring(kind.length() + 1));
                if (seq > 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error
        }
        throw ApiError.malformed("cursor is not a cursor returned by this server.", "cursor");
    }

    public static String encode(String kind, Object position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of {@code kind} holds; 400 if it is not one of ours. */
    public static String decode(String raw, String kind) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) {
                return decoded.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error
        }
        throw badCursor();
    }

    public static ApiError badCursor() {
        return ApiError.malformed("cursor is not a cursor returned by this server.", "cursor");
    }
}
