package dev.keydesk.server.demo;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.keys.KeyRecord;
import dev.keydesk.server.keys.KeyStore;
import dev.keydesk.server.keys.NewKey;
import dev.keydesk.server.storage.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Realistic demo keys so that every panel of the app has something to show: varied names,
 * presets and custom sets, live and test, expiries from "already expired" to "never", some
 * disabled, usage spread over time, and audit events. Secrets are minted and dropped at once.
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

    private record DemoEvent(long at, String type, String actor, String keyId, String ip,
            Map<String, String> detail) {}

    private DemoData() {}

    public static void insert(Database db, SecretHasher hasher, int n, long now, String createdBy) {
        if (n <= 0) {
            return;
        }
        Random rnd = new Random(42);
        db.writeVoid(h -> {
            PreparedBatch keys = KeyStore.insertBatch(h);
            List<KeyRecord> made = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // Oldest first, so the newest-first list opens on the most recent ones.
                long createdAt = now - (long) (n - i) * Math.max(60, 400L * 86_400 / Math.max(n, 1))
                        - rnd.nextInt(3600);
                String system = SYSTEMS[i % SYSTEMS.length];
                String env = ENVS[(i / SYSTEMS.length + i) % ENVS.length];
                String name = n > SYSTEMS.length * ENVS.length
                        ? system + " (" + env + ") #" + (i + 1) : system + " (" + env + ")";
                String type = env.equals("prod") || env.startsWith("eu") || env.startsWith("us") ? "live" : "test";
                List<String> perms = SETS.get(rnd.nextInt(SETS.size()));
                Long expiresAt = switch (i % 6) {
                    case 0 -> now - 86_400L * (1 + rnd.nextInt(30));        // already expired
                    case 1 -> now + 3600L * (6 + rnd.nextInt(6 * 24));     // within 7 days
                    case 2 -> now + 86_400L * (20 + rnd.nextInt(10));      // about 30 days
                    case 3 -> now + 86_400L * (300 + rnd.nextInt(60));     // about a year
                    case 4 -> null;                                        // never
                    default -> now + 86_400L * (60 + rnd.nextInt(120));
                };
                if (expiresAt != null && expiresAt > now && expiresAt < createdAt) {
                    createdAt = now - 86_400L * 30;
                }
                String status = i % 9 == 4 ? "disabled" : "active";
                boolean used = i % 7 != 6;
                // A quarter of the used keys are busy right now (used in the last hours), so usage
                // today and this month have figures even on the first day of a month.
                long sinceMidnight = now - KeyRecord.dayOf(now) * 86_400L;
                long sinceUse = i % 4 == 0
                        ? rnd.nextInt((int) Math.min(4 * 3600, sinceMidnight) + 1) // today (UTC), as usage counts
                        : rnd.nextInt(60 * 86_400);
                Long lastUsed = used ? Math.max(createdAt, now - sinceUse) : null;
                String ip = used ? IPS[rnd.nextInt(IPS.length)] : null;
                long today = used && lastUsed > now - 86_400 ? 1 + rnd.nextInt(5000) : 0;
                long month = used ? today + rnd.nextInt(120_000) : 0;
                NewKey minted = NewKey.mint(hasher, name,
                        "Used by the " + OWNERS[i % OWNERS.length] + " for " + system.toLowerCase() + ".",
                        type, perms, createdAt, createdBy, expiresAt);
                KeyRecord r = minted.record();
                long usageDay = lastUsed == null ? 0 : KeyRecord.dayOf(lastUsed);
                long usageMonth = lastUsed == null ? 0 : KeyRecord.monthOf(lastUsed);
                KeyRecord row = new KeyRecord(0, r.id(), r.name(), r.description(), r.prefix(), r.secretHash(),
                        r.type(), status, r.permissions(), r.createdAt(), r.createdBy(), r.expiresAt(), null, null,
                        lastUsed, ip, usageDay, today, usageMonth, month, 1);
                KeyStore.addToBatch(keys, row);
                made.add(row);
            }
            keys.execute();

            PreparedBatch addresses = h.prepareBatch(
                    "INSERT OR IGNORE INTO key_addresses (key_id, ip, first_seen) VALUES (:id, :ip, :at)");
            List<DemoEvent> events = new ArrayList<>();
            for (int i = 0; i < made.size(); i++) {
                KeyRecord k = made.get(i);
                if (k.lastUsedIp() != null) {
                    addresses.bind("id", k.id()).bind("ip", k.lastUsedIp()).bind("at", k.lastUsed()).add();
                }
                if (i >= made.size() - 2000) {
                    events.add(new DemoEvent(k.createdAt(), AuditLog.KEY_CREATED, createdBy, k.id(), "127.0.0.1",
                            Map.of("name", k.name(), "type", k.type(), "permissions", String.join(" ", k.permissions()))));
                    if ("disabled".equals(k.status())) {
                        events.add(new DemoEvent(k.createdAt() + 3600, AuditLog.KEY_DISABLED, createdBy, k.id(),
                                "127.0.0.1", Map.of()));
                    }
                    if (i % 11 == 3 && k.lastUsed() != null) {
                        events.add(new DemoEvent(k.lastUsed(), AuditLog.KEY_USED_FROM_NEW_IP, k.id(), k.id(),
                                k.lastUsedIp(), Map.of("previous_ip", "198.51.100.200")));
                    }
                    if (i % 13 == 5) {
                        events.add(new DemoEvent(now - rnd.nextInt(7 * 86_400), AuditLog.RATE_LIMIT_EXCEEDED,
                                k.id(), k.id(), k.lastUsedIp(), Map.of("window", "minute")));
                    }
                    if (i % 17 == 8) {
                        events.add(new DemoEvent(now - rnd.nextInt(3 * 86_400), AuditLog.AUTH_FAILED, null, null,
                                "198.51.100.250", Map.of("reason", "unknown_key")));
                    }
                }
            }
            if (made.stream().anyMatch(k -> k.lastUsedIp() != null)) {
                addresses.execute();
            }
            if (!events.isEmpty()) {
                events.sort(java.util.Comparator.comparingLong(DemoEvent::at));
                PreparedBatch batch = AuditLog.batch(h);
                for (DemoEvent e : events) {
                    AuditLog.addToBatch(batch, e.at(), e.type(), e.actor(), e.keyId(), e.ip(), e.detail());
                }
                batch.execute();
            }
        });
    }
}
