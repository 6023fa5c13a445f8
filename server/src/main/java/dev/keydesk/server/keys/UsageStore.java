package dev.keydesk.server.keys;

import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.http.Json;
import dev.keydesk.server.storage.Database;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Reads the usage history of one key ({@code GET /v1/api-keys/{id}/usage}): what it exercised,
 * per day, and from where, for the last {@value UsageBuffer#HISTORY_DAYS} days, with the uses
 * still in the {@link UsageBuffer} added. Holds no secret.
 */
public final class UsageStore {

    static final String SINCE = "usage_since";

    private UsageStore() {}

    /** Notes when this database started recording usage, unless it already had (demo data may set it earlier). */
    public static void startRecording(Database db, long now) {
        db.writeVoid(h -> h.createUpdate("INSERT OR IGNORE INTO server_meta (name, value) VALUES (:name, :value)")
                .bind("name", SINCE).bind("value", Long.toString(now)).execute());
    }

    /** Sets when recording started (demo data, whose history goes back further than the database). */
    public static void setSince(Handle h, long since) {
        h.createUpdate("INSERT OR REPLACE INTO server_meta (name, value) VALUES (:name, :value)")
                .bind("name", SINCE).bind("value", Long.toString(since)).execute();
    }

    /** Sums over the last 7, 30 and 90 days and the latest use. */
    private static final class Figures {
        long last = -1;
        long d7;
        long d30;
        long d90;
        Long firstSeen;

        void add(long day, long today, long requests) {
            long age = today - day;
            if (age < 7) {
                d7 += requests;
            }
            if (age < 30) {
                d30 += requests;
            }
            if (age < 90) {
                d90 += requests;
            }
        }

        void seen(long at) {
            last = Math.max(last, at);
        }

        Map<String, Object> json(String nameField, String name, String lastField) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(nameField, name);
            if (firstSeen != null) {
                m.put("first_seen", Json.time(firstSeen));
            }
            m.put(lastField, last < 0 ? null : Json.time(last));
            m.put("requests_30d", d30);
            m.put("requests_7d", d7);
            m.put("requests_90d", d90);
            return m;
        }
    }

    /** The contract's usage object for {@code key}, as of {@code now}. */
    static Map<String, Object> usage(Database db, UsageBuffer buffer, KeyRecord key, long now) {
        long today = KeyRecord.dayOf(now);
        long fromDay = today - UsageBuffer.HISTORY_DAYS + 1;
        String id = key.id();
        Map<String, Figures> perms = new TreeMap<>();
        Map<String, Figures> addresses = new TreeMap<>();
        TreeMap<Long, Long> daily = new TreeMap<>();
        long[] since = new long[1];
        buffer.read(() -> {
            db.read(h -> {
                since[0] = h.createQuery("SELECT value FROM server_meta WHERE name = :name").bind("name", SINCE)
                        .mapTo(String.class).findOne().map(Long::parseLong).orElse(now);
                h.createQuery("SELECT permission, day, requests FROM key_permission_daily "
                                + "WHERE key_id = :id AND day >= :from")
                        .bind("id", id).bind("from", fromDay)
                        .map((rs, c) -> {
                            perms.computeIfAbsent(rs.getString(1), p -> new Figures())
                                    .add(rs.getLong(2), today, rs.getLong(3));
                            return null;
                        }).list();
                h.createQuery("SELECT permission, last_used FROM key_permission_usage WHERE key_id = :id")
                        .bind("id", id)
                        .map((rs, c) -> {
                            perms.computeIfAbsent(rs.getString(1), p -> new Figures()).seen(rs.getLong(2));
                            return null;
                        }).list();
                h.createQuery("SELECT day, requests FROM key_usage_daily WHERE key_id = :id AND day >= :from")
                        .bind("id", id).bind("from", fromDay)
                        .map((rs, c) -> daily.merge(rs.getLong(1), rs.getLong(2), Long::sum)).list();
                h.createQuery("SELECT ip, first_seen, COALESCE(last_seen, first_seen) FROM key_addresses "
                                + "WHERE key_id = :id")
                        .bind("id", id)
                        .map((rs, c) -> {
                            Figures f = addresses.computeIfAbsent(rs.getString(1), a -> new Figures());
                            f.firstSeen = rs.getLong(2);
                            f.seen(rs.getLong(3));
                            return null;
                        }).list();
                h.createQuery("SELECT ip, day, requests FROM key_address_daily WHERE key_id = :id AND day >= :from")
                        .bind("id", id).bind("from", fromDay)
                        .map((rs, c) -> {
                            addresses.computeIfAbsent(rs.getString(1), a -> new Figures())
                                    .add(rs.getLong(2), today, rs.getLong(3));
                            return null;
                        }).list();
                return null;
            });
            buffer.pendingCounters(id).forEach((c, t) -> {
                if (c.day() < fromDay) {
                    return;
                }
                switch (c.kind()) {
                    case DAY -> daily.merge(c.day(), t.count, Long::sum);
                    case PERMISSION -> {
                        Figures f = perms.computeIfAbsent(c.name(), p -> new Figures());
                        f.add(c.day(), today, t.count);
                        f.seen(t.last);
                    }
                    case ADDRESS -> {
                        Figures f = addresses.computeIfAbsent(c.name(), a -> new Figures());
                        f.add(c.day(), today, t.count);
                        f.seen(t.last);
                        if (f.firstSeen == null) {
                            f.firstSeen = t.last; // normally written at first use; an approximation otherwise
                        }
                    }
                }
            });
            return null;
        });

        List<Object> permissionRows = new ArrayList<>();
        boolean admin = key.permissions().contains(Catalog.ADMIN);
        for (String p : key.permissions()) {
            Figures f = perms.get(p);
            if (Catalog.ADMIN.equals(p)) {
                // admin:* itself is never exercised: what it was used for is every concrete
                // permission the key did not also hold by name.
                f = new Figures();
                for (Map.Entry<String, Figures> e : perms.entrySet()) {
                    if (!key.permissions().contains(e.getKey())) {
                        f.last = Math.max(f.last, e.getValue().last);
                        f.d7 += e.getValue().d7;
                        f.d30 += e.getValue().d30;
                        f.d90 += e.getValue().d90;
                    }
                }
            }
            permissionRows.add((f == null ? new Figures() : f).json("permission", p, "last_used"));
        }
        if (admin) {
            perms.forEach((p, f) -> {
                if (!key.permissions().contains(p)) {
                    permissionRows.add(f.json("permission", p, "last_used"));
                }
            });
        }
        List<Object> days = new ArrayList<>();
        daily.forEach((day, n) -> {
            if (n > 0) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("date", LocalDate.ofEpochDay(day).toString());
                d.put("requests", n);
                days.add(d);
            }
        });
        long cutoff = fromDay * 86_400L;
        List<Object> addressRows = new ArrayList<>();
        addresses.entrySet().stream()
                .filter(e -> e.getValue().last >= cutoff)
                .sorted((a, b) -> Long.compare(b.getValue().last, a.getValue().last))
                .forEach(e -> addressRows.add(e.getValue().json("ip", e.getKey(), "last_seen")));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key_id", id);
        out.put("since", Json.time(since[0]));
        out.put("permissions", permissionRows);
        out.put("daily", days);
        out.put("addresses", addressRows);
        return out;
    }
}
