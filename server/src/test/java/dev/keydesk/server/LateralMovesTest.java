package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 1.1 "Who may stop whom" and "A reason on changes". */
class LateralMovesTest {

    @TempDir
    static Path dir;
    static LocalKeyServer server;
    static Api admin;
    static Api weak;
    static String weakId;

    @BeforeAll
    static void start() {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED).build());
        admin = Api.admin(server);
        JsonNode w = admin.create("Responder", List.of("access_tokens:read", "access_tokens:write", "datasets:read"),
                Instant.now());
        weak = admin.as(w.path("key").asText());
        weakId = w.path("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String strongKey(String name) {
        return "/v1/api-keys/" + admin.create(name, List.of("datasets:read", "datasets:write", "jobs:read"),
                Instant.now()).path("id").asText();
    }

    private static String in(Duration d) {
        return Instant.now().plus(d).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    @Test
    void aWeakerKeyMayStopOrNarrowAStrongerOne() {
        String path = strongKey("Strong A");
        Api.Resp disabled = weak.send("PATCH", path, Map.of("status", "disabled"), Map.of("Audit-Reason", "INC-42"));
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.json().path("status").asText()).isEqualTo("disabled");
        Api.Resp narrowed = weak.patch(path, Map.of("permissions", List.of("datasets:write")));
        assertThat(narrowed.status()).as(narrowed.raw()).isEqualTo(200);
        assertThat(narrowed.json().path("permissions").toString()).isEqualTo("[\"datasets:write\"]");
        assertThat(weak.send("DELETE", path, null, Map.of("Audit-Reason", "leaked in INC-42")).status())
                .isEqualTo(204);
        JsonNode events = admin.get("/v1/audit-events?key_id=" + path.substring(13)).json().path("data");
        assertThat(events.get(0).path("type").asText()).isEqualTo("key.revoked");
        assertThat(events.get(0).path("actor_key_id").asText()).isEqualTo(weakId);
        assertThat(events.get(0).path("detail").path("reason").asText()).isEqualTo("leaked in INC-42");
        assertThat(events.get(2).path("type").asText()).isEqualTo("key.disabled");
        assertThat(events.get(2).path("detail").path("reason").asText()).isEqualTo("INC-42");
        assertThat(events.get(2).path("actor_key_id").asText()).isEqualTo(weakId);
        JsonNode revoked = admin.get("/v1/api-keys?status=revoked").json().path("data").get(0);
        assertThat(revoked.path("revoked_by").asText()).isEqualTo(weakId);
    }

    @Test
    void everyOtherChangeToAStrongerKeyIs403AndChangesNothing() {
        String path = strongKey("Strong B");
        JsonNode before = admin.get(path).json();
        List<Map<String, Object>> refused = List.of(
                Map.of("name", "Renamed"),
                Map.of("description", "mine now"),
                Map.of("expires_at", in(Duration.ofDays(200))),
                Map.of("expires_at", in(Duration.ofDays(3))),
                Map.of("permissions", List.of("datasets:read", "datasets:write", "jobs:read", "datasets:read", "jobs:write")),
                Map.of("permissions", List.of("datasets:read"), "name", "Trimmed and renamed"),
                Map.of("status", "disabled", "description", "x"));
        for (Map<String, Object> body : refused) {
            weak.patch(path, body).assertError(403, "permission_escalation");
        }
        JsonNode after = admin.get(path).json();
        assertThat(after.path("name")).isEqualTo(before.path("name"));
        assertThat(after.path("permissions")).isEqualTo(before.path("permissions"));
        assertThat(after.path("expires_at")).isEqualTo(before.path("expires_at"));
        assertThat(after.path("status").asText()).isEqualTo("active");
        // re-enabling a stronger key gives its powers back: refused
        admin.patch(path, Map.of("status", "disabled"));
        weak.patch(path, Map.of("status", "active")).assertError(403, "permission_escalation");
        // a key within the caller's powers may be changed freely
        JsonNode mine = weak.post("/v1/api-keys", Map.of("name", "Child", "permissions", List.of("datasets:read"),
                "expires_at", in(Duration.ofDays(10)))).json();
        assertThat(weak.patch("/v1/api-keys/" + mine.path("id").asText(), Map.of("name", "Child 2",
                "expires_at", in(Duration.ofDays(20)))).status()).isEqualTo(200);
        weak.patch("/v1/api-keys/" + mine.path("id").asText(), Map.of("permissions", List.of("jobs:read")))
                .assertError(403, "permission_escalation");
    }

    @Test
    void narrowingAnAdminKeyIsARemoval() {
        JsonNode root = admin.create("Other admin", List.of("admin:*"), Instant.now());
        String path = "/v1/api-keys/" + root.path("id").asText();
        Api.Resp r = weak.patch(path, Map.of("permissions", List.of("datasets:read")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json().path("permissions").toString()).isEqualTo("[\"datasets:read\"]");
    }

    @Test
    void auditReasonIsCheckedBeforeAnythingChanges() {
        JsonNode k = admin.create("Reasoned", List.of("datasets:read"), Instant.now());
        String path = "/v1/api-keys/" + k.path("id").asText();
        for (String bad : List.of("x".repeat(201), "tab\there", "\u00e9".repeat(201))) {
            String patch = "{\"name\":\"Changed\"}";
            RawHttp.Response r = RawHttp.once(server.port(), "PATCH " + path + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + admin.secret() + "\r\nAudit-Reason: " + bad
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + patch.length() + "\r\n\r\n" + patch);
            assertThat(HttpHardeningTest.assertJsonError(r, 422, "validation_failed").path("param").asText())
                    .isEqualTo("Audit-Reason");
        }
        String tooLong = "DELETE " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.secret()
                + "\r\nAudit-Reason: " + "y".repeat(201) + "\r\n\r\n";
        RawHttp.Response del = RawHttp.once(server.port(), tooLong);
        assertThat(HttpHardeningTest.assertJsonError(del, 422, "validation_failed").path("param").asText())
                .isEqualTo("Audit-Reason");
        String twice = "DELETE " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.secret()
                + "\r\nAudit-Reason: a\r\nAudit-Reason: b\r\n\r\n";
        HttpHardeningTest.assertJsonError(RawHttp.once(server.port(), twice), 422, "validation_failed");
        assertThat(admin.get(path).json().path("name").asText()).isEqualTo("Reasoned");
        Api.Resp ok = admin.send("PATCH", path, Map.of("name", "Changed"), Map.of("Audit-Reason", "x".repeat(200)));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode updated = admin.get("/v1/audit-events?type=key.updated&key_id=" + k.path("id").asText()).json()
                .path("data").get(0);
        assertThat(updated.path("detail").path("reason").asText()).isEqualTo("x".repeat(200));
        // UTF-8 sent as header bytes comes back as the characters meant
        String utf8 = new String("Rotation – INC 7".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        String patch = "{\"description\":\"d\"}";
        RawHttp.Response p = RawHttp.once(server.port(), "PATCH " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + admin.secret() + "\r\nAudit-Reason: " + utf8 + "\r\nContent-Type: application/json\r\nContent-Length: "
                + patch.length() + "\r\n\r\n" + patch);
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(admin.get("/v1/audit-events?type=key.updated&key_id=" + k.path("id").asText()).json()
                .path("data").get(0).path("detail").path("reason").asText()).isEqualTo("Rotation – INC 7");
    }
}
