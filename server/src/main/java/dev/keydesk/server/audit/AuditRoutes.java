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

/**
 * {@code GET /v1/audit-events}: newest first, cursor-paged, filtered by key, type (one or a
 * comma-separated list), time ({@code since} inclusive, {@code until} exclusive) and address.
 */
public final class AuditRoutes {

    private final Database db;

    public AuditRoutes(Database db) {
        this.db = db;
    }

    public void list(Context ctx) {
        int limit = Paging.limit(ctx);
        long[] position = position(ctx);
        String keyId = blankToNull(ctx.queryParam("key_id"));
        List<String> types = types(blankToNull(ctx.queryParam("type")));
        Long since = time(ctx, "since");
        Long until = time(ctx, "until");
        String ip = blankToNull(ctx.queryParam("ip"));
        AuditLog.Filter filter = new AuditLog.Filter(keyId, types, since, until, ip == null ? null : ip.strip());
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

    /** {@code type}: one event type or a comma-separated list of them; null for all. */
    private static List<String> types(String raw) {
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String t : raw.split(",")) {
            String type = t.strip();
            if (type.isEmpty()) {
                continue;
            }
            if (!AuditLog.TYPES.contains(type)) {
                throw ApiError.malformed("type must be one or more (comma-separated) of "
                        + String.join(", ", AuditLog.TYPES.stream().sorted().toList()) + ".", "type");
            }
            if (!out.contains(type)) {
                out.add(type);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static Long time(Context ctx, String param) {
        String raw = blankToNull(ctx.queryParam(param));
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant().getEpochSecond();
        } catch (DateTimeParseException e) {
            throw ApiError.malformed(param + " must be an RFC 3339 timestamp.", param);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
