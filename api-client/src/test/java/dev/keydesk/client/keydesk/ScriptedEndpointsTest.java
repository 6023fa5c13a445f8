package dev.keydesk.client.keydesk;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.Usage;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.PLAIN;
import static dev.keydesk.client.Scripted.body;
import static dev.keydesk.client.Scripted.json;
import static dev.keydesk.client.Scripted.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each endpoint: what the client sends, and how it reads the answer. */
class ScriptedEndpointsTest {


    @StartStop
    MockWebServer server = new MockWebServer();

    final Scripted.RecordingSleeper sleeper = new Scripted.RecordingSleeper();
    KeyApi api;

    @BeforeEach
    void setUp() {
        api = Scripted.client(server, sleeper).build();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void listSendsAuthUserAgentAcceptAndPaging() throws Exception {
        server.enqueue(json(200, "{\"data\":[" + KEY_JSON + "],\"has_more\":true,\"next_cursor\":\"c2\"}"));
        Page<ApiKey> page = api.listKeys(new KeyListParams(10, "c1"));
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("c2");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("10");
        assertThat(r.getUrl().queryParameter("cursor")).isEqualTo("c1");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + Scripted.SECRET);
        assertThat(r.getHeaders().get("User-Agent")).matches("KeyDesk/[0-9A-Za-z.\\-]+");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void keyFieldsAreReadIncludingUnknownPermissionsAndMissingUsage() {
        String odd = """
                {"id":"00000000-0000-0000-0000-000000000001","name":"Other vendor","prefix":"sk_live_zz",
                 "permissions":["datasets:read","billing:admin","weird"],
                 "created_at":"2025-01-01T02:00:00+02:00","expires_at":"2026-01-01T00:00:00.123456Z"}""";
        server.enqueue(json(200, "{\"data\":[" + KEY_JSON + "," + odd + "]}"));
        Page<ApiKey> page = api.listKeys(new KeyListParams(null, null));
        assertThat(page.hasMore()).isFalse();
        ApiKey first = page.data().get(0);
        assertThat(first.name()).isEqualTo("Production App");
        assertThat(first.prefix()).isEqualTo("sk_live_abc1");
        assertThat(first.permissions()).containsExactly(Permission.parse("datasets:read"), Permission.parse("datasets:write"));
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(first.neverExpires()).isTrue();
        assertThat(first.lastUsed()).isEqualTo(Instant.parse("2025-10-14T10:30:00Z"));
        assertThat(first.usage()).isEqualTo(new Usage(1234, 45678));
        assertThat(first.description()).isEqualTo("Main application backend");
        assertThat(first.type()).isEqualTo("live");
        assertThat(first.status()).isEqualTo("active");
        assertThat(first.createdBy()).isEqualTo("key_001");
        assertThat(first.lastUsedIp()).isEqualTo("203.0.113.7");
        ApiKey second = page.data().get(1);
        assertThat(second.permissions()).extracting(Permission::value).containsExactly("datasets:read", "billing:admin", "weird");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(second.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(second.usage()).isEqualTo(Usage.NONE);
        assertThat(second.lastUsed()).isNull();
    }

    @Test
    void coreServerListWithDataAloneIsTheWholeList() {
        server.enqueue(json(200, "{\"data\":[" + key("key_a") + "," + key("key_b") + "]}"));
        List<Integer> progress = new ArrayList<>();
        List<ApiKey> all = api.listAllKeys(progress::add);
        assertThat(all).extracting(ApiKey::id).containsExactly("key_a", "key_b");
        assertThat(progress).containsExactly(2);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void listAllFollowsCursorsAcrossThreePages() throws Exception {
        server.enqueue(json(200, "{\"data\":[" + key("k1") + "," + key("k2") + "],\"has_more\":true,\"next_cursor\":\"p2\"}"));
        server.enqueue(json(200, "{\"data\":[" + key("k3") + "],\"has_more\":true,\"next_cursor\":\"p3\"}"));
        server.enqueue(json(200, "{\"data\":[" + key("k4") + "],\"has_more\":false,\"next_cursor\":null}"));
        List<Integer> progress = new ArrayList<>();
        List<ApiKey> all = api.listAllKeys(progress::add);
        assertThat(all).extracting(ApiKey::id).containsExactly("k1", "k2", "k3", "k4");
        assertThat(progress).containsExactly(2, 3, 4);
        RecordedRequest r1 = server.takeRequest();
        RecordedRequest r2 = server.takeRequest();
        RecordedRequest r3 = server.takeRequest();
        assertThat(r1.getUrl().queryParameter("cursor")).isNull();
        assertThat(r1.getUrl().queryParameter("limit")).isEqualTo("1000");
        assertThat(r2.getUrl().queryParameter("cursor")).isEqualTo("p2");
        assertThat(r3.getUrl().queryParameter("cursor")).isEqualTo("p3");
    }

    @Test
    void listAllRefusesAMoreFlagWithoutCursorAndARepeatedCursor() {
        server.enqueue(json(200, "{\"data\":[],\"has_more\":true}"));
        catchThrowableOfType(MalformedResponseException.class, () -> api.listAllKeys(n -> { }));
        server.enqueue(json(200, "{\"data\":[],\"has_more\":true,\"next_cursor\":\"same\"}"));
        server.enqueue(json(200, "{\"data\":[],\"has_more\":true,\"next_cursor\":\"same\"}"));
        catchThrowableOfType(MalformedResponseException.class, () -> api.listAllKeys(null));
    }

    @Test
    void getReturnsTheEtag() throws Exception {
        server.enqueue(json(200, KEY_JSON, "ETag", "W/\"abc\""));
        VersionedKey v = api.getKey("key/1");
        assertThat(v.etag()).isEqualTo("W/\"abc\"");
        assertThat(v.key().id()).isEqualTo("key_1");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/api-keys/key%2F1");
    }

    @Test
    void createSendsTheFieldsAndReadsTheSecretOnce() throws Exception {
        String secret = "sk_test_BrandNewSecret0123456789ABCDEFGH";
        server.enqueue(json(201, KEY_JSON.replace("{\"id\"", "{\"key\":\"" + secret + "\",\"id\"")));
        CreatedKey created = api.createKey(new KeyCreateParams("CI deploy", "for CI", "test",
                List.of(Permission.parse("datasets:read"), Permission.parse("jobs:write")),
                Instant.parse("2026-06-01T00:00:00Z")));
        assertThat(created.replayed()).isFalse();
        assertThat(created.secret()).isPresent();
        assertThat(created.secret().get().reveal()).isEqualTo(secret);
        assertThat(created.toString()).doesNotContain(secret);
        assertThat(created.key().id()).isEqualTo("key_1");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(r)).isEqualTo(PLAIN.readTree("""
                {"name":"CI deploy","description":"for CI","type":"test",
                 "permissions":["datasets:read","jobs:write"],"expires_at":"2026-06-01T00:00:00Z"}"""));
    }

    @Test
    void createWithoutExpirySendsNullAndOmitsUnsetOptionals() throws Exception {
        server.enqueue(json(201, KEY_JSON.replace("{\"id\"", "{\"key\":\"sk_live_x\",\"id\"")));
        api.createKey(new KeyCreateParams("n", null, null, List.of(Permission.parse("datasets:read")), null));
        assertThat(body(server.takeRequest())).isEqualTo(PLAIN.readTree(
                "{\"name\":\"n\",\"permissions\":[\"datasets:read\"],\"expires_at\":null}"));
    }

    @Test
    void createReplayWithoutHeaderButWithoutSecretIsStillAReplay() {
        server.enqueue(json(200, KEY_JSON));
        CreatedKey created = api.createKey(new KeyCreateParams("n", null, null, List.of(Permission.parse("a:read")), null));
        assertThat(created.replayed()).isTrue();
        assertThat(created.secret()).isEmpty();
    }

    @Test
    void createResponseThatIsNotJsonIsMalformedAndSaysNothingOfTheBody() {
        server.enqueue(json(201, "{\"key\":\"sk_live_LeakyLeakyLeaky1234567890\",\"id\": nope"));
        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class,
                () -> api.createKey(new KeyCreateParams("n", null, null, List.of(Permission.parse("a:read")), null)));
        assertThat(e.getMessage()).doesNotContain("Leaky");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void updateSendsOnlyTheSetFieldsAndIfMatch() throws Exception {
        server.enqueue(json(200, KEY_JSON, "ETag", "\"v2\""));
        VersionedKey v = api.updateKey("key_1", KeyUpdateParams.builder().name("Renamed").status("disabled").build(), "\"v1\"");
        assertThat(v.etag()).isEqualTo("\"v2\"");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("PATCH");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys/key_1");
        assertThat(r.getHeaders().get("If-Match")).isEqualTo("\"v1\"");
        assertThat(body(r)).isEqualTo(PLAIN.readTree("{\"name\":\"Renamed\",\"status\":\"disabled\"}"));
    }

    @Test
    void updateToNeverExpiresSendsJsonNullAndNoIfMatchWhenNotGiven() throws Exception {
        server.enqueue(json(200, KEY_JSON));
        api.updateKey("key_1", KeyUpdateParams.builder().neverExpires()
                .permissions(List.of(Permission.parse("datasets:read"))).build(), null);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("If-Match")).isNull();
        assertThat(body(r)).isEqualTo(PLAIN.readTree("{\"permissions\":[\"datasets:read\"],\"expires_at\":null}"));
    }

    @Test
    void updateWithADateSendsRfc3339() throws Exception {
        server.enqueue(json(200, KEY_JSON));
        api.updateKey("key_1", KeyUpdateParams.builder().expiresAt(Instant.parse("2026-12-31T23:59:59Z")).build(), null);
        assertThat(body(server.takeRequest()).get("expires_at").asText()).isEqualTo("2026-12-31T23:59:59Z");
    }

    @Test
    void revokeSendsDelete() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        api.revokeKey("key_1");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys/key_1");
    }

    @Test
    void whoamiCatalogPolicyAuditAndRateLimitAreRead() throws Exception {
        server.enqueue(json(200, "{\"key\":" + KEY_JSON + ",\"permissions\":[\"admin:*\"]}"));
        WhoAmI me = api.whoami().orElseThrow();
        assertThat(me.key().id()).isEqualTo("key_1");
        assertThat(me.holds(Permission.parse("jobs:write"))).isTrue();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/whoami");

        server.enqueue(json(200, """
                {"access_levels":["read","write","admin"],
                 "resources":[{"name":"datasets","label":"Datasets","category":"Core Data","description":"d","access":["read","write"]},
                              {"name":"quantum","label":"Quantum","category":"Future","description":"q","access":["admin"]}],
                 "presets":[{"id":"analytics","name":"Read-only analytics","description":"x","permissions":["datasets:read"]}]}"""));
        Catalog catalog = api.catalog();
        assertThat(catalog.accessLevels()).containsExactly("read", "write", "admin");
        assertThat(catalog.supports(Permission.parse("quantum:admin"))).isTrue();
        assertThat(catalog.presets()).hasSize(1);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/permissions");

        server.enqueue(json(200, "{\"max_lifetime_days\":30,\"default_lifetime_days\":7,\"expiration_required\":false,"
                + "\"key_types\":[\"live\"]}"));
        assertThat(api.policy()).isEqualTo(new KeyPolicy(30, 7, false, List.of("live")));
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/key-policy");

        server.enqueue(json(200, """
                {"data":[{"id":"ev_2","at":"2026-02-01T00:00:00Z","type":"key.updated","actor_key_id":"key_0",
                          "key_id":"key_1","ip":"127.0.0.1","detail":{"fields":["name"]}},
                         {"id":"ev_1","at":"2026-01-01T00:00:00Z","type":"auth.failed","actor_key_id":null,
                          "key_id":null,"ip":"10.0.0.1","detail":"unknown key"}],
                 "has_more":true,"next_cursor":"e3"}"""));
        Page<AuditEvent> events = api.auditEvents(new AuditQuery("key_1", "key.updated",
                Instant.parse("2026-01-01T00:00:00Z"), 50, "e1")).orElseThrow();
        assertThat(events.data()).extracting(AuditEvent::detail).containsExactly("{\"fields\":[\"name\"]}", "unknown key");
        assertThat(events.data()).extracting(AuditEvent::detailSummary).containsExactly("fields: name", "unknown key");
        assertThat(events.data().get(0).actorKeyId()).isEqualTo("key_0");
        assertThat(events.nextCursor()).isEqualTo("e3");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/audit-events");
        assertThat(r.getUrl().queryParameter("key_id")).isEqualTo("key_1");
        assertThat(r.getUrl().queryParameter("type")).isEqualTo("key.updated");
        assertThat(r.getUrl().queryParameter("since")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(r.getUrl().queryParameter("cursor")).isEqualTo("e1");

        server.enqueue(json(200, "{\"limit\":10000,\"remaining\":9847,\"reset\":1634234567,\"reset_at\":\"2021-10-14T18:02:47Z\"}"));
        RateLimitStatus rl = api.rateLimit();
        assertThat(rl).isEqualTo(new RateLimitStatus(10000, 9847, Instant.ofEpochSecond(1634234567), Scripted.NOW));
        assertThat(api.lastRateLimit()).contains(rl);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/rate-limit");
    }

    @Test
    void optionalEndpointsAnswering404Or405Degrade() {
        server.enqueue(json(404, "{\"error\":\"not_found\"}"));
        server.enqueue(new MockResponse.Builder().code(405).build());
        server.enqueue(json(404, "<html>no</html>"));
        server.enqueue(new MockResponse.Builder().code(405).build());
        assertThat(api.whoami()).isEmpty();
        assertThat(api.catalog()).isEqualTo(Catalog.builtIn());
        assertThat(api.policy()).isEqualTo(KeyPolicy.defaults());
        assertThat(api.auditEvents(AuditQuery.all())).isEmpty();
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void optionalEndpointsStillReportAuthErrors() {
        server.enqueue(json(401, "{\"error\":\"unauthorized\",\"message\":\"Invalid API key.\"}"));
        catchThrowableOfType(UnauthorizedException.class, () -> api.catalog());
        server.enqueue(json(403, "{\"error\":\"insufficient_permission\",\"required_permission\":\"access_tokens:read\"}"));
        catchThrowableOfType(PermissionDeniedException.class, () -> api.auditEvents(AuditQuery.all()));
    }

    @Test
    void rateLimitHeadersAreObservedOnEveryResponseAndListenersTold() {
        List<RateLimitStatus> seen = new ArrayList<>();
        api.addRateLimitListener(s -> {
            throw new IllegalStateException("a broken listener");
        });
        api.addRateLimitListener(seen::add);
        assertThat(api.lastRateLimit()).isEmpty();
        server.enqueue(json(200, KEY_JSON, "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "998",
                "X-RateLimit-Reset", "1772370000"));
        api.getKey("key_1");
        RateLimitStatus expected = new RateLimitStatus(1000, 998, Instant.ofEpochSecond(1772370000), Scripted.NOW);
        assertThat(api.lastRateLimit()).contains(expected);
        assertThat(seen).containsExactly(expected);

        // Error responses carry them too.
        server.enqueue(json(404, "{\"error\":\"key_not_found\"}", "X-RateLimit-Limit", "1000",
                "X-RateLimit-Remaining", "997", "X-RateLimit-Reset", "1772370000"));
        catchThrowableOfType(RuntimeException.class, () -> api.getKey("nope"));
        assertThat(api.lastRateLimit().map(RateLimitStatus::remaining)).contains(997L);

        // A response without them changes nothing; a removed listener hears nothing more.
        api.removeRateLimitListener(seen::add); // a different lambda instance: still registered
        server.enqueue(json(200, KEY_JSON));
        api.getKey("key_1");
        assertThat(seen).hasSize(2);
        assertThat(api.lastRateLimit().map(RateLimitStatus::remaining)).contains(997L);
    }

    @Test
    void removedListenerIsNotTold() {
        List<RateLimitStatus> seen = new ArrayList<>();
        java.util.function.Consumer<RateLimitStatus> listener = seen::add;
        api.addRateLimitListener(listener);
        api.removeRateLimitListener(listener);
        server.enqueue(json(200, KEY_JSON, "X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "9",
                "X-RateLimit-Reset", "30"));
        api.getKey("key_1");
        assertThat(seen).isEmpty();
        // A small reset value is read as seconds from now.
        assertThat(api.lastRateLimit().map(RateLimitStatus::reset)).contains(Scripted.NOW.plusSeconds(30));
    }

    @Test
    void baseUrlWithAPathPrefixIsKept() throws Exception {
        KeyApi prefixed = Scripted.client(server, sleeper).baseUrl(server.url("/keys-api/").toString()).build();
        try (prefixed) {
            server.enqueue(json(200, "{\"data\":[]}"));
            prefixed.listKeys(new KeyListParams(null, null));
            assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/keys-api/v1/api-keys");
        }
    }

    @Test
    void closedClientRefusesCalls() {
        api.close();
        api.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.getKey("key_1"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Optional.of(server.getRequestCount())).contains(0);
    }
}
