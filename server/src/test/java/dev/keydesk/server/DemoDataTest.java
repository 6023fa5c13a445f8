package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Demo data: coherent over a large set, and with something to see in every 1.1 panel. */
class DemoDataTest {

    @TempDir
    Path dir;

    private static long t(JsonNode n) {
        return Instant.parse(n.asText()).getEpochSecond();
    }

    private static List<JsonNode> all(Api admin, String path) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = admin.get(path + (path.contains("?") ? "&" : "?") + "limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("data").forEach(out::add);
            cursor = page.path("has_more").asBoolean() ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    @Test
    void aLargeDemoSetIsCoherent() {
        Instant now = Instant.now();
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).demoKeys(3000)
                .plan(Plan.UNLIMITED).build())) {
            Api admin = Api.admin(server);
            List<JsonNode> keys = all(admin, "/v1/api-keys");
            keys.addAll(all(admin, "/v1/api-keys?status=revoked"));
            long end = Instant.now().getEpochSecond() + 1;
            assertThat(keys).hasSize(3001);
            Map<String, long[]> lifetimes = new HashMap<>();
            for (JsonNode k : keys) {
                long created = t(k.path("created_at"));
                long until = end;
                if (!k.path("expires_at").isNull()) {
                    long expires = t(k.path("expires_at"));
                    assertThat(created).as("created before it expires: %s", k).isLessThan(expires);
                    assertThat(expires - created).as("lifetime of %s", k).isLessThanOrEqualTo(365L * 86_400);
                    until = Math.min(until, expires);
                }
                if (k.has("revoked_at")) {
                    long revoked = t(k.path("revoked_at"));
                    assertThat(revoked).isBetween(created, end);
                    until = Math.min(until, revoked);
                }
                assertThat(created).isLessThanOrEqualTo(end);
                if (!k.path("last_used").isNull()) {
                    assertThat(t(k.path("last_used"))).as("last use of %s", k).isBetween(created, until);
                } else {
                    assertThat(k.path("usage").path("requests_today").asLong()).isZero();
                }
                lifetimes.put(k.path("id").asText(), new long[] {created, until});
            }
            List<JsonNode> events = all(admin, "/v1/audit-events");
            for (JsonNode e : events) {
                long at = t(e.path("at"));
                assertThat(at).isLessThanOrEqualTo(end);
                long[] life = lifetimes.get(e.path("key_id").asText());
                if (life == null) {
                    continue;
                }
                String type = e.path("type").asText();
                if (type.equals("key.created")) {
                    assertThat(at).isEqualTo(life[0]);
                } else if (!type.equals("auth.failed")) {
                    assertThat(at).as("%s within the key's lifetime", e).isBetween(life[0], life[1]);
                }
            }
            // the per-key history of the newest keys lies within their lifetimes too
            for (JsonNode k : keys.subList(0, 300)) {
                long[] life = lifetimes.get(k.path("id").asText());
                JsonNode usage = admin.get("/v1/api-keys/" + k.path("id").asText() + "/usage").json();
                for (JsonNode d : usage.path("daily")) {
                    long day = LocalDate.parse(d.path("date").asText()).toEpochDay();
                    assertThat(day).as("%s in %s", d, k.path("id")).isBetween(life[0] / 86_400, life[1] / 86_400);
                }
                for (JsonNode p : usage.path("permissions")) {
                    if (!p.path("last_used").isNull()) {
                        assertThat(t(p.path("last_used"))).isBetween(life[0], life[1]);
                    }
                }
                for (JsonNode a : usage.path("addresses")) {
                    assertThat(t(a.path("first_seen"))).isBetween(life[0], life[1]);
                    assertThat(t(a.path("last_seen"))).isBetween(t(a.path("first_seen")), life[1]);
                }
            }
        }
        assertThat(Duration.between(now, Instant.now())).isPositive();
    }

    /**
     * At several times of day: the demo data draws from a fixed seed, but how much of the day has
     * passed changes some draws, and with them which keys are busy; every panel must still have
     * something whatever the time (it once lacked the idle write grant at some hours).
     */
    @ParameterizedTest
    @ValueSource(strings = {"00:20:00", "07:45:00", "12:00:00", "18:30:00", "23:55:00"})
    void aSmallDemoSetHasSomethingForEveryPanel(String timeOfDay) {
        MutableClock clock = new MutableClock(LocalDate.now(ZoneOffset.UTC).atTime(LocalTime.parse(timeOfDay))
                .toInstant(ZoneOffset.UTC));
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).demoKeys(60)
                .plan(Plan.UNLIMITED).clock(clock).build())) {
            Api admin = Api.admin(server);
            long now = clock.instant().getEpochSecond();
            List<JsonNode> keys = all(admin, "/v1/api-keys");
            List<JsonNode> revoked = all(admin, "/v1/api-keys?status=revoked");
            assertThat(revoked).isNotEmpty().allSatisfy(k -> {
                assertThat(k.path("revoked_at").isTextual()).isTrue();
                assertThat(k.path("revoked_by").isTextual()).isTrue();
            });
            // an expiry cluster: 12 keys on one day within 30 days
            Map<LocalDate, Integer> expiring = new HashMap<>();
            for (JsonNode k : keys) {
                if (!k.path("expires_at").isNull() && t(k.path("expires_at")) > now
                        && t(k.path("expires_at")) < now + 30L * 86_400) {
                    expiring.merge(Instant.parse(k.path("expires_at").asText()).atZone(ZoneOffset.UTC).toLocalDate(), 1,
                            Integer::sum);
                }
            }
            assertThat(expiring.values().stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThanOrEqualTo(12);
            // rotation review: live keys older than 90 days and test keys older than 180, still usable
            assertThat(keys).anyMatch(k -> k.path("type").asText().equals("live") && !k.path("status").asText().equals("expired")
                    && now - t(k.path("created_at")) > 90L * 86_400);
            assertThat(keys).anyMatch(k -> k.path("type").asText().equals("test") && !k.path("status").asText().equals("expired")
                    && now - t(k.path("created_at")) > 180L * 86_400);
            // usage: all grants used, a fraction used, never-used grants, a write grant idle 60+ days with recent reads
            int allUsed = 0;
            int fraction = 0;
            int idleWrite = 0;
            int withHistory = 0;
            int twoAddresses = 0;
            for (JsonNode k : keys) {
                JsonNode usage = admin.get("/v1/api-keys/" + k.path("id").asText() + "/usage").json();
                if (k.path("permissions").toString().contains("admin:*")) {
                    continue;
                }
                int used = 0;
                long lastRead = -1;
                long lastWrite = -1;
                for (JsonNode p : usage.path("permissions")) {
                    if (!p.path("last_used").isNull()) {
                        used++;
                        long at = t(p.path("last_used"));
                        if (p.path("permission").asText().endsWith(":read")) {
                            lastRead = Math.max(lastRead, at);
                        } else {
                            lastWrite = Math.max(lastWrite, at);
                        }
                    }
                }
                int held = usage.path("permissions").size();
                allUsed += used == held ? 1 : 0;
                fraction += used > 0 && used < held ? 1 : 0;
                if (lastWrite > 0 && lastRead > 0 && now - lastWrite > 60L * 86_400 && now - lastRead < 7L * 86_400) {
                    idleWrite++;
                }
                withHistory += usage.path("daily").size() > 10 ? 1 : 0;
                twoAddresses += usage.path("addresses").size() > 1 ? 1 : 0;
            }
            assertThat(allUsed).isPositive();
            assertThat(fraction).isPositive();
            assertThat(idleWrite).isPositive();
            assertThat(withHistory).isGreaterThan(10);
            assertThat(twoAddresses).isPositive();
            // events: failed authentications from two addresses today and this week, rate limits, new addresses
            Set<String> failing = new HashSet<>();
            int failedToday = 0;
            for (JsonNode e : all(admin, "/v1/audit-events?type=auth.failed")) {
                failing.add(e.path("ip").asText());
                failedToday += now - t(e.path("at")) < 86_400 ? 1 : 0;
            }
            assertThat(failing).hasSizeGreaterThanOrEqualTo(2);
            assertThat(failedToday).isGreaterThanOrEqualTo(6);
            assertThat(all(admin, "/v1/audit-events?type=rate_limit.exceeded")).isNotEmpty();
            assertThat(all(admin, "/v1/audit-events?type=key.used_from_new_ip")).isNotEmpty();
            assertThat(all(admin, "/v1/audit-events?type=key.revoked")).hasSameSizeAs(revoked);
        }
    }
}
