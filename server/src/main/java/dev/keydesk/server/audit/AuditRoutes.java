package dev.keydesk.server.audit;

import dev.keydesk.server.http.ApiError;
import dev.keydesk.server.http.Json;
import dev.keydesk.server.http.Paging;
import dev.keydesk.server.storage.Database;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/audit-events}: newest first, cursor-paged, filtered by key, type and time. */
public final class AuditRoutes {

    private final Database db;

    public AuditRoutes(Database db) {
        this.db = db;
    }

    public void list(Context ctx) {
        int limit = Paging.limit(ctx);
        long[] position = position(ctx);
        String keyId = blankToNull(ctx.queryParam("key_id"));
        String type = blankToNull(ctx.queryParam("type"));
        if (type != null && !AuditLog.TYPES.contains(type)) {
            throw ApiError.malformed("type must be one of " + String.join(", ", AuditLog.TYPES.stream().sorted().toList())
                    + ".", "type");
        }
        Long since = null;
        String rawSince = blankToNull(ctx.queryParam("since"));
        if (rawSince != null) {
            try {
                since = OffsetDateTime.parse(rawSince).toInstant().getEpochSecond();
            } catch (DateTimeParseException e) {
                throw ApiError.malformed("since must be an RFC 3339 timestamp.", "since");
            }
        }
        AuditLog.Filter filter = new AuditLog.Filter(keyId, type, since);
        List<AuditLog.Event> rows = db.read(h -> AuditLog.page(h, filter, position[0], position[1], limit + 1));
        boolean hasMore = rows.size() > limit;
        List<AuditLog.Event> page = hasMore ? rows.subList(0, limit) : rows;
        List<Object> data = new ArrayList<>();
        for (AuditLog.Event e : page) {
            data.add(e.toJson());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("has_more", hasMore);
        AuditLog.Event last = page.isEmpty() ? null : page.get(page.size() - 1);
        out.put("next_cursor", hasMore ? Paging.encode("e", last.at() + ":" + last.seq()) : null);
        ctx.contentType("application/json").result(Json.write(out));
    }

    /** The cursor's (at, seq), or the end of time for the first page. */
    private static long[] position(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isEmpty()) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        String[] parts = Paging.decode(raw, "e").split(":");
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw Paging.badCursor();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
