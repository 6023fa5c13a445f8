package dev.keydesk.server.demo;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.keys.KeyRecord;
import dev.keydesk.server.keys.KeyStore;
import dev.keydesk.server.keys.NewKey;
import dev.keydesk.server.storage.Database;
import dev.keydesk.server.keys.UsageBuffer;
import dev.keydesk.server.keys.UsageStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Realistic demo keys so that every panel of the app has something to show: varied names,
 * presets and custom sets, live and test, expiries from "already expired" to "never" (and a
 * cluster of a dozen expiring on the same day within 30 days), some disabled, a few revoked,
 * keys old enough to be due for rotation, usage per permission and per address over the last 90
 * days (keys that use all their grants, a fraction, or a write grant not for 60 days), and audit
 * events: failed authentications from two addresses, rate-limit hits, new addresses.
 *
 * <p>Coherent by construction: a key is created before it expires (and lives at most 365 days if
 * it expires), is used only between its creation and the earliest of now, its expiry and its
 * revocation, and its events fall within that lifetime. Secrets are minted and dropped at once.
 * The newest {@value #WITH_HISTORY} keys get a daily history, the newest {@value #DETAILED} audit
 * events; older ones only their counters and last use per permission and address, so that
 * 100,000 keys stay quick to insert.
 */
public final class DemoData {

    private static final String[] SYSTEMS = {"Billing ETL", "Analytics dashboard", "Data ingestion worker",
            "Partner sync", "Mobile backend", "Marketing export", "Nightly reports", "Fraud scoring",
            "CRM connector", "Warehouse loader", "Support tooling", "SDK sample app", "Workflow runner",
            "Webhook relay", "Audience builder", "Model training pipeline", "QA automation", "Snowflake delivery",
            "Looker extracts", "Segment bridge"};
    private static final String[] ENVS = {"prod", "staging", "dev", "eu-west", "us-east", "sandbox"};
    private static final String[] OWNERS = {"data platform team", "growth team", "finance", "SRE",
            "the partner integrations squad", "mobile team"};
    private static final List<List<String>> SETS = List.of(
            List.of("datasets:read", "queries:read", "subscriptions:read"),
            List.of("datasets:write", "data_streams:write"),
            List.of("workflows:read", "workflows:write", "jobs:read", "jobs:write"),
            List.of("connections:read", "connections:write", "destinations:read", "destinations:write"),
            List.of("apps:read", "apps:write", "app_profiles:read", "app_profiles:write", "installations:read",
                    "installations:write"),
            List.of("datasets:read"),
            List.of("datasets:read", "datasets:write", "views:read", "mappings:read", "attributes:read"),
            List.of("access_tokens:read"),
            List.of("access_tokens:read", "access_tokens:write"),
            List.of("models:read", "models:write", "model_training:write", "datasets:read"),
            List.of("webhooks:read", "webhooks:write", "app_events:write"),
            List.of("encryption_materials:read", "data_planes:read", "resources:read"));
    private static final String[] IPS = {"203.0.113.7", "203.0.113.42", "198.51.100.23", "198.51.100.77",
            "192.0.2.15", "10.20.4.11", "172.16.8.30"};

    /** The newest keys with audit events. */
    private static final int DETAILED = 2000;
    /** The newest keys with a daily history (most of the rows: 90 days x permissions x addresses). */
    private static final int WITH_HISTORY = 500;
    private static final long DAY = 86_400L;
    /** Addresses that fail to authenticate (a scanner, a misconfigured job). */
    static final String[] FAILING = {"198.51.100.250", "203.0.113.99"};

    private record DemoEvent(long at, String type, String actor, String keyId, String ip,
            Map<String, String> detail) {}

    /** What one key did: the last use of each permission, per-day counts, the addresses. */
    private static final class Activity {
        final Map<String, Long> lastUsed = new LinkedHashMap<>();
        final TreeMap<Long, Long> daily = new TreeMap<>();
        final List<long[]> permDaily = new ArrayList<>();     // {permission index, day, requests}
        final List<String> permNames = new ArrayList<>();
        final List<long[]> addrDaily = new ArrayList<>();     // {address index, day, requests}
        final List<String> addresses = new ArrayList<>();
        final List<long[]> addrSeen = new ArrayList<>();      // {first, last}
        long last = -1;
        String lastIp;
    }

    private DemoData() {}

    public static void insert(Database db, SecretHasher hasher, int n, long now, String createdBy) {
        if (n <= 0) {
            return;
        }
        Random rnd = new Random(42);
        long today = KeyRecord.dayOf(now);
        long historyFrom = today - UsageBuffer.HISTORY_DAYS + 1;
        long clusterAt = (today + 21) * DAY + 17 * 3600;     // a dozen keys expire on this day
        int clusterEvery = Math.max(1, n / 12);
        db.writeVoid(h -> {
            UsageStore.setSince(h, historyFrom * DAY);
            PreparedBatch keys = KeyStore.insertBatch(h);
            PreparedBatch revocations = h.prepareBatch(
                    "UPDATE api_keys SET revoked_at = :at, revoked_by = :by WHERE id = :id");
            PreparedBatch addresses = h.prepareBatch("INSERT OR IGNORE INTO key_addresses (key_id, ip, first_seen, "
                    + "last_seen) VALUES (:id, :ip, :first, :last)");
            // The history is most of the rows: plain JDBC batches, several times faster than binding by name.
            Rows permLast = new Rows(h, "INSERT INTO key_permission_usage (key_id, permission, last_used) VALUES (?, ?, ?)");
            Rows permDaily = new Rows(h, "INSERT INTO key_permission_daily (key_id, permission, day, requests) "
                    + "VALUES (?, ?, ?, ?)");
            Rows keyDaily = new Rows(h, "INSERT INTO key_usage_daily (key_id, day, requests) VALUES (?, ?, ?)");
            Rows addrDaily = new Rows(h, "INSERT INTO key_address_daily (key_id, ip, day, requests) VALUES (?, ?, ?, ?)");
            int[] counts = new int[7];
            List<DemoEvent> events = new ArrayList<>();
            int clustered = 0;
            for (int i = 0; i < n; i++) {
                boolean detailed = i >= n - DETAILED;
                // Oldest first, so the newest-first list opens on the most recent ones.
                long createdAt = now - (long) (n - i) * Math.max(60, 400L * DAY / n) - rnd.nextInt(3600);
                String system = SYSTEMS[i % SYSTEMS.length];
                String env = ENVS[(i / SYSTEMS.length + i) % ENVS.length];
                String name = n > SYSTEMS.length * ENVS.length
                        ? system + " (" + env + ") #" + (i + 1) : system + " (" + env + ")";
                String type = env.equals("prod") || env.startsWith("eu") || env.startsWith("us") ? "live" : "test";
                List<String> perms = SETS.get(rnd.nextInt(SETS.size()));
                Long expiresAt = switch (i % 6) {
                    case 0 -> now - DAY * (1 + rnd.nextInt(30));            // already expired
                    case 1 -> now + 3600L * (6 + rnd.nextInt(6 * 24));     // within 7 days
                    case 2 -> now + DAY * (20 + rnd.nextInt(10));          // about 30 days
                    case 3 -> now + DAY * (300 + rnd.nextInt(60));         // about a year
                    case 4 -> null;                                        // never
                    default -> now + DAY * (60 + rnd.nextInt(120));
                };
                boolean inCluster = clustered < 12 && i % clusterEvery == clusterEvery / 2;
                if (inCluster) {
                    expiresAt = clusterAt + 60L * rnd.nextInt(240);
                    clustered++;
                }
                if (expiresAt != null) {
                    // created before it expires, and at most a year before
                    createdAt = Math.max(createdAt, expiresAt - 365 * DAY + DAY);
                    createdAt = Math.min(createdAt, expiresAt - 7 * DAY);
                }
                createdAt = Math.min(createdAt, now - 3600);
                String status = i % 9 == 4 ? "disabled" : "active";
                Long revokedAt = null;
                if (i % 15 == 11 && !inCluster) {
                    long until = Math.min(now, expiresAt == null ? now : expiresAt);
                    revokedAt = createdAt + (long) ((until - createdAt) * (0.5 + 0.5 * rnd.nextDouble()));
                }
                long end = Math.min(now, Math.min(expiresAt == null ? now : expiresAt, revokedAt == null ? now : revokedAt));

                Activity a = i % 7 == 6 ? new Activity()
                        : activity(rnd, i, perms, createdAt, end, now, i >= n - WITH_HISTORY);
                long requestsToday = a.daily.getOrDefault(today, 0L);
                long month = KeyRecord.monthOf(now);
                long thisMonth = 0;
                for (Map.Entry<Long, Long> d : a.daily.entrySet()) {
                    if (KeyRecord.monthOf(d.getKey() * DAY) == month) {
                        thisMonth += d.getValue();
                    }
                }
                if (i < n - WITH_HISTORY && a.last >= 0) {
                    requestsToday = KeyRecord.dayOf(a.last) == today ? 1 + rnd.nextInt(5000) : 0;
                    thisMonth = KeyRecord.monthOf(a.last) == month ? requestsToday + rnd.nextInt(120_000) : 0;
                }
                Long lastUsed = a.last < 0 ? null : a.last;
                NewKey minted = NewKey.mint(hasher, name,
                        "Used by the " + OWNERS[i % OWNERS.length] + " for " + system.toLowerCase() + ".",
                        type, perms, createdAt, createdBy, expiresAt);
                KeyRecord r = minted.record();
                KeyRecord row = new KeyRecord(0, r.id(), r.name(), r.description(), r.prefix(), r.secretHash(),
                        r.type(), status, r.permissions(), r.createdAt(), r.createdBy(), r.expiresAt(), null, null,
                        lastUsed, a.lastIp, lastUsed == null ? 0 : KeyRecord.dayOf(lastUsed), requestsToday,
                        lastUsed == null ? 0 : KeyRecord.monthOf(lastUsed), thisMonth, 1);
                KeyStore.addToBatch(keys, row);
                String id = r.id();
                if (revokedAt != null) {
                    revocations.bind("at", revokedAt).bind("by", createdBy).bind("id", id).add();
                    counts[0]++;
                }
                for (Map.Entry<String, Long> e : a.lastUsed.entrySet()) {
                    permLast.add(id, e.getKey(), e.getValue());
                }
                for (long[] d : a.permDaily) {
                    permDaily.add(id, a.permNames.get((int) d[0]), d[1], d[2]);
                }
                for (Map.Entry<Long, Long> d : a.daily.entrySet()) {
                    keyDaily.add(id, d.getKey(), d.getValue());
                }
                for (long[] d : a.addrDaily) {
                    addrDaily.add(id, a.addresses.get((int) d[0]), d[1], d[2]);
                }
                for (int j = 0; j < a.addresses.size(); j++) {
                    long[] seen = a.addrSeen.get(j);
                    addresses.bind("id", id).bind("ip", a.addresses.get(j)).bind("first", seen[0])
                            .bind("last", seen[1]).add();
                    counts[5]++;
                }
                if (detailed) {
                    events.add(new DemoEvent(createdAt, AuditLog.KEY_CREATED, createdBy, id, "127.0.0.1",
                            Map.of("name", name, "type", type, "permissions", String.join(" ", perms))));
                    if ("disabled".equals(status)) {
                        long at = Math.min(end, createdAt + 3600 + (lastUsed == null ? 0 : Math.max(0, lastUsed - createdAt)));
                        events.add(new DemoEvent(Math.max(createdAt + 1, at), AuditLog.KEY_DISABLED, createdBy, id,
                                "127.0.0.1", Map.of()));
                    }
                    if (revokedAt != null) {
                        events.add(new DemoEvent(revokedAt, AuditLog.KEY_REVOKED, createdBy, id, "127.0.0.1",
                                Map.of("name", name, "reason", i % 2 == 0 ? "rotation" : "INC-2041: leaked in a CI log")));
                    }
                    if (a.addresses.size() > 1) {
                        events.add(new DemoEvent(a.addrSeen.get(1)[0], AuditLog.KEY_USED_FROM_NEW_IP, id, id,
                                a.addresses.get(1), Map.of("previous_ip", a.addresses.get(0))));
                    }
                    long rlFrom = Math.max(createdAt, now - 7 * DAY);
                    if (i % 13 == 5 && lastUsed != null && lastUsed > rlFrom) {
                        long at = rlFrom + (long) (rnd.nextDouble() * (lastUsed - rlFrom));
                        events.add(new DemoEvent(at, AuditLog.RATE_LIMIT_EXCEEDED, id, id, a.lastIp,
                                Map.of("window", i % 2 == 0 ? "minute" : "hour")));
                    }
                }
            }
            keys.execute();
            for (PreparedBatch b : counts[0] > 0 ? List.of(revocations) : List.<PreparedBatch>of()) {
                b.execute();
            }
            for (Rows rows : List.of(permLast, permDaily, keyDaily, addrDaily)) {
                rows.finish();
            }
            executeIf(addresses, counts[5]);
            // failed authentications from two addresses: several in the last 24 hours, more this week
            for (int f = 0; f < FAILING.length; f++) {
                for (int j = 0; j < 10; j++) {
                    long at = j < 6 ? now - 60 - rnd.nextInt(23 * 3600) : now - DAY - rnd.nextInt(6 * (int) DAY);
                    events.add(new DemoEvent(at, AuditLog.AUTH_FAILED, null, null, FAILING[f],
                            Map.of("reason", j % 3 == 0 ? "malformed_key" : "unknown_key")));
                }
            }
            events.sort(Comparator.comparingLong(DemoEvent::at));
            PreparedBatch batch = AuditLog.batch(h);
            for (DemoEvent e : events) {
                AuditLog.addToBatch(batch, e.at(), e.type(), e.actor(), e.keyId(), e.ip(), e.detail());
            }
            batch.execute();
        });
    }

    /** A JDBC batch insert on the transaction's connection, sent every few thousand rows. */
    private static final class Rows {
        private final PreparedStatement statement;
        private int pending;

        Rows(Handle h, String sql) {
            try {
                this.statement = h.getConnection().prepareStatement(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot prepare demo data", e);
            }
        }

        void add(Object... values) {
            try {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.addBatch();
                if (++pending == 5000) {
                    statement.executeBatch();
                    pending = 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot insert demo data", e);
            }
        }

        void finish() {
            try (statement) {
                if (pending > 0) {
                    statement.executeBatch();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot insert demo data", e);
            }
        }
    }

    private static void executeIf(PreparedBatch batch, int size) {
        if (size > 0) {
            batch.execute();
        }
    }

    /**
     * How key {@code i} used its grants between {@code createdAt} and {@code end}: all of them,
     * a fraction, all but one, or its reads lately and its writes not for 60 days or more.
     */
    private static Activity activity(Random rnd, int i, List<String> perms, long createdAt, long end, long now,
            boolean detailed) {
        Activity a = new Activity();
        if (end <= createdAt) {
            return a;
        }
        long sinceMidnight = now - KeyRecord.dayOf(now) * DAY;
        // A quarter of the keys are busy right now (used in the last hours), so usage today and
        // this month have figures even on the first day of a month.
        int profile = i % 4;
        boolean hasWrite = perms.stream().anyMatch(p -> p.endsWith(":write"));
        boolean hasRead = perms.stream().anyMatch(p -> p.endsWith(":read"));
        // The idle-write profile reads lately (within two days), so that its write grant stands out as
        // unused for 60+ days on a key that is plainly alive; the others last used up to 60 days ago.
        boolean idleWrite = profile == 2 && hasWrite && hasRead;
        long lastUse = i % 4 == 0 && end == now
                ? now - rnd.nextInt((int) Math.min(4 * 3600, sinceMidnight) + 1)
                : end - rnd.nextInt((int) Math.min(idleWrite ? 2 * DAY : 60 * DAY, end - createdAt) + 1);
        lastUse = Math.max(createdAt, Math.min(end, lastUse));
        List<String> used = new ArrayList<>();
        Map<String, Long> last = new LinkedHashMap<>();
        for (int j = 0; j < perms.size(); j++) {
            String p = perms.get(j);
            boolean use = switch (profile) {
                case 0 -> true;                                         // uses every grant
                case 1 -> j < Math.max(1, (perms.size() + 1) / 2);      // a fraction: over-granted
                case 2 -> true;
                default -> perms.size() == 1 || j != perms.size() - 1;  // all but one
            };
            if (!use) {
                continue;
            }
            long at = lastUse - rnd.nextInt(3 * 3600);
            if (idleWrite && p.endsWith(":write")) {
                at = lastUse - DAY * (60 + rnd.nextInt(30));             // a write grant idle for 60+ days
            } else if (j > 0) {
                at -= (long) rnd.nextInt(5) * DAY;
            }
            if (at < createdAt) {
                continue;
            }
            used.add(p);
            last.put(p, at);
        }
        if (used.isEmpty()) {
            used.add(perms.get(0));
            last.put(perms.get(0), lastUse);
        }
        a.lastUsed.putAll(last);
        a.last = last.values().stream().mapToLong(Long::longValue).max().orElse(lastUse);
        // one or two addresses; the second one appears later in the key's life
        String first = IPS[rnd.nextInt(IPS.length)];
        String second = i % 3 == 0 ? IPS[(java.util.Arrays.asList(IPS).indexOf(first) + 1) % IPS.length] : null;
        long secondFrom = second == null ? Long.MAX_VALUE
                : Math.max(createdAt, a.last - DAY * (5 + rnd.nextInt(40)));
        a.addresses.add(first);
        a.addrSeen.add(new long[] {Math.min(a.last, createdAt + rnd.nextInt(3600)), a.last});
        if (second != null) {
            a.addresses.add(second);
            a.addrSeen.add(new long[] {secondFrom, a.last});
        }
        a.lastIp = second != null ? second : first;
        if (!detailed) {
            return a;
        }
        long today = KeyRecord.dayOf(now);
        long fromDay = Math.max(today - UsageBuffer.HISTORY_DAYS + 1, KeyRecord.dayOf(createdAt));
        Map<Long, long[]> perAddrDay = new TreeMap<>();
        for (int j = 0; j < used.size(); j++) {
            String p = used.get(j);
            a.permNames.add(p);
            long lastDay = KeyRecord.dayOf(last.get(p));
            int scale = 20 + rnd.nextInt(400);
            for (long day = fromDay; day <= lastDay; day++) {
                if (day != lastDay && rnd.nextInt(10) < 3) {
                    continue; // quiet days
                }
                long requests = 1 + rnd.nextInt(scale);
                a.permDaily.add(new long[] {j, day, requests});
                a.daily.merge(day, requests, Long::sum);
                // from the second address once it appeared, else from the first
                int ip = second != null && day >= KeyRecord.dayOf(secondFrom) ? 1 : 0;
                long[] split = perAddrDay.computeIfAbsent(day, d -> new long[2]);
                split[ip] += requests;
            }
        }
        perAddrDay.forEach((day, split) -> {
            for (int ip = 0; ip < split.length; ip++) {
                if (split[ip] > 0) {
                    a.addrDaily.add(new long[] {ip, day, split[ip]});
                }
            }
        });
        if (second != null && perAddrDay.values().stream().noneMatch(s -> s[1] > 0)) {
            // the second address never showed within the kept history: it is still its last one
            a.addrDaily.add(new long[] {1, KeyRecord.dayOf(a.last), 1});
            a.daily.merge(KeyRecord.dayOf(a.last), 1L, Long::sum);
        }
        return a;
    }
}
