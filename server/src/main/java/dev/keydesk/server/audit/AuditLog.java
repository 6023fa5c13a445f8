package dev.keydesk.server.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keydesk.server.auth.Secrets;
import dev.keydesk.server.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Audit events. {@code detail} is a small JSON object of strings; callers put ids, field names
 * and reasons in it, never a secret.
 */
public final class AuditLog {

    public static final String KEY_CREATED = "key.created";
    public static final String KEY_UPDATED = "key.updated";
    public static final String KEY_DISABLED = "key.disabled";
    public static final String KEY_ENABLED = "key.enabled";
    public static final String KEY_REVOKED = "key.revoked";
    public static final String AUTH_FAILED = "auth.failed";
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit.exceeded";
    public static final String KEY_USED_FROM_NEW_IP = "key.used_from_new_ip";
    public static final Set<String> TYPES = Set.of(KEY_CREATED, KEY_UPDATED, KEY_DISABLED, KEY_ENABLED,
            KEY_REVOKED, AUTH_FAILED, RATE_LIMIT_EXCEEDED, KEY_USED_FROM_NEW_IP);

    public record Event(long seq, String id, long at, String type, String actorKeyId, String keyId, String ip,
            String detail) {

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("at", Json.time(at));
            m.put("type", type);
            m.put("actor_key_id", actorKeyId);
            m.put("key_id", keyId);
            m.put("ip", ip);
            Map<String, Object> parsed;
            try {
                parsed = Json.MAPPER.readValue(detail, new TypeReference<Map<String, Object>>() {});
            } catch (Exception e) {
                parsed = Map.of();
            }
            m.put("detail", parsed);
            return m;
        }
    }

    /** Each field null for "any": key, event types (one or more), time range [since, until), exact address. */
    public record Filter(String keyId, List<String> types, Long since, Long until, String ip) {}

    private AuditLog() {}

    private static final String INSERT = "INSERT INTO audit_events (id, at, type, actor_key_id, key_id, ip, detail) "
            + "VALUES (:id, :at, :type, :actor, :keyId, :ip, :detail)";

    public static void record(Handle h, long at, String type, String actorKeyId, String keyId, String ip,
            Map<String, String> detail) {
        h.createUpdate(INSERT)
                .bind("id", "evt_" + Secrets.base62(16))
                .bind("at", at).bind("type", type).bind("actor", actorKeyId).bind("keyId", keyId).bind("ip", ip)
                .bind("detail", Json.write(detail == null ? Map.of() : detail))
                .execute();
    }

    public static PreparedBatch batch(Handle h) {
        return h.prepareBatch(INSERT);
    }

    public static void addToBatch(PreparedBatch b, long at, String type, String actorKeyId, String keyId, String ip,
            Map<String, String> detail) {
        b.bind("id", "evt_" + Secrets.base62(16))
                .bind("at", at).bind("type", type).bind("actor", actorKeyId).bind("keyId", keyId).bind("ip", ip)
                .bind("detail", Json.write(detail == null ? Map.of() : detail))
                .add();
    }

    /** Newest first ({@code at}, then insertion order), strictly after the position (beforeAt, beforeSeq). */
    public static List<Event> page(Handle h, Filter f, long beforeAt, long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE (at, seq) < (:beforeAt, :before)");
        if (f.keyId() != null) {
            sql.append(" AND key_id = :keyId");
        }
        if (f.types() != null) {
            sql.append(" AND type IN (<types>)");
        }
        if (f.since() != null) {
            sql.append(" AND at >= :since");
        }
        if (f.until() != null) {
            sql.append(" AND at < :until");
        }
        if (f.ip() != null) {
            sql.append(" AND ip = :ip");
        }
        sql.append(" ORDER BY at DESC, seq DESC LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("beforeAt", beforeAt).bind("before", beforeSeq)
                .bind("limit", limit);
        if (f.keyId() != null) {
            q.bind("keyId", f.keyId());
        }
        if (f.types() != null) {
            q.bindList("types", f.types());
        }
        if (f.since() != null) {
            q.bind("since", f.since());
        }
        if (f.until() != null) {
            q.bind("until", f.until());
        }
        if (f.ip() != null) {
            q.bind("ip", f.ip());
        }
        return new ArrayList<>(q.map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("id"), rs.getLong("at"),
                rs.getString("type"), rs.getString("actor_key_id"), rs.getString("key_id"), rs.getString("ip"),
                rs.getString("detail"))).list());
    }
}
