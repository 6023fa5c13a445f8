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

/** Authentication failures, per-key rate limits and failed-authentication limits per address. */
class AuthAndLimitsTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfBadCredentialIs401WithTheSameBody() {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            JsonNode k = admin.create("Victim", List.of("datasets:read"), Instant.now());
            String secret = k.path("key").asText();
            Api noAuth = admin.as(null);
            List<Api.Resp> failures = new ArrayList<>();
            failures.add(noAuth.get("/v1/whoami"));
            failures.add(noAuth.send("GET", "/v1/whoami", null, Map.of("Authorization", secret)));
            failures.add(noAuth.send("GET", "/v1/whoami", null, Map.of("Authorization", "Basic " + secret)));
            failures.add(noAuth.send("GET", "/v1/whoami", null, Map.of("Authorization", "Bearer ")));
            failures.add(admin.as("sk_live_" + "A".repeat(40)).get("/v1/whoami"));            // unknown
            failures.add(admin.as(secret.substring(0, secret.length() - 1) + "!").get("/v1/whoami")); // malformed
            failures.add(admin.as("not-a-key").get("/v1/whoami"));
            failures.add(admin.as(secret + "x").get("/v1/whoami"));                           // same prefix, wrong
            String message = null;
            for (Api.Resp r : failures) {
                r.assertError(401, "unauthorized");
                assertThat(r.header("X-RateLimit-Limit")).isNull();
                if (message == null) {
                    message = r.json().path("message").asText();
                }
                assertThat(r.json().path("message").asText()).isEqualTo(message);
                assertThat(r.raw()).doesNotContain(k.path("id").asText()).doesNotContain(k.path("prefix").asText());
            }
            JsonNode events = admin.get("/v1/audit-events?type=auth.failed").json().path("data");
            assertThat(events).hasSize(failures.size());
            assertThat(events.toString()).doesNotContain(secret);
            assertThat(events.get(0).path("ip").asText()).isEqualTo("127.0.0.1");
            // a lowercase scheme still works
            assertThat(admin.as(null).send("GET", "/v1/whoami", null, Map.of("Authorization", "bearer " + secret))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void failedAuthenticationsAreLimitedPerAddress() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:05Z"));
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).clock(clock)
                .failedAuthPerMinute(3).build())) {
            Api admin = Api.admin(server);
            Api bad = admin.as("sk_live_" + "B".repeat(40));
            for (int i = 0; i < 3; i++) {
                bad.get("/v1/whoami").assertError(401, "unauthorized");
            }
            Api.Resp limited = bad.get("/v1/whoami").assertError(429, "rate_limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(limited.json().path("limit_scope").asText()).isEqualTo("address_failed_auth");
            // the address is blocked before credentials are looked at
            admin.get("/v1/whoami").assertError(429, "rate_limited");
            clock.advance(Duration.ofMinutes(1));
            assertThat(admin.get("/v1/whoami").status()).isEqualTo(200);
        }
    }

    @Test
    void perKeyRateLimitsWithHeadersAndRetryAfter() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:10Z"));
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).clock(clock)
                .rateLimits(3, 5).build())) {
            Api admin = Api.admin(server);
            long hourReset = Instant.parse("2030-01-01T11:00:00Z").getEpochSecond();
            long minuteReset = Instant.parse("2030-01-01T10:01:00Z").getEpochSecond();
            for (int i = 1; i <= 3; i++) {
                Api.Resp r = admin.get("/v1/permissions");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("X-RateLimit-Limit")).isEqualTo("5");
                assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
                assertThat(r.header("X-RateLimit-Reset")).isEqualTo(Long.toString(hourReset));
                assertThat(r.header("X-RateLimit-Minute-Limit")).isEqualTo("3");
                assertThat(r.header("X-RateLimit-Minute-Remaining")).isEqualTo(Integer.toString(3 - i));
                assertThat(r.header("X-RateLimit-Minute-Reset")).isEqualTo(Long.toString(minuteReset));
            }
            Api.Resp limited = admin.get("/v1/permissions").assertError(429, "rate_limited");
            assertThat(limited.header("Retry-After")).isEqualTo("50");
            assertThat(limited.json().path("limit_scope").asText()).isEqualTo("key_minute");
            assertThat(limited.header("X-RateLimit-Minute-Remaining")).isEqualTo("0");
            assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("2");
            // even errors of authenticated requests carry the headers
            clock.advance(Duration.ofMinutes(1));
            Api.Resp notFound = admin.get("/v1/api-keys/key_missing").assertError(404, "key_not_found");
            assertThat(notFound.header("X-RateLimit-Remaining")).isEqualTo("1");
            JsonNode rl = admin.get("/v1/rate-limit").json();
            assertThat(rl.path("limit").asLong()).isEqualTo(5);
            assertThat(rl.path("remaining").asLong()).isZero();
            assertThat(rl.path("reset").asLong()).isEqualTo(hourReset);
            Api.Resp hourly = admin.get("/v1/permissions").assertError(429, "rate_limited");
            assertThat(hourly.json().path("limit_scope").asText()).isEqualTo("key_hour");
            assertThat(Long.parseLong(hourly.header("Retry-After"))).isEqualTo(hourReset - clock.instant().getEpochSecond());

            // another key has its own windows, and the rejections were audited once per window
            clock.advance(Duration.ofHours(1));
            JsonNode events = admin.get("/v1/audit-events?type=rate_limit.exceeded").json().path("data");
            assertThat(events).hasSize(2);
            assertThat(events.get(0).path("detail").path("window").asText()).isEqualTo("hour");
            assertThat(events.get(1).path("detail").path("window").asText()).isEqualTo("minute");
        }
    }

    @Test
    void unlimitedPlanNeverSays429() {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED)
                .build())) {
            Api admin = Api.admin(server);
            for (int i = 0; i < 30; i++) {
                assertThat(admin.get("/v1/key-policy").status()).isEqualTo(200);
            }
            assertThat(admin.get("/v1/key-policy").header("X-RateLimit-Limit"))
                    .isEqualTo(Integer.toString(Integer.MAX_VALUE));
        }
    }

    @Test
    void freePlanLimits() {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.FREE)
                .build())) {
            assertThat(Api.admin(server).get("/v1/whoami").header("X-RateLimit-Limit")).isEqualTo("1000");
        }
    }
}
