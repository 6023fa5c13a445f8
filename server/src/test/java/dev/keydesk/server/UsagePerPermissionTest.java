package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 1.1 "Usage per permission": recorded through the usage buffer, read at once, kept 90 days. */
class UsagePerPermissionTest {

    @TempDir
    Path dir;

    private static Map<String, JsonNode> byPermission(JsonNode usage) {
        Map<String, JsonNode> out = new HashMap<>();
        usage.path("permissions").forEach(p -> out.put(p.path("permission").asText(), p));
        return out;
    }

    @Test
    void eachRequestCountsThePermissionItExercised() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2030-03-10T10:00:00Z"));
        ServerOptions options = ServerOptions.builder().dataDir(dir).clock(clock).plan(Plan.UNLIMITED).build();
        String id;
        try (LocalKeyServer server = LocalKeyServer.start(options)) {
            Api admin = Api.admin(server);
            JsonNode k = admin.create("Worker", List.of("datasets:read", "datasets:write", "jobs:read"), clock.instant());
            id = k.path("id").asText();
            Api worker = admin.as(k.path("key").asText());
            for (int i = 0; i < 3; i++) {
                assertThat(worker.get("/v1/datasets").status()).isEqualTo(200);
            }
            assertThat(worker.post("/v1/datasets", Map.of("x", 1)).status()).isEqualTo(201);
            assertThat(worker.get("/v1/whoami").status()).isEqualTo(200);
            worker.get("/v1/queries").assertError(403, "insufficient_permission");
            assertThat(rawGet(server.port(), "127.0.0.2", "/v1/datasets", k.path("key").asText())).startsWith("HTTP/1.1 200");

            // read at once: the buffer's pending uses are part of the answer
            JsonNode usage = admin.get("/v1/api-keys/" + id + "/usage").json();
            assertThat(usage.path("key_id").asText()).isEqualTo(id);
            assertThat(usage.path("since").asText()).isEqualTo("2030-03-10T10:00:00Z");
            Map<String, JsonNode> perms = byPermission(usage);
            assertThat(perms.keySet()).containsExactlyInAnyOrder("datasets:read", "datasets:write", "jobs:read");
            assertThat(perms.get("datasets:read").path("requests_30d").asLong()).isEqualTo(4);
            assertThat(perms.get("datasets:read").path("requests_7d").asLong()).isEqualTo(4);
            assertThat(perms.get("datasets:read").path("requests_90d").asLong()).isEqualTo(4);
            assertThat(perms.get("datasets:read").path("last_used").asText()).isEqualTo("2030-03-10T10:00:00Z");
            assertThat(perms.get("datasets:write").path("requests_30d").asLong()).isEqualTo(1);
            assertThat(perms.get("jobs:read").path("last_used").isNull()).isTrue();
            assertThat(perms.get("jobs:read").path("requests_30d").asLong()).isZero();
            // every request counts in the day's total (whoami and the 403 too)
            assertThat(usage.path("daily")).hasSize(1);
            assertThat(usage.path("daily").get(0).path("date").asText()).isEqualTo("2030-03-10");
            assertThat(usage.path("daily").get(0).path("requests").asLong()).isEqualTo(7);
            Map<String, JsonNode> ips = new HashMap<>();
            usage.path("addresses").forEach(a -> ips.put(a.path("ip").asText(), a));
            assertThat(ips.keySet()).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
            assertThat(ips.get("127.0.0.1").path("requests_30d").asLong()).isEqualTo(6);
            assertThat(ips.get("127.0.0.2").path("requests_90d").asLong()).isEqualTo(1);
            assertThat(ips.get("127.0.0.2").path("first_seen").asText()).isEqualTo("2030-03-10T10:00:00Z");
            assertThat(usage.toString()).doesNotContain(k.path("key").asText());

            // an admin key: admin:* and each concrete permission it exercised
            admin.get("/v1/api-keys");
            admin.get("/v1/jobs");
            String adminId = admin.get("/v1/whoami").json().path("key").path("id").asText();
            Map<String, JsonNode> adminPerms = byPermission(admin.get("/v1/api-keys/" + adminId + "/usage").json());
            assertThat(adminPerms).containsKeys("admin:*", "access_tokens:read", "access_tokens:write", "jobs:read");
            assertThat(adminPerms.get("jobs:read").path("requests_30d").asLong()).isEqualTo(1);
            assertThat(adminPerms.get("admin:*").path("requests_30d").asLong())
                    .isEqualTo(adminPerms.values().stream().filter(p -> !p.path("permission").asText().equals("admin:*"))
                            .mapToLong(p -> p.path("requests_30d").asLong()).sum());
            admin.get("/v1/api-keys/key_nope/usage").assertError(404, "key_not_found");
            Api reader = admin.as(admin.create("R", List.of("datasets:read"), clock.instant()).path("key").asText());
            reader.get("/v1/api-keys/" + id + "/usage").assertError(403, "insufficient_permission");
        }

        // survives a restart; a day later the 7-day window still holds it, 100 days later only last_used remains
        try (LocalKeyServer server = LocalKeyServer.start(options)) {
            Api admin = Api.admin(server);
            clock.advance(Duration.ofDays(8));
            Map<String, JsonNode> perms = byPermission(admin.get("/v1/api-keys/" + id + "/usage").json());
            assertThat(perms.get("datasets:read").path("requests_30d").asLong()).isEqualTo(4);
            assertThat(perms.get("datasets:read").path("requests_7d").asLong()).isZero();
            clock.advance(Duration.ofDays(100));
            Api.Resp late = admin.get("/v1/api-keys/" + id + "/usage");
            perms = byPermission(late.json());
            assertThat(perms.get("datasets:read").path("requests_90d").asLong()).isZero();
            assertThat(perms.get("datasets:read").path("last_used").asText()).isEqualTo("2030-03-10T10:00:00Z");
            assertThat(late.json().path("daily")).isEmpty();
            assertThat(late.json().path("addresses")).isEmpty();
            assertThat(late.json().path("since").asText()).isEqualTo("2030-03-10T10:00:00Z");
            // and the rows older than 90 days are gone from the file, not just filtered out
            org.jdbi.v3.core.Jdbi file = org.jdbi.v3.core.Jdbi.create("jdbc:sqlite:" + dir.resolve("keydesk.db"));
            long deadline = System.nanoTime() + 5_000_000_000L;
            long left;
            do {
                left = file.<Long, RuntimeException>withHandle(h -> h.createQuery(
                        "SELECT (SELECT COUNT(*) FROM key_permission_daily WHERE key_id = :id) "
                        + "+ (SELECT COUNT(*) FROM key_address_daily WHERE key_id = :id) "
                        + "+ (SELECT COUNT(*) FROM key_usage_daily WHERE key_id = :id)")
                        .bind("id", id).mapTo(Long.class).one());
            } while (left > 0 && System.nanoTime() < deadline);
            assertThat(left).isZero();
            long kept = file.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM key_permission_usage WHERE key_id = :id")
                    .bind("id", id).mapTo(Long.class).one());
            assertThat(kept).isPositive();
        }
    }

    /** A request from a chosen loopback source address. */
    static String rawGet(int port, String from, String path, String secret) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secret
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
