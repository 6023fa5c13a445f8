package dev.keydesk.client.keydesk;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.UnauthorizedException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.error;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a KeyDesk server can do: the 1.1 endpoints probed once, cheaply, and the verdicts kept. */
class ScriptedCapabilitiesTest {

    @StartStop
    MockWebServer server = new MockWebServer();

    final List<String> asked = new CopyOnWriteArrayList<>();
    KeyApi api;

    @AfterEach
    void tearDown() {
        if (api != null) {
            api.close();
        }
    }

    private void serve(Function<RecordedRequest, MockResponse> answer) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                asked.add(request.getMethod() + " " + request.getUrl().encodedPath()
                        + (request.getUrl().query() == null ? "" : "?" + request.getUrl().query()));
                return answer.apply(request);
            }
        });
        if (api == null) {
            api = Scripted.client(server, new Scripted.RecordingSleeper()).build();
        }
    }

    /** As the local server answers today: version 1 only (Javalin: 404 not_found, 405 for a known path). */
    private static MockResponse versionOne(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        return switch (r.getMethod() + " " + path) {
            case "GET /v1/whoami" -> json(200, "{\"key\":" + KEY_JSON + ",\"permissions\":[\"admin:*\"]}");
            case "GET /v1/key-policy" -> json(200, "{\"max_lifetime_days\":365,\"default_lifetime_days\":90,"
                    + "\"expiration_required\":true,\"key_types\":[\"live\",\"test\"]}");
            case "GET /v1/audit-events" -> json(200, "{\"data\":[],\"has_more\":false}");
            case "GET /v1/api-keys" -> json(200, Scripted.listOf(KEY_JSON));
            case "POST /v1/api-keys/identify" -> json(405, error("method_not_allowed", "POST is not allowed"));
            default -> json(404, error("not_found", "No such endpoint: " + r.getMethod() + " " + path + "."));
        };
    }

    /** A server with the 1.1 extensions. */
    private static MockResponse versionOneOne(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        return switch (r.getMethod() + " " + path) {
            case "GET /v1/api-keys" -> "revoked".equals(r.getUrl().queryParameter("status"))
                    ? json(200, "{\"data\":[],\"has_more\":false}") : versionOne(r);
            case "GET /v1/api-keys/key_capability_probe/usage" -> json(404, error("key_not_found", "No such key."));
            case "POST /v1/api-keys/identify" -> json(422, "{\"error\":\"validation_failed\",\"message\":\"secret is "
                    + "required\",\"param\":\"secret\"}");
            default -> versionOne(r);
        };
    }

    @Test
    void aVersionOneServerLacksTheExtensionsEachWithAReason() {
        serve(ScriptedCapabilitiesTest::versionOne);
        Capabilities c = api.capabilities();
        assertThat(c.dialect()).isEqualTo(Dialect.KEYDESK);
        assertThat(c.absent().keySet()).containsExactlyInAnyOrder(Capability.USAGE, Capability.IDENTIFY,
                Capability.REVOKED_LIST, Capability.AUDIT_REASON, Capability.NEVER_EXPIRES);
        assertThat(c.whyNot(Capability.USAGE)).get().asString().contains("HTTP 404").contains("version 1.1");
        assertThat(c.whyNot(Capability.IDENTIFY)).get().asString().contains("HTTP 405");
        assertThat(c.whyNot(Capability.REVOKED_LIST)).get().asString().contains("ignores ?status=revoked");
        assertThat(c.whyNot(Capability.AUDIT_REASON)).get().asString().contains("none of the version 1.1 extensions");
        assertThat(c.whyNot(Capability.NEVER_EXPIRES)).get().asString().contains("365 days");
        assertThat(c.has(Capability.AUDIT_LOG)).isTrue();
        assertThat(c.has(Capability.WHOAMI_NAMES_KEY)).isTrue();
        assertThat(c.has(Capability.FREEZE)).isTrue();
        assertThat(c.has(Capability.ETAG)).isTrue();
        assertThat(c.has(Capability.KEY_TYPES)).isTrue();
        assertThat(asked).containsExactly("GET /v1/whoami", "GET /v1/key-policy", "GET /v1/audit-events?limit=1",
                "GET /v1/api-keys/key_capability_probe/usage", "POST /v1/api-keys/identify",
                "GET /v1/api-keys?status=revoked&limit=1");
    }

    @Test
    void theProbesRunOnceAndTheVerdictsAreKept() {
        serve(ScriptedCapabilitiesTest::versionOne);
        Capabilities first = api.capabilities();
        int requests = asked.size();
        assertThat(api.capabilities()).isEqualTo(first);
        assertThat(api.withRetryPolicy(RetryPolicy.none()).capabilities()).isEqualTo(first);
        assertThat(asked).hasSize(requests);
    }

    @Test
    void aVersionOneOneServerHasThemAll() throws Exception {
        serve(ScriptedCapabilitiesTest::versionOneOne);
        Capabilities c = api.capabilities();
        assertThat(c.absent().keySet()).containsExactly(Capability.NEVER_EXPIRES);
        assertThat(c.has(Capability.AUDIT_REASON)).isTrue();
        // The identify probe carries no secret at all.
        RecordedRequest identify = null;
        for (int i = 0; i < asked.size(); i++) {
            RecordedRequest r = server.takeRequest();
            if (r.getUrl().encodedPath().endsWith("/identify")) {
                identify = r;
            }
        }
        assertThat(identify).isNotNull();
        assertThat(identify.getBody().utf8()).isEqualTo("{}");
    }

    @Test
    void callsAlreadyMadeSettleCapabilitiesWithoutProbes() {
        serve(ScriptedCapabilitiesTest::versionOne);
        api.whoami();
        api.policy();
        catchThrowableOfType(FeatureUnavailableException.class, () -> api.usage("key_1"));
        asked.clear();
        Capabilities c = api.capabilities();
        assertThat(c.has(Capability.USAGE)).isFalse();
        assertThat(asked).containsExactly("GET /v1/audit-events?limit=1", "POST /v1/api-keys/identify",
                "GET /v1/api-keys?status=revoked&limit=1");
    }

    @Test
    void aPolicyWithoutExpiryAndTypesShowsInTheCapabilities() {
        serve(r -> r.getUrl().encodedPath().equals("/v1/key-policy")
                ? json(200, "{\"expiration_required\":false,\"key_types\":[]}") : versionOneOne(r));
        Capabilities c = api.capabilities();
        assertThat(c.has(Capability.NEVER_EXPIRES)).isTrue();
        assertThat(c.has(Capability.KEY_TYPES)).isFalse();
    }

    @Test
    void aServerWithoutWhoamiOrAuditLogSaysSo() {
        serve(r -> switch (r.getUrl().encodedPath()) {
            case "/v1/whoami", "/v1/audit-events" -> json(404, error("not_found", "No such endpoint."));
            default -> versionOne(r);
        });
        Capabilities c = api.capabilities();
        assertThat(c.whyNot(Capability.WHOAMI_NAMES_KEY)).get().asString().contains("no whoami");
        assertThat(c.whyNot(Capability.AUDIT_LOG)).get().asString().contains("no audit log");
    }

    @Test
    void aProbeThatCouldNotBeAnsweredIsAskedAgainNextTime() {
        int[] failures = {1};
        serve(r -> {
            if (r.getUrl().encodedPath().endsWith("/usage") && failures[0]-- > 0) {
                return json(503, error("internal_error", "busy"));
            }
            return versionOneOne(r);
        });
        Capabilities first = api.capabilities();
        assertThat(first.whyNot(Capability.USAGE)).get().asString().contains("Could not be checked yet");
        assertThat(asked).filteredOn(a -> a.contains("/usage")).as("no retries in a probe").hasSize(1);
        Capabilities second = api.capabilities();
        assertThat(second.has(Capability.USAGE)).isTrue();
        assertThat(asked).filteredOn(a -> a.contains("/usage")).hasSize(2);
    }

    @Test
    void aRefusedKeyEndsTheProbingWithItsException() {
        serve(r -> json(401, error("unauthorized", "Invalid API key.")));
        catchThrowableOfType(UnauthorizedException.class, () -> api.capabilities());
    }

    @Test
    void aMissingEndpointMetAtCallTimeTurnsItsCapabilityOff() {
        serve(ScriptedCapabilitiesTest::versionOneOne);
        assertThat(api.capabilities().has(Capability.IDENTIFY)).isTrue();
        // The server is rolled back meanwhile; the same client meets it.
        serve(ScriptedCapabilitiesTest::versionOne);
        KeyApi same = api;
        try (dev.keydesk.client.Secret s = dev.keydesk.client.Secret.of("sk_live_x")) {
            FeatureUnavailableException e = catchThrowableOfType(FeatureUnavailableException.class, () -> same.identify(s));
            assertThat(e.capability()).isEqualTo(Capability.IDENTIFY);
        }
        assertThat(same.capabilities().whyNot(Capability.IDENTIFY)).isPresent();
    }
}
