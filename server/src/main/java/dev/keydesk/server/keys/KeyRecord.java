package dev.keydesk.server.keys;

import dev.keydesk.server.http.Json;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One row of {@code api_keys}. Timestamps are Unix seconds. */
public record KeyRecord(
        long seq,
        String id,
        String name,
        String description,
        String prefix,
        byte[] secretHash,
        String type,
        String status,
        List<String> permissions,
        long createdAt,
        String createdBy,
        Long expiresAt,
        Long revokedAt,
        String revokedBy,
        Long lastUsed,
        String lastUsedIp,
        long usageDay,
        long requestsToday,
        long usageMonth,
        long requestsThisMonth,
        long version) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expired(long now) {
        return expiresAt != null && expiresAt <= now;
    }

    /** {@code expired} wins over the stored status: an expired key stays unusable until its expiry moves. */
    public String effectiveStatus(long now) {
        if (revoked()) {
            return "revoked";
        }
        return expired(now) ? "expired" : status;
    }

    /** Whether the key may authenticate right now. */
    public boolean usable(long now) {
        return !revoked() && "active".equals(status) && !expired(now);
    }

    public Set<String> permissionSet() {
        return new LinkedHashSet<>(permissions);
    }

    public String etag() {
        return "\"v" + version + "\"";
    }

    public static long dayOf(long epochSeconds) {
        return Math.floorDiv(epochSeconds, 86_400L);
    }

    public static long monthOf(long epochSeconds) {
        LocalDate d = LocalDate.ofEpochDay(dayOf(epochSeconds));
        return d.getYear() * 12L + d.getMonthValue() - 1;
    }

    /** The key object of the API (never with the secret). */
    public Map<String, Object> toJson(long now) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("requests_today", usageDay == dayOf(now) ? requestsToday : 0);
        usage.put("requests_this_month", usageMonth == monthOf(now) ? requestsThisMonth : 0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("prefix", prefix);
        m.put("permissions", permissions);
        m.put("created_at", Json.time(createdAt));
        m.put("expires_at", Json.time(expiresAt));
        m.put("last_used", Json.time(lastUsed));
        m.put("usage", usage);
        m.put("description", description);
        m.put("type", type);
        m.put("status", effectiveStatus(now));
        m.put("created_by", createdBy);
        m.put("last_used_ip", lastUsedIp);
        if (revoked()) {
            m.put("revoked_at", Json.time(revokedAt));
            m.put("revoked_by", revokedBy);
        }
        return m;
    }

    static ZoneOffset zone() {
        return ZoneOffset.UTC;
    }
}
