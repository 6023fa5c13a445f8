package dev.keydesk.client.keydesk;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.KeyField;
import dev.keydesk.client.model.KeyListParams;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.RateLimitWindow;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.error;
import static dev.keydesk.client.Scripted.PLAIN;
import static dev.keydesk.client.Scripted.body;
import static dev.keydesk.client.Scripted.json;
import static dev.keydesk.client.Scripted.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** KeyDesk's version 1.1 extensions (usage, identify, revoked list, audit reason, limit scope) and field names. */
class ScriptedExtensionsTest {

    static final String REVOKED_KEY = KEY_JSON.replace("\"status\":\"active\"",
            "\"status\":\"revoked\",\"revoked_at\":\"2026-02-01T10:00:00Z\",\"revoked_by\":\"key_009\"");

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

    // ---- usage ----

    @Test
    void usageReadsPermissionsDailyAndAddressesWithTheLocalServersExtensions() throws Exception {
        server.enqueue(json(200, """
                {"key_id":"key_123","since":"2026-09-02T00:00:00Z",
                 "permissions":[
                   {"permission":"datasets:read","last_used":"2026-11-30T08:12:00Z","requests_7d":900,"requests_30d":4120,"requests_90d":9000},
                   {"permission":"datasets:write","last_used":null,"requests_30d":0}],
                 "daily":[{"date":"2026-11-30","requests":1234}],
                 "addresses":[{"ip":"203.0.113.7","first_seen":"2026-10-01T09:00:00Z","last_seen":"2026-11-30T08:12:00Z",
                               "requests_30d":4100,"requests_7d":10}],
                 "future_field":{"x":1}}"""));
        KeyUsage usage = api.usage("key_123");
        assertThat(usage.keyId()).isEqualTo("key_123");
        assertThat(usage.since()).isEqualTo(Instant.parse("2026-09-02T00:00:00Z"));
        assertThat(usage.permissions()).containsExactly(
                new KeyUsage.PermissionUsage(Permission.parse("datasets:read"), Instant.parse("2026-11-30T08:12:00Z"),
                        900L, 4120, 9000L),
                new KeyUsage.PermissionUsage(Permission.parse("datasets:write"), null, null, 0, null));
        assertThat(usage.permissions().get(1).neverUsed()).isTrue();
        assertThat(usage.daily()).containsExactly(new KeyUsage.DailyRequests(LocalDate.parse("2026-11-30"), 1234));
        assertThat(usage.addresses()).containsExactly(new KeyUsage.AddressUsage("203.0.113.7",
                Instant.parse("2026-10-01T09:00:00Z"), Instant.parse("2026-11-30T08:12:00Z"), 10L, 4100, null));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys/key_123/usage");
    }

    @Test
    void usageOfAnUnknownKeyIsNotFoundButAMissingEndpointIsUnavailable() {
        server.enqueue(json(404, error("key_not_found", "No such key")));
        catchThrowableOfType(NotFoundException.class, () -> api.usage("key_gone"));

        server.enqueue(json(404, error("not_found", "No such endpoint: GET /v1/api-keys/key_1/usage.")));
        FeatureUnavailableException e = catchThrowableOfType(FeatureUnavailableException.class, () -> api.usage("key_1"));
        assertThat(e.capability()).isEqualTo(Capability.USAGE);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.reason()).contains("version 1.1");
        assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
        // The capability is off from now on, without another probe of it.
        server.enqueue(json(405, error("method_not_allowed", "no")));
        catchThrowableOfType(FeatureUnavailableException.class, () -> api.usage("key_1"));
        assertThat(sleeper.waits).isEmpty();
    }

    // ---- identify ----

    @Test
    void identifySendsTheSecretInTheBodyOnlyAndReadsARevokedKey() throws Exception {
        String leaked = "sk_live_Leaked\"Quote\\Back\u00e9\u20ac\uD83D\uDE00tail0123456789";
        server.enqueue(json(200, "{\"key\":" + REVOKED_KEY + "}"));
        Optional<ApiKey> found;
        try (Secret s = Secret.of(leaked)) {
            found = api.identify(s);
            assertThat(s.isWiped()).as("the caller's secret is the caller's").isFalse();
        }
        ApiKey k = found.orElseThrow();
        assertThat(k.status()).isEqualTo(KeyStatus.REVOKED);
        assertThat(k.isRevoked()).isTrue();
        assertThat(k.isActive()).isFalse();
        assertThat(k.revokedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
        assertThat(k.revokedBy()).isEqualTo("key_009");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/api-keys/identify");
        assertThat(r.getUrl().querySize()).isZero();
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(r).get("secret").asText()).isEqualTo(leaked);
        assertThat(body(r).size()).isEqualTo(1);
        assertThat(r.getHeaders().toString()).doesNotContain("Leaked");
    }

    @Test
    void identifyOfASecretNoKeyHasIsEmptyAndAMissingEndpointIsUnavailable() {
        server.enqueue(json(404, error("key_not_found", "No key has this secret.")));
        try (Secret s = Secret.of("sk_live_nobodyhasthis0000000000000000")) {
            assertThat(api.identify(s)).isEmpty();
            server.enqueue(json(405, error("method_not_allowed", "POST is not allowed here")));
            FeatureUnavailableException e = catchThrowableOfType(FeatureUnavailableException.class, () -> api.identify(s));
            assertThat(e.capability()).isEqualTo(Capability.IDENTIFY);
            assertThat(e.status()).isEqualTo(405);
        }
    }

    @Test
    void identifyIsRepeatedAfterA503WithTheSameBodyAndTheSecretIsInNoMessageOrLog() throws Exception {
        String leaked = "sk_live_ThisOneLeakedOnAPastebin0123456789";
        Logger root = (Logger) LoggerFactory.getLogger("dev.keydesk.client");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level before = root.getLevel();
        root.setLevel(Level.TRACE);
        root.addAppender(logs);
        List<String> texts = new ArrayList<>();
        try (Secret s = Secret.of(leaked)) {
            server.enqueue(json(503, error("internal_error", "busy")));
            server.enqueue(json(422, "{\"error\":\"validation_failed\",\"message\":\"Secret " + leaked
                    + " is not of our shape\",\"param\":\"secret\"}"));
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> api.identify(s));
            texts.add(e.getMessage());
            texts.add(e.toString());
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        logs.list.forEach(l -> texts.add(l.getFormattedMessage()));
        assertThat(server.getRequestCount()).isEqualTo(2);
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8()).contains(leaked);
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(leaked).doesNotContain("ThisOneLeaked"));
        assertThat(texts.get(0)).contains("[redacted]");
    }

    // ---- revoked and status lists ----

    @Test
    void revokedKeysAreListedWithWhenAndByWhom() throws Exception {
        server.enqueue(json(200, "{\"data\":[" + REVOKED_KEY + "],\"has_more\":false}"));
        List<ApiKey> revoked = api.listAllKeys(KeyStatus.REVOKED, null);
        assertThat(revoked).singleElement().satisfies(k -> {
            assertThat(k.revokedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
            assertThat(k.revokedBy()).isEqualTo("key_009");
        });
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().queryParameter("status")).isEqualTo("revoked");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("1000");
    }

    @Test
    void aServerThatIgnoresTheRevokedFilterMakesItUnavailable() {
        server.enqueue(json(200, Scripted.listOf(key("key_a"), key("key_b"))));
        FeatureUnavailableException e = catchThrowableOfType(FeatureUnavailableException.class,
                () -> api.listKeys(new KeyListParams(10, null, KeyStatus.REVOKED)));
        assertThat(e.capability()).isEqualTo(Capability.REVOKED_LIST);
        assertThat(e.reason()).contains("ignores ?status=revoked");
    }

    @Test
    void aServerThatIgnoresAnotherStatusFilterIsFilteredHere() {
        String disabled = key("key_d").replace("\"status\":\"active\"", "\"status\":\"disabled\"");
        server.enqueue(json(200, "{\"data\":[" + key("key_a") + "," + disabled + "],\"has_more\":true,\"next_cursor\":\"c2\"}"));
        Page<ApiKey> page = api.listKeys(new KeyListParams(10, null, KeyStatus.DISABLED));
        assertThat(page.data()).extracting(ApiKey::id).containsExactly("key_d");
        assertThat(page.nextCursor()).isEqualTo("c2");
    }

    @Test
    void versionOneListsSendNoStatus() throws Exception {
        server.enqueue(json(200, Scripted.listOf(key("key_a"))));
        api.listAllKeys(null);
        assertThat(server.takeRequest().getUrl().queryParameter("status")).isNull();
    }

    // ---- audit reason ----

    @Test
    void aReasonTravelsAsAuditReasonOnUpdateAndRevoke() throws Exception {
        server.enqueue(json(200, KEY_JSON));
        server.enqueue(new MockResponse.Builder().code(204).build());
        api.updateKey("key_1", KeyUpdateParams.builder().status(KeyStatus.DISABLED).build(), "\"v1\"",
                ChangeOptions.reason("  INC-42: leaked in a build log  "));
        api.revokeKey("key_1", ChangeOptions.reason("Rotation – Schlüssel ersetzt"));
        RecordedRequest update = server.takeRequest();
        assertThat(update.getHeaders().get("Audit-Reason")).isEqualTo("INC-42: leaked in a build log");
        assertThat(body(update)).isEqualTo(PLAIN.readTree("{\"status\":\"disabled\"}"));
        assertThat(update.getHeaders().get("If-Match")).isEqualTo("\"v1\"");
        RecordedRequest revoke = server.takeRequest();
        assertThat(revoke.getMethod()).isEqualTo("DELETE");
        // Non-ASCII text goes as UTF-8 bytes (which is how MockWebServer reads header lines back).
        assertThat(revoke.getHeaders().get("Audit-Reason")).isEqualTo("Rotation – Schlüssel ersetzt");
    }

    @Test
    void theOldOverloadsSendNoReason() throws Exception {
        server.enqueue(json(200, KEY_JSON));
        server.enqueue(new MockResponse.Builder().code(204).build());
        api.updateKey("key_1", KeyUpdateParams.builder().name("n").build(), null);
        api.revokeKey("key_1");
        assertThat(server.takeRequest().getHeaders().get("Audit-Reason")).isNull();
        assertThat(server.takeRequest().getHeaders().get("Audit-Reason")).isNull();
    }

    @Test
    void aReasonIsCheckedBeforeAnythingIsSent() {
        assertThat(ChangeOptions.reason(null)).isEqualTo(ChangeOptions.none());
        assertThat(ChangeOptions.reason("   ").auditReason()).isEmpty();
        assertThat(ChangeOptions.reason("x".repeat(200)).auditReason()).get().asString().hasSize(200);
        assertThatThrownBy(() -> ChangeOptions.reason("x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> ChangeOptions.reason("two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeOptions.reason("bell\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChangeOptions.reason("tab\there")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ChangeOptions.reasonProblem("x".repeat(201))).isPresent();
        assertThat(ChangeOptions.reasonProblem("fine, é and 😀")).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aReasonTheServerRefusesIsAValidationErrorOfTheReasonField() {
        server.enqueue(json(422, "{\"error\":\"validation_failed\",\"message\":\"Audit-Reason is too long.\","
                + "\"param\":\"Audit-Reason\",\"request_id\":\"req_7\"}"));
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> api.revokeKey("key_1", ChangeOptions.reason("INC-42")));
        assertThat(e.field()).isEqualTo(KeyField.REASON);
        assertThat(e.param()).contains("Audit-Reason");
    }

    // ---- field names ----

    @Test
    void validationErrorsNameNeutralFieldsAndKeepTheWireName() {
        String[][] cases = {{"expires_at", "EXPIRY"}, {"name", "NAME"}, {"permissions", "PERMISSIONS"},
                {"description", "DESCRIPTION"}, {"type", "TYPE"}, {"status", "STATUS"}, {"permissions[3]", "PERMISSIONS"},
                {"colour", "OTHER"}};
        for (String[] c : cases) {
            server.enqueue(json(422, "{\"error\":\"invalid\",\"message\":\"bad\",\"param\":\"" + c[0] + "\"}"));
            ValidationException e = catchThrowableOfType(ValidationException.class,
                    () -> api.updateKey("key_1", KeyUpdateParams.builder().name("x").build(), null));
            assertThat(e.field()).as(c[0]).isEqualTo(KeyField.valueOf(c[1]));
            assertThat(e.param()).contains(c[0]);
        }
        server.enqueue(json(400, error("malformed_request", "The body is not JSON.")));
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> api.updateKey("key_1", KeyUpdateParams.builder().name("x").build(), null)).field())
                .isEqualTo(KeyField.OTHER);
    }

    // ---- audit query ----

    @Test
    void auditQuerySendsSeveralTypesAnAddressAndAnUpperBound() throws Exception {
        server.enqueue(json(200, """
                {"data":[{"id":"ev_2","at":"2026-02-01T00:00:00Z","type":"auth.failed","ip":"198.51.100.9","detail":null},
                         {"id":"ev_1","at":"2026-01-01T00:00:00Z","type":"key.used_from_new_ip","ip":"198.51.100.9"}],
                 "has_more":false}"""));
        Page<AuditEvent> page = api.auditEvents(AuditQuery.all().withTypes("auth.failed", "key.used_from_new_ip")
                .withIp("198.51.100.9").withSince(Instant.parse("2025-12-01T00:00:00Z"))
                .withUntil(Instant.parse("2026-03-01T00:00:00Z")).withLimit(50)).orElseThrow();
        assertThat(page.data()).hasSize(2);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().queryParameter("type")).isEqualTo("auth.failed,key.used_from_new_ip");
        assertThat(r.getUrl().queryParameter("ip")).isEqualTo("198.51.100.9");
        assertThat(r.getUrl().queryParameter("since")).isEqualTo("2025-12-01T00:00:00Z");
        assertThat(r.getUrl().queryParameter("until")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("50");
    }

    @Test
    void anOlderServerThatIgnoresIpAndUntilIsFilteredHereAndItsCursorKept() {
        server.enqueue(json(200, """
                {"data":[{"id":"ev_3","at":"2026-02-20T00:00:00Z","type":"auth.failed","ip":"198.51.100.9"},
                         {"id":"ev_2","at":"2026-02-01T00:00:00Z","type":"auth.failed","ip":"10.0.0.1"},
                         {"id":"ev_1","at":"2026-01-01T00:00:00Z","type":"auth.failed","ip":"198.51.100.9"}],
                 "has_more":true,"next_cursor":"e9"}"""));
        Page<AuditEvent> page = api.auditEvents(AuditQuery.all().withIp("198.51.100.9")
                .withUntil(Instant.parse("2026-02-10T00:00:00Z"))).orElseThrow();
        assertThat(page.data()).extracting(AuditEvent::id).containsExactly("ev_1");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("e9");
    }

    @Test
    void versionOneQueriesKeepTheirShape() {
        AuditQuery q = new AuditQuery("key_1", "key.updated", null, 10, null);
        assertThat(q.types()).containsExactly("key.updated");
        assertThat(q.type()).isEqualTo("key.updated");
        assertThat(AuditQuery.forKey("k").types()).isEmpty();
        assertThat(AuditQuery.all().withTypes("a", "b").type()).isNull();
    }

    // ---- rate limits ----

    @Test
    void a429NamesTheLimitHit() {
        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"message\":\"Rate limit exceeded.\",\"limit_scope\":\"key_minute\"}",
                "Retry-After", "3600"));
        RateLimitedException minute = catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1"));
        assertThat(minute.limitScope()).contains(RateLimitedException.KEY_MINUTE);
        assertThat(minute.isAddressBlocked()).isFalse();

        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"limit_scope\":\"key_hour\"}", "Retry-After", "3600"));
        RateLimitedException hour = catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1"));
        assertThat(hour.limitScope()).contains(RateLimitedException.KEY_HOUR);
        assertThat(hour.getMessage()).contains("hourly rate limit").contains("3600 seconds");

        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"limit_scope\":\"galaxy_wide\"}", "Retry-After", "3600"));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1")).limitScope())
                .contains("galaxy_wide");
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "3600"));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1")).limitScope()).isEmpty();
    }

    @Test
    void anAddressBlockedForFailedAuthenticationsIsNotBlamedOnTheKey() {
        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"message\":\"This API key made too many requests.\","
                + "\"limit_scope\":\"address_failed_auth\"}", "Retry-After", "45"));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1"));
        assertThat(e.isAddressBlocked()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(45));
        assertThat(e.getMessage())
                .startsWith("Too many failed authentications from this address; every request from it waits 45 s")
                .doesNotContain("API key made");
    }

    @Test
    void thePerMinuteWindowIsReadFromItsExtensionHeaders() {
        server.enqueue(json(200, KEY_JSON, "X-RateLimit-Limit", "10000", "X-RateLimit-Remaining", "9990",
                "X-RateLimit-Reset", "1772370000", "X-RateLimit-Minute-Limit", "500",
                "X-RateLimit-Minute-Remaining", "498", "X-RateLimit-Minute-Reset", "1772366460"));
        api.getKey("key_1");
        RateLimitStatus s = api.lastRateLimit().orElseThrow();
        assertThat(s.limit()).isEqualTo(10000);
        assertThat(s.remaining()).isEqualTo(9990);
        assertThat(s.minuteWindow()).contains(new RateLimitWindow(500, 498, Instant.ofEpochSecond(1772366460)));
        assertThat(s.hourWindow()).isEqualTo(new RateLimitWindow(10000, 9990, Instant.ofEpochSecond(1772370000)));

        server.enqueue(json(200, KEY_JSON, "X-RateLimit-Limit", "10000", "X-RateLimit-Remaining", "9989"));
        api.getKey("key_1");
        assertThat(api.lastRateLimit().orElseThrow().minuteWindow()).isEmpty();
    }

    @Test
    void theRateLimitEndpointCarriesTheMinuteWindowOfItsHeaders() {
        server.enqueue(json(200, "{\"limit\":1000,\"remaining\":999,\"reset\":1772370000}",
                "X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "999", "X-RateLimit-Reset", "1772370000",
                "X-RateLimit-Minute-Limit", "100", "X-RateLimit-Minute-Remaining", "99"));
        RateLimitStatus s = api.rateLimit();
        assertThat(s.minuteWindow()).contains(new RateLimitWindow(100, 99, null));
    }

    @Test
    void failuresOfTheNewCallsAreAllKeyApiExceptions() {
        server.enqueue(json(500, error("internal_error", "boom")));
        server.enqueue(json(500, error("internal_error", "boom")));
        server.enqueue(json(500, error("internal_error", "boom")));
        assertThat(catchThrowableOfType(KeyApiException.class, () -> api.usage("key_1")).status()).isEqualTo(500);
    }
}
