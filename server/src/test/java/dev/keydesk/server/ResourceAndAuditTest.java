package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource endpoints make keys move (last_used, usage, new addresses); the audit log records it. */
class ResourceAndAuditTest {

    @TempDir
    static Path dir;
    static LocalKeyServer server;
    static Api admin;

    @BeforeAll
    static void start() {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED).build());
        admin = Api.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void resourceEndpointsNeedTheirPermissionAndCountAsUse() {
        JsonNode k = admin.create("Datasets user", List.of("datasets:read", "app_events:write"), Instant.now());
        Api asKey = admin.as(k.path("key").asText());
        String path = "/v1/api-keys/" + k.path("id").asText();
        JsonNode before = admin.get(path).json();
        assertThat(before.path("last_used").isNull()).isTrue();

        Api.Resp list = asKey.get("/v1/datasets");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").size()).isPositive();
        assertThat(asKey.post("/v1/app_events", Map.of("event", "signup")).status()).isEqualTo(201);
        assertThat(asKey.post("/v1/app_events", null).status()).isEqualTo(201);
        Api.Resp denied = asKey.post("/v1/datasets", Map.of()).assertError(403, "insufficient_permission");
        assertThat(denied.json().path("required_permission").asText()).isEqualTo("datasets:write");
        asKey.get("/v1/queries").assertError(403, "insufficient_permission");
        asKey.get("/v1/app_events").assertError(405, "method_not_allowed");
        asKey.get("/v1/no_such_resource").assertError(404, "not_found");
        asKey.post("/v1/app_events", "{nope").assertError(400, "malformed_request");

        JsonNode after = admin.get(path).json();
        assertThat(after.path("last_used").isTextual()).isTrue();
        assertThat(after.path("last_used_ip").asText()).isEqualTo("127.0.0.1");
        // every authenticated request by the key counts, refused or not
        assertThat(after.path("usage").path("requests_today").asLong()).isEqualTo(8);
        assertThat(after.path("usage").path("requests_this_month").asLong()).isEqualTo(8);
        assertThat(admin.get("/v1/api-keys/" + k.path("id").asText()).json().path("usage")
                .path("requests_today").asLong()).isEqualTo(8);
    }

    @Test
    void useFromANewAddressIsAudited() throws IOException {
        JsonNode k = admin.create("Roaming", List.of("datasets:read"), Instant.now());
        String secret = k.path("key").asText();
        String id = k.path("id").asText();
        assertThat(rawGet("127.0.0.1", "/v1/datasets", secret)).startsWith("HTTP/1.1 200");
        assertThat(events("key.used_from_new_ip", id)).isEmpty(); // the first address is not "new"
        assertThat(rawGet("127.0.0.2", "/v1/datasets", secret)).startsWith("HTTP/1.1 200");
        assertThat(rawGet("127.0.0.2", "/v1/datasets", secret)).startsWith("HTTP/1.1 200");
        assertThat(rawGet("127.0.0.1", "/v1/datasets", secret)).startsWith("HTTP/1.1 200");
        List<JsonNode> seen = events("key.used_from_new_ip", id);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).path("ip").asText()).isEqualTo("127.0.0.2");
        assertThat(seen.get(0).path("detail").path("previous_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(admin.get("/v1/api-keys/" + id).json().path("last_used_ip").asText()).isEqualTo("127.0.0.1");
    }

    /** A request from a chosen loopback source address (Linux routes all of 127/8 to loopback). */
    static String rawGet(String from, String path, String secret) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + secret
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<JsonNode> events(String type, String keyId) {
        List<JsonNode> out = new ArrayList<>();
        admin.get("/v1/audit-events?type=" + type + "&key_id=" + keyId).json().path("data").forEach(out::add);
        return out;
    }

    @Test
    void auditEventsAreNewestFirstPagedAndFiltered() {
        JsonNode k = admin.create("Audited", List.of("datasets:read"), Instant.now());
        String id = k.path("id").asText();
        admin.patch("/v1/api-keys/" + id, Map.of("name", "Audited 2"));
        admin.patch("/v1/api-keys/" + id, Map.of("status", "disabled"));
        admin.patch("/v1/api-keys/" + id, Map.of("status", "active"));
        admin.delete("/v1/api-keys/" + id);

        List<String> types = new ArrayList<>();
        JsonNode page = admin.get("/v1/audit-events?key_id=" + id).json();
        page.path("data").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("key.revoked", "key.enabled", "key.disabled", "key.updated", "key.created");
        JsonNode created = page.path("data").get(4);
        assertThat(created.path("actor_key_id").asText()).isEqualTo(admin.get("/v1/whoami").json().path("key")
                .path("id").asText());
        assertThat(created.path("id").asText()).startsWith("evt_");
        assertThat(created.path("at").asText()).endsWith("Z");
        assertThat(created.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(page.path("data").get(3).path("detail").path("fields").asText()).isEqualTo("name");
        assertThat(page.toString()).doesNotContain(k.path("key").asText());

        // paging with limit=2 walks the same sequence
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode p = admin.get("/v1/audit-events?limit=2&key_id=" + id + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            p.path("data").forEach(e -> paged.add(e.path("type").asText()));
            cursor = p.path("has_more").asBoolean() ? p.path("next_cursor").asText() : null;
        } while (cursor != null);
        assertThat(paged).isEqualTo(types);

        assertThat(admin.get("/v1/audit-events?type=key.revoked&key_id=" + id).json().path("data")).hasSize(1);
        assertThat(admin.get("/v1/audit-events?since=2999-01-01T00:00:00Z").json().path("data")).isEmpty();
        assertThat(admin.get("/v1/audit-events?since=2000-01-01T00:00:00Z&key_id=" + id).json().path("data"))
                .hasSize(5);
        admin.get("/v1/audit-events?type=key.exploded").assertError(400, "malformed_request");
        admin.get("/v1/audit-events?since=yesterday").assertError(400, "malformed_request");
        admin.get("/v1/audit-events?limit=0").assertError(400, "malformed_request");
        admin.get("/v1/audit-events?cursor=xyz").assertError(400, "malformed_request");

        JsonNode reader = admin.create("No audit", List.of("datasets:read"), Instant.now());
        admin.as(reader.path("key").asText()).get("/v1/audit-events").assertError(403, "insufficient_permission");

        // 1.1: several types, until (exclusive), address
        List<String> two = new ArrayList<>();
        admin.get("/v1/audit-events?type=key.revoked,%20key.disabled&key_id=" + id).json().path("data")
                .forEach(e -> two.add(e.path("type").asText()));
        assertThat(two).containsExactly("key.revoked", "key.disabled");
        String createdAt = created.path("at").asText();
        assertThat(admin.get("/v1/audit-events?key_id=" + id + "&until=" + createdAt).json().path("data")).isEmpty();
        assertThat(admin.get("/v1/audit-events?key_id=" + id + "&until=2999-01-01T00:00:00Z").json().path("data"))
                .hasSize(5);
        assertThat(admin.get("/v1/audit-events?key_id=" + id + "&ip=127.0.0.1").json().path("data")).hasSize(5);
        assertThat(admin.get("/v1/audit-events?key_id=" + id + "&ip=203.0.113.7").json().path("data")).isEmpty();
        admin.get("/v1/audit-events?until=soon").assertError(400, "malformed_request");
        admin.get("/v1/audit-events?type=key.revoked,key.exploded").assertError(400, "malformed_request");
    }
}
