package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key endpoints over real HTTP: happy paths, validation, permissions, ETags, paging. */
class KeysApiTest {

    @TempDir
    static Path dir;
    static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static LocalKeyServer server;
    static Api admin;

    @BeforeAll
    static void start() {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).clock(clock).plan(Plan.UNLIMITED).build());
        admin = Api.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Instant now() {
        return clock.instant();
    }

    static Map<String, Object> body(String name, List<String> perms, Object expiresAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("permissions", perms);
        m.put("expires_at", expiresAt);
        return m;
    }

    static String in(Duration d) {
        return now().plus(d).toString();
    }

    @Test
    void createReturnsTheSecretOnceAndTheKeyObject() {
        Api.Resp r = admin.post("/v1/api-keys", Map.of("name", "Billing ETL (prod)", "permissions",
                List.of("datasets:read", "datasets:write"), "expires_at", in(Duration.ofDays(90)),
                "description", "Main backend", "type", "test"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode k = r.json();
        assertThat(k.path("id").asText()).startsWith("key_");
        assertThat(k.path("key").asText()).startsWith("sk_test_").hasSizeGreaterThanOrEqualTo(8 + 32);
        assertThat(k.path("prefix").asText()).hasSize(16).isEqualTo(k.path("key").asText().substring(0, 16));
        assertThat(k.path("key").asText()).hasSize(8 + 40 + 6);
        assertThat(k.path("type").asText()).isEqualTo("test");
        assertThat(k.path("status").asText()).isEqualTo("active");
        assertThat(k.path("description").asText()).isEqualTo("Main backend");
        assertThat(k.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(k.path("usage").path("requests_today").asLong()).isZero();
        assertThat(k.has("last_used")).isTrue();
        assertThat(k.path("created_by").asText()).isEqualTo(admin.get("/v1/whoami").json().path("key").path("id").asText());
        assertThat(r.header("X-RateLimit-Limit")).isNotNull();

        Api.Resp got = admin.get("/v1/api-keys/" + k.path("id").asText());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().has("key")).isFalse();
        assertThat(got.header("ETag")).isNotBlank();
        assertThat(got.json().path("name").asText()).isEqualTo("Billing ETL (prod)");
        assertThat(got.raw()).doesNotContain(k.path("key").asText());

        // the new key works
        Api.Resp who = admin.as(k.path("key").asText()).get("/v1/whoami");
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.json().path("key").path("id").asText()).isEqualTo(k.path("id").asText());
        assertThat(who.json().path("permissions")).hasSize(2);
    }

    @Test
    void defaultsToLiveType() {
        JsonNode k = admin.create("Default type", List.of("datasets:read"), now());
        assertThat(k.path("type").asText()).isEqualTo("live");
        assertThat(k.path("key").asText()).startsWith("sk_live_");
    }

    @Test
    void nameRules() {
        admin.post("/v1/api-keys", body("", List.of("datasets:read"), in(Duration.ofDays(1))))
                .assertError(422, "invalid_name");
        admin.post("/v1/api-keys", body("x".repeat(101), List.of("datasets:read"), in(Duration.ofDays(1))))
                .assertError(422, "invalid_name");
        admin.post("/v1/api-keys", body("bad\u0007name", List.of("datasets:read"), in(Duration.ofDays(1))))
                .assertError(422, "invalid_name");
        Map<String, Object> numeric = body("x", List.of("datasets:read"), in(Duration.ofDays(1)));
        numeric.put("name", 42);
        assertThat(admin.post("/v1/api-keys", numeric).assertError(422, "invalid_name").json().path("param").asText())
                .isEqualTo("name");
        assertThat(admin.post("/v1/api-keys", body("x".repeat(100), List.of("datasets:read"), in(Duration.ofDays(1))))
                .status()).isEqualTo(201);
    }

    @Test
    void permissionsMustExistAndBeSupportedByTheResource() {
        for (Object perms : List.of(List.of(), List.of("nope:read"), List.of("users:read"), List.of("attributes:write"),
                List.of("datasets:*"), List.of("datasets"), List.of(3), "datasets:read")) {
            Map<String, Object> b = body("Perms", List.of(), in(Duration.ofDays(1)));
            b.put("permissions", perms);
            Api.Resp r = admin.post("/v1/api-keys", b).assertError(422, "invalid_permissions");
            assertThat(r.json().path("param").asText()).isEqualTo("permissions");
        }
        Map<String, Object> missing = body("Perms", List.of(), in(Duration.ofDays(1)));
        missing.remove("permissions");
        admin.post("/v1/api-keys", missing).assertError(422, "invalid_permissions");
        // write-only and read-only resources accept their one level
        assertThat(admin.post("/v1/api-keys", body("ok", List.of("users:write", "attributes:read", "admin:*"),
                in(Duration.ofDays(1)))).status()).isEqualTo(201);
    }

    @Test
    void expiryPolicy() {
        admin.post("/v1/api-keys", body("e", List.of("datasets:read"), in(Duration.ofSeconds(-10))))
                .assertError(422, "invalid_expiration");
        admin.post("/v1/api-keys", body("e", List.of("datasets:read"), in(Duration.ofDays(366))))
                .assertError(422, "invalid_expiration");
        admin.post("/v1/api-keys", body("e", List.of("datasets:read"), null)).assertError(422, "invalid_expiration");
        assertThat(admin.post("/v1/api-keys", body("e", List.of("datasets:read"), "next tuesday"))
                .assertError(422, "invalid_expiration").json().path("param").asText()).isEqualTo("expires_at");
        admin.post("/v1/api-keys", body("e", List.of("datasets:read"), 12345)).assertError(422, "invalid_expiration");
        assertThat(admin.post("/v1/api-keys", body("e", List.of("datasets:read"), in(Duration.ofDays(365))))
                .status()).isEqualTo(201);
        // offsets are accepted and normalised to UTC
        Api.Resp r = admin.post("/v1/api-keys", body("e", List.of("datasets:read"),
                now().plus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.ofHours(2)).toString()));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("expires_at").asText()).isEqualTo(now().plus(Duration.ofDays(2)).toString());
        assertThat(admin.get("/v1/key-policy").json().path("expiration_required").asBoolean()).isTrue();
    }

    @Test
    void descriptionAndTypeValidation() {
        Map<String, Object> b = body("d", List.of("datasets:read"), in(Duration.ofDays(1)));
        b.put("description", "x".repeat(501));
        assertThat(admin.post("/v1/api-keys", b).assertError(422, "validation_failed").json().path("param").asText())
                .isEqualTo("description");
        b.put("description", "x".repeat(500));
        b.put("type", "prod");
        assertThat(admin.post("/v1/api-keys", b).assertError(422, "validation_failed").json().path("param").asText())
                .isEqualTo("type");
    }

    @Test
    void permissionChecksAndNoEscalation() {
        JsonNode reader = admin.create("Reader", List.of("access_tokens:read", "datasets:read"), now());
        Api asReader = admin.as(reader.path("key").asText());
        assertThat(asReader.get("/v1/api-keys").status()).isEqualTo(200);
        Api.Resp denied = asReader.post("/v1/api-keys", body("x", List.of("datasets:read"), in(Duration.ofDays(1))))
                .assertError(403, "insufficient_permission");
        assertThat(denied.json().path("required_permission").asText()).isEqualTo("access_tokens:write");
        asReader.delete("/v1/api-keys/" + reader.path("id").asText()).assertError(403, "insufficient_permission");
        asReader.patch("/v1/api-keys/" + reader.path("id").asText(), Map.of("name", "y"))
                .assertError(403, "insufficient_permission");

        JsonNode writer = admin.create("Writer", List.of("access_tokens:read", "access_tokens:write", "datasets:read"), now());
        Api asWriter = admin.as(writer.path("key").asText());
        asWriter.post("/v1/api-keys", body("esc", List.of("datasets:write"), in(Duration.ofDays(1))))
                .assertError(403, "permission_escalation");
        asWriter.post("/v1/api-keys", body("esc", List.of("admin:*"), in(Duration.ofDays(1))))
                .assertError(403, "permission_escalation");
        JsonNode child = asWriter.post("/v1/api-keys", body("sub", List.of("datasets:read"), in(Duration.ofDays(1)))).json();
        assertThat(child.path("created_by").asText()).isEqualTo(writer.path("id").asText());
        asWriter.patch("/v1/api-keys/" + child.path("id").asText(), Map.of("permissions", List.of("datasets:write")))
                .assertError(403, "permission_escalation");
        assertThat(admin.get("/v1/api-keys/" + child.path("id").asText()).json().path("permissions").toString())
                .isEqualTo("[\"datasets:read\"]");
        // taking away is not granting: the writer may trim a stronger key, but not add to it
        JsonNode wide = admin.create("Wide", List.of("datasets:read", "queries:read", "jobs:read"), now());
        String widePath = "/v1/api-keys/" + wide.path("id").asText();
        assertThat(asWriter.patch(widePath, Map.of("permissions", List.of("datasets:read", "queries:read")))
                .status()).isEqualTo(200);
        assertThat(admin.get(widePath).json().path("permissions").toString())
                .isEqualTo("[\"datasets:read\",\"queries:read\"]");
        asWriter.patch(widePath, Map.of("permissions", List.of("datasets:read", "queries:read", "jobs:write")))
                .assertError(403, "permission_escalation");
        // re-enabling a key with more powers than the caller is an escalation too
        admin.patch("/v1/api-keys/" + reader.path("id").asText(), Map.of("status", "disabled"));
        JsonNode strong = admin.create("Strong", List.of("queries:read"), now());
        admin.patch("/v1/api-keys/" + strong.path("id").asText(), Map.of("status", "disabled"));
        asWriter.patch("/v1/api-keys/" + strong.path("id").asText(), Map.of("status", "active"))
                .assertError(403, "permission_escalation");
    }

    @Test
    void patchUpdatesFieldsAndEtagGuardsStaleWrites() {
        JsonNode k = admin.create("Patch me", List.of("datasets:read"), now());
        String path = "/v1/api-keys/" + k.path("id").asText();
        String etag = admin.get(path).header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");

        Api.Resp r = admin.send("PATCH", path, Map.of("name", "Renamed", "description", "new",
                "permissions", List.of("datasets:read", "queries:read"), "expires_at", in(Duration.ofDays(10))),
                Map.of("If-Match", etag));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json().path("name").asText()).isEqualTo("Renamed");
        assertThat(r.json().path("permissions")).hasSize(2);
        assertThat(r.json().path("expires_at").asText()).isEqualTo(in(Duration.ofDays(10)));
        assertThat(r.header("ETag")).isNotEqualTo(etag);

        // stale ETag: 412 and nothing changes
        admin.send("PATCH", path, Map.of("name", "Stale"), Map.of("If-Match", etag))
                .assertError(412, "precondition_failed");
        assertThat(admin.get(path).json().path("name").asText()).isEqualTo("Renamed");
        assertThat(admin.send("PATCH", path, Map.of("name", "Star"), Map.of("If-Match", "*")).status()).isEqualTo(200);

        // absent fields stay; empty body is 422
        admin.patch(path, Map.of()).assertError(422, "validation_failed");
        admin.patch(path, Map.of("unknown_field", 1)).assertError(422, "validation_failed");
        assertThat(admin.get(path).json().path("description").asText()).isEqualTo("new");
        admin.patch(path, Map.of("status", "paused")).assertError(422, "validation_failed");
        admin.patch(path, Map.of("name", "")).assertError(422, "invalid_name");
        admin.patch(path, Map.of("permissions", List.of("x:y"))).assertError(422, "invalid_permissions");
        admin.patch(path, Map.of("expires_at", in(Duration.ofDays(400)))).assertError(422, "invalid_expiration");
        admin.patch("/v1/api-keys/key_doesnotexist", Map.of("name", "x")).assertError(404, "key_not_found");
    }

    @Test
    void disableEnableAndRevoke() {
        JsonNode k = admin.create("Lifecycle", List.of("datasets:read"), now());
        String path = "/v1/api-keys/" + k.path("id").asText();
        Api asKey = admin.as(k.path("key").asText());
        assertThat(asKey.get("/v1/datasets").status()).isEqualTo(200);

        assertThat(admin.patch(path, Map.of("status", "disabled")).json().path("status").asText()).isEqualTo("disabled");
        asKey.get("/v1/datasets").assertError(401, "unauthorized");
        assertThat(admin.patch(path, Map.of("status", "active")).json().path("status").asText()).isEqualTo("active");
        assertThat(asKey.get("/v1/datasets").status()).isEqualTo(200);

        Api.Resp del = admin.delete(path);
        assertThat(del.status()).isEqualTo(204);
        assertThat(del.header("X-Request-Id")).startsWith("req_");
        asKey.get("/v1/datasets").assertError(401, "unauthorized");
        admin.get(path).assertError(404, "key_not_found");
        admin.delete(path).assertError(404, "key_not_found");
        admin.patch(path, Map.of("name", "ghost")).assertError(404, "key_not_found");
        admin.delete("/v1/api-keys/key_unknown").assertError(404, "key_not_found");
        assertThat(listAll(admin, 1000)).doesNotContain(k.path("id").asText());

        List<String> types = new ArrayList<>();
        admin.get("/v1/audit-events?key_id=" + k.path("id").asText()).json().path("data")
                .forEach(e -> types.add(e.path("type").asText()));
        // refused uses of a known key are audited against it, with the reason
        assertThat(types).containsExactly("auth.failed", "key.revoked", "key.enabled", "auth.failed", "key.disabled",
                "key.created");
        JsonNode failed = admin.get("/v1/audit-events?type=auth.failed&key_id=" + k.path("id").asText()).json();
        assertThat(failed.path("data").get(0).path("detail").path("reason").asText()).isEqualTo("revoked");
        assertThat(failed.path("data").get(1).path("detail").path("reason").asText()).isEqualTo("disabled");
    }

    @Test
    void expiredKeysAreListedAsExpiredAndRefused() {
        Map<String, Object> b = body("Short lived", List.of("datasets:read"), in(Duration.ofHours(1)));
        JsonNode k = admin.post("/v1/api-keys", b).json();
        Api asKey = admin.as(k.path("key").asText());
        assertThat(asKey.get("/v1/datasets").status()).isEqualTo(200);
        clock.advance(Duration.ofHours(2));
        try {
            asKey.get("/v1/datasets").assertError(401, "unauthorized");
            assertThat(admin.get("/v1/api-keys/" + k.path("id").asText()).json().path("status").asText())
                    .isEqualTo("expired");
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void listPagesWithCursorAndValidatesQuery() {
        for (int i = 0; i < 7; i++) {
            admin.create("Page " + i, List.of("datasets:read"), now());
        }
        Set<String> all = new HashSet<>(listAll(admin, 1000));
        List<String> paged = listAll(admin, 2);
        assertThat(paged).doesNotHaveDuplicates();
        assertThat(new HashSet<>(paged)).isEqualTo(all);
        JsonNode first = admin.get("/v1/api-keys?limit=2").json();
        assertThat(first.path("data")).hasSize(2);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("next_cursor").isTextual()).isTrue();
        JsonNode whole = admin.get("/v1/api-keys").json();
        assertThat(whole.path("has_more").asBoolean()).isFalse();
        assertThat(whole.path("next_cursor").isNull()).isTrue();

        for (String bad : List.of("0", "1001", "-1", "abc", "1.5")) {
            assertThat(admin.get("/v1/api-keys?limit=" + bad).assertError(400, "malformed_request")
                    .json().path("param").asText()).isEqualTo("limit");
        }
        for (String bad : List.of("garbage", "%00%01", "a2V5OmFiYw", "ZTox")) {
            assertThat(admin.get("/v1/api-keys?cursor=" + bad).assertError(400, "malformed_request")
                    .json().path("param").asText()).isEqualTo("cursor");
        }
    }

    static List<String> listAll(Api api, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/api-keys?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("data").forEach(k -> ids.add(k.path("id").asText()));
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    @Test
    void infoEndpoints() {
        JsonNode catalog = admin.get("/v1/permissions").json();
        assertThat(catalog.path("access_levels").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(catalog.path("resources")).hasSize(27);
        Map<String, String> access = new HashMap<>();
        catalog.path("resources").forEach(r -> access.put(r.path("name").asText(), r.path("access").toString()));
        assertThat(access).containsEntry("encryption_materials", "[\"read\"]").containsEntry("users", "[\"write\"]")
                .containsEntry("model_training", "[\"write\"]").containsEntry("attributes", "[\"read\"]")
                .containsEntry("access_tokens", "[\"read\",\"write\"]");
        JsonNode first = catalog.path("resources").get(0);
        assertThat(first.path("label").asText()).isNotBlank();
        assertThat(first.path("category").asText()).isEqualTo("Core Data");
        List<String> presets = new ArrayList<>();
        catalog.path("presets").forEach(p -> presets.add(p.path("id").asText()));
        assertThat(presets).containsExactly("analytics", "ingestion", "workflow_automation", "connector_delivery",
                "sdk_development");
        assertThat(catalog.path("presets").get(0).path("permissions").toString())
                .isEqualTo("[\"datasets:read\",\"queries:read\",\"subscriptions:read\"]");

        JsonNode policy = admin.get("/v1/key-policy").json();
        assertThat(policy.path("max_lifetime_days").asInt()).isEqualTo(365);
        assertThat(policy.path("default_lifetime_days").asInt()).isEqualTo(90);
        assertThat(policy.path("key_types").toString()).isEqualTo("[\"live\",\"test\"]");

        JsonNode rl = admin.get("/v1/rate-limit").json();
        assertThat(rl.has("limit") && rl.has("remaining") && rl.has("reset") && rl.has("reset_at")).isTrue();
        assertThat(rl.path("reset_at").asText()).isEqualTo(Instant.ofEpochSecond(rl.path("reset").asLong()).toString());

        JsonNode who = admin.get("/v1/whoami").json();
        assertThat(who.path("key").path("name").asText()).isEqualTo("Bootstrap admin");
        assertThat(who.path("key").path("expires_at").isNull()).isTrue();
        assertThat(who.path("permissions").toString()).isEqualTo("[\"admin:*\"]");
    }
}
