package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key} on create: replay, reuse with another body, and racing duplicates. */
class IdempotencyTest {

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

    static String body(String name) {
        return "{\"name\":\"" + name + "\",\"permissions\":[\"datasets:read\"],\"expires_at\":\""
                + Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.DAYS) + "\"}";
    }

    static int countNamed(String name) {
        int n = 0;
        for (JsonNode k : admin.get("/v1/api-keys?limit=1000").json().path("data")) {
            n += k.path("name").asText().equals(name) ? 1 : 0;
        }
        return n;
    }

    @Test
    void replayReturnsTheSameKeyWithoutSecret() {
        String ikey = UUID.randomUUID().toString();
        Api.Resp first = admin.send("POST", "/v1/api-keys", body("Idem A"), Map.of("Idempotency-Key", ikey));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        // same body, fields in another order and spacing
        String reordered = first.json().path("expires_at").asText();
        Api.Resp replay = admin.send("POST", "/v1/api-keys",
                "{ \"expires_at\": \"" + reordered + "\", \"permissions\": [\"datasets:read\"], \"name\": \"Idem A\" }",
                Map.of("Idempotency-Key", ikey));
        assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        assertThat(replay.json().has("key")).isFalse();
        assertThat(replay.raw()).doesNotContain(first.json().path("key").asText());
        assertThat(countNamed("Idem A")).isEqualTo(1);
    }

    @Test
    void differentBodyIsRefused() {
        String ikey = UUID.randomUUID().toString();
        assertThat(admin.send("POST", "/v1/api-keys", body("Idem B"), Map.of("Idempotency-Key", ikey)).status())
                .isEqualTo(201);
        admin.send("POST", "/v1/api-keys", body("Idem B2"), Map.of("Idempotency-Key", ikey))
                .assertError(422, "idempotency_key_reused");
        assertThat(countNamed("Idem B2")).isZero();
    }

    @Test
    void keysArePerCaller() {
        JsonNode other = admin.create("Other creator", List.of("access_tokens:write", "access_tokens:read",
                "datasets:read"), Instant.now());
        String ikey = UUID.randomUUID().toString();
        assertThat(admin.send("POST", "/v1/api-keys", body("Idem C"), Map.of("Idempotency-Key", ikey)).status())
                .isEqualTo(201);
        assertThat(admin.as(other.path("key").asText())
                .send("POST", "/v1/api-keys", body("Idem C"), Map.of("Idempotency-Key", ikey)).status())
                .isEqualTo(201);
        assertThat(countNamed("Idem C")).isEqualTo(2);
    }

    @Test
    void failedValidationIsNotRemembered() {
        String ikey = UUID.randomUUID().toString();
        admin.send("POST", "/v1/api-keys", "{\"name\":\"\",\"permissions\":[\"datasets:read\"]}",
                Map.of("Idempotency-Key", ikey)).assertError(422, "invalid_name");
        assertThat(admin.send("POST", "/v1/api-keys", body("Idem D"), Map.of("Idempotency-Key", ikey)).status())
                .isEqualTo(201);
    }

    @Test
    void racingDuplicatesCreateOneKey() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "Race " + round;
            String ikey = UUID.randomUUID().toString();
            String b = body(name);
            int threads = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Api.Resp>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return admin.send("POST", "/v1/api-keys", b, Map.of("Idempotency-Key", ikey));
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (Future<Api.Resp> f : results) {
                    Api.Resp r = f.get();
                    statuses.add(r.status());
                    ids.add(r.json().path("id").asText());
                }
                assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
                assertThat(ids).containsOnly(ids.get(0));
                assertThat(countNamed(name)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void badIdempotencyKeyHeader() {
        admin.send("POST", "/v1/api-keys", body("Idem E"), Map.of("Idempotency-Key", "x".repeat(300)))
                .assertError(400, "malformed_request");
    }
}
