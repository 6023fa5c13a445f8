package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 1.1: identify a leaked secret, list revoked keys and filter by status. */
class IdentifyAndListTest {

    @TempDir
    Path dir;

    @Test
    void identifyFindsKeysInEveryStateAndCountsMisses() {
        MutableClock clock = new MutableClock(Instant.now());
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).clock(clock)
                .failedAuthPerMinute(5).plan(Plan.UNLIMITED).build())) {
            Api admin = Api.admin(server);
            JsonNode active = admin.create("Active", List.of("datasets:read"), clock.instant());
            JsonNode disabled = admin.create("Disabled", List.of("datasets:read"), clock.instant());
            admin.patch("/v1/api-keys/" + disabled.path("id").asText(), Map.of("status", "disabled"));
            JsonNode revoked = admin.create("Revoked", List.of("datasets:read"), clock.instant());
            admin.send("DELETE", "/v1/api-keys/" + revoked.path("id").asText(), null, Map.of("Audit-Reason", "leak"));
            JsonNode expiring = admin.post("/v1/api-keys", Map.of("name", "Expiring", "permissions",
                    List.of("datasets:read"), "expires_at", clock.instant().plus(Duration.ofHours(1)).toString())).json();
            clock.advance(Duration.ofHours(2));

            String adminId = admin.get("/v1/whoami").json().path("key").path("id").asText();
            for (JsonNode k : List.of(active, disabled, revoked, expiring)) {
                Api.Resp r = admin.post("/v1/api-keys/identify", Map.of("secret", k.path("key").asText()));
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.json().path("key").path("id").asText()).isEqualTo(k.path("id").asText());
                assertThat(r.raw()).doesNotContain(k.path("key").asText());
            }
            JsonNode rk = admin.post("/v1/api-keys/identify", Map.of("secret", revoked.path("key").asText())).json()
                    .path("key");
            assertThat(rk.path("status").asText()).isEqualTo("revoked");
            assertThat(rk.path("revoked_at").asText()).isNotEmpty();
            assertThat(rk.path("revoked_by").asText()).isEqualTo(adminId);
            assertThat(admin.post("/v1/api-keys/identify", Map.of("secret", expiring.path("key").asText())).json()
                    .path("key").path("status").asText()).isEqualTo("expired");

            // a case-changed secret is no match
            admin.post("/v1/api-keys/identify", Map.of("secret",
                    HttpHardeningTest.swapCase(active.path("key").asText()))).assertError(404, "key_not_found");
            admin.post("/v1/api-keys/identify", Map.of("secret", 42)).assertError(422, "validation_failed");
            Api reader = admin.as(admin.create("Reader", List.of("datasets:read"), clock.instant()).path("key").asText());
            reader.post("/v1/api-keys/identify", Map.of("secret", "x")).assertError(403, "insufficient_permission");
            // misses count like failed authentications: 5 allowed per minute (1 so far), then the address waits
            for (int i = 0; i < 4; i++) {
                admin.post("/v1/api-keys/identify", Map.of("secret", "sk_live_" + "Z".repeat(40)))
                        .assertError(404, "key_not_found");
            }
            JsonNode limited = admin.post("/v1/api-keys/identify", Map.of("secret", active.path("key").asText()))
                    .assertError(429, "rate_limited").json();
            assertThat(limited.path("limit_scope").asText()).isEqualTo("address_failed_auth");
        }
    }

    @Test
    void revokedKeysAreListedNewestRevocationFirstAndStatusFilters() {
        MutableClock clock = new MutableClock(Instant.now());
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).clock(clock)
                .plan(Plan.UNLIMITED).build())) {
            Api admin = Api.admin(server);
            List<String> revokedIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = admin.create("R" + i, List.of("datasets:read"), clock.instant()).path("id").asText();
                revokedIds.add(0, id);
            }
            for (int i = revokedIds.size() - 1; i >= 0; i--) {
                String id = revokedIds.get(i);
                clock.advance(Duration.ofMinutes(1));
                assertThat(admin.delete("/v1/api-keys/" + id).status()).isEqualTo(204);
            }
            String disabled = admin.create("D", List.of("datasets:read"), clock.instant()).path("id").asText();
            admin.patch("/v1/api-keys/" + disabled, Map.of("status", "disabled"));
            admin.post("/v1/api-keys", Map.of("name", "E", "permissions", List.of("datasets:read"),
                    "expires_at", clock.instant().plus(Duration.ofMinutes(30)).toString()));
            clock.advance(Duration.ofHours(1));

            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = admin.get("/v1/api-keys?status=revoked&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                        .json();
                page.path("data").forEach(k -> {
                    seen.add(k.path("id").asText());
                    assertThat(k.path("status").asText()).isEqualTo("revoked");
                    assertThat(k.path("revoked_at").asText()).endsWith("Z");
                    assertThat(k.has("revoked_by")).isTrue();
                });
                cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            } while (cursor != null);
            assertThat(seen).containsExactlyElementsOf(revokedIds); // the last revoked first
            assertThat(statuses(admin, "active")).containsOnly("active").hasSize(1); // the bootstrap key
            assertThat(statuses(admin, "disabled")).containsExactly("disabled");
            assertThat(statuses(admin, "expired")).containsExactly("expired");
            assertThat(admin.get("/v1/api-keys").json().path("data")).hasSize(3);
            assertThat(admin.get("/v1/api-keys").raw()).doesNotContain("revoked_at");
            JsonNode bad = admin.get("/v1/api-keys?status=gone").assertError(400, "malformed_request").json();
            assertThat(bad.path("param").asText()).isEqualTo("status");
            admin.get("/v1/api-keys?status=revoked&cursor=" + Paging64.k(5)).assertError(400, "malformed_request");
        }
    }

    private static List<String> statuses(Api admin, String status) {
        List<String> out = new ArrayList<>();
        admin.get("/v1/api-keys?status=" + status).json().path("data").forEach(k -> out.add(k.path("status").asText()));
        return out;
    }

    /** A key-list cursor, which the revoked list must refuse. */
    static final class Paging64 {
        static String k(long seq) {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + seq).getBytes());
        }
    }
}
