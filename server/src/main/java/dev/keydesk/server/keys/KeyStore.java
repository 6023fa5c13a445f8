package dev.keydesk.server.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for {@code api_keys} and {@code key_addresses}; callers choose the handle (read or write). */
public final class KeyStore {

    private KeyStore() {}

    static KeyRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        String perms = rs.getString("permissions");
        return new KeyRecord(
                rs.getLong("seq"),
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("prefix"),
                rs.getBytes("secret_hash"),
                rs.getString("type"),
                rs.getString("status"),
                perms.isEmpty() ? List.of() : List.of(perms.split(" ")),
                rs.getLong("created_at"),
                rs.getString("created_by"),
                nullableLong(rs, "expires_at"),
                nullableLong(rs, "revoked_at"),
                rs.getString("revoked_by"),
                nullableLong(rs, "last_used"),
                rs.getString("last_used_ip"),
                rs.getLong("usage_day"),
                rs.getLong("requests_today"),
                rs.getLong("usage_month"),
                rs.getLong("requests_this_month"),
                rs.getLong("version"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static List<KeyRecord> byPrefix(Handle h, String prefix) {
        return h.createQuery("SELECT * FROM api_keys WHERE prefix = :prefix")
                .bind("prefix", prefix).map(KeyStore::map).list();
    }

    public static Optional<KeyRecord> byId(Handle h, String id) {
        return h.createQuery("SELECT * FROM api_keys WHERE id = :id").bind("id", id).map(KeyStore::map).findOne();
    }

    public static Optional<KeyRecord> unrevokedById(Handle h, String id) {
        return byId(h, id).filter(k -> !k.revoked());
    }

    public static long countAll(Handle h) {
        return h.createQuery("SELECT COUNT(*) FROM api_keys").mapTo(Long.class).one();
    }

    /**
     * Unrevoked keys, newest first, strictly after the cursor's {@code seq}; with {@code status}
     * (active, disabled, expired; null for all) only those whose state at {@code now} is that.
     */
    static List<KeyRecord> page(Handle h, String status, long now, long beforeSeq, int limit) {
        String filter = status == null ? "" : switch (status) {
            case "active" -> " AND status = 'active' AND (expires_at IS NULL OR expires_at > :now)";
            case "disabled" -> " AND status = 'disabled' AND (expires_at IS NULL OR expires_at > :now)";
            case "expired" -> " AND expires_at IS NOT NULL AND expires_at <= :now";
            default -> throw new IllegalArgumentException(status);
        };
        return h.createQuery("SELECT * FROM api_keys WHERE revoked_at IS NULL AND seq < :before" + filter
                        + " ORDER BY seq DESC LIMIT :limit")
                .bind("before", beforeSeq).bind("limit", limit).bind("now", now).map(KeyStore::map).list();
    }

    /** Revoked keys, latest revocation first, strictly after the position (revoked_at, seq). */
    static List<KeyRecord> revokedPage(Handle h, long beforeAt, long beforeSeq, int limit) {
        return h.createQuery("SELECT * FROM api_keys WHERE revoked_at IS NOT NULL "
                        + "AND (revoked_at, seq) < (:beforeAt, :before) ORDER BY revoked_at DESC, seq DESC LIMIT :limit")
                .bind("beforeAt", beforeAt).bind("before", beforeSeq).bind("limit", limit).map(KeyStore::map).list();
    }

    private static final String INSERT = "INSERT INTO api_keys (id, name, description, prefix, secret_hash, type, "
            + "status, permissions, created_at, created_by, expires_at, last_used, last_used_ip, usage_day, "
            + "requests_today, usage_month, requests_this_month) VALUES (:id, :name, :description, :prefix, :hash, "
            + ":type, :status, :permissions, :createdAt, :createdBy, :expiresAt, :lastUsed, :lastUsedIp, :usageDay, "
            + ":requestsToday, :usageMonth, :requestsThisMonth)";

    public static void insert(Handle h, KeyRecord k) {
        var update = h.createUpdate(INSERT);
        bindInsert(k, update);
        update.execute();
    }

    public static PreparedBatch insertBatch(Handle h) {
        return h.prepareBatch(INSERT);
    }

    public static void addToBatch(PreparedBatch batch, KeyRecord k) {
        bindInsert(k, batch);
        batch.add();
    }

    private static void bindInsert(KeyRecord k, org.jdbi.v3.core.statement.SqlStatement<?> s) {
        s.bind("id", k.id())
                .bind("name", k.name())
                .bind("description", k.description())
                .bind("prefix", k.prefix())
                .bind("hash", k.secretHash())
                .bind("type", k.type())
                .bind("status", k.status())
                .bind("permissions", String.join(" ", k.permissions()))
                .bind("createdAt", k.createdAt())
                .bind("createdBy", k.createdBy())
                .bind("expiresAt", k.expiresAt())
                .bind("lastUsed", k.lastUsed())
                .bind("lastUsedIp", k.lastUsedIp())
                .bind("usageDay", k.usageDay())
                .bind("requestsToday", k.requestsToday())
                .bind("usageMonth", k.usageMonth())
                .bind("requestsThisMonth", k.requestsThisMonth());
    }

    static void update(Handle h, KeyRecord k) {
        h.createUpdate("UPDATE api_keys SET name = :name, description = :description, permissions = :permissions, "
                        + "expires_at = :expiresAt, status = :status, version = version + 1 WHERE id = :id")
                .bind("name", k.name())
                .bind("description", k.description())
                .bind("permissions", String.join(" ", k.permissions()))
                .bind("expiresAt", k.expiresAt())
                .bind("status", k.status())
                .bind("id", k.id())
                .execute();
    }

    static void revoke(Handle h, String id, long now, String by) {
        h.createUpdate("UPDATE api_keys SET revoked_at = :now, revoked_by = :by, version = version + 1 "
                        + "WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("by", by).bind("id", id).execute();
    }

    /** Remembers an address for a key; true if it was new. */
    public static boolean rememberAddress(Handle h, String id, String ip, long now) {
        return h.createUpdate("INSERT OR IGNORE INTO key_addresses (key_id, ip, first_seen) VALUES (:id, :ip, :now)")
                .bind("id", id).bind("ip", ip).bind("now", now).execute() == 1;
    }

    static boolean sameHash(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
