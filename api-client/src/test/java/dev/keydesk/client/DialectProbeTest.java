package dev.keydesk.client;

import dev.keydesk.client.error.TransportException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link KeyApis#probeDialect}: which dialect a server speaks, for the "new connection" form. */
class DialectProbeTest {

    @StartStop
    MockWebServer server = new MockWebServer();

    final List<String> asked = new CopyOnWriteArrayList<>();

    /** Answers by path; anything else 404 without a body. */
    private void answer(Map<String, MockResponse> byPath) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                asked.add(request.getMethod() + " " + path);
                return byPath.getOrDefault(path, new MockResponse.Builder().code(404).build());
            }
        });
    }

    private DialectProbe probe() {
        return Scripted.client(server, new Scripted.RecordingSleeper()).probeDialect();
    }

    @Test
    void aKeydeskServerAnswersWhoamiWithTheCallingKey() {
        answer(Map.of("/v1/whoami", json(200, "{\"key\":" + Scripted.KEY_JSON + ",\"permissions\":[\"admin:*\"]}")));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.KEYDESK);
        assertThat(p.keyAccepted()).isTrue();
        assertThat(p.summary()).contains("Production App");
        assertThat(asked).containsExactly("GET /v1/whoami");
    }

    @Test
    void aKeydeskServerThatRefusesTheKeyIsStillRecognisedByItsErrorShape() {
        answer(Map.of("/v1/whoami", json(401, Scripted.error("unauthorized", "Invalid API key."))));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.KEYDESK);
        assertThat(p.keyAccepted()).isFalse();
        assertThat(p.summary()).contains("refused");
    }

    @Test
    void aCoreKeydeskServerWithoutWhoamiIsRecognisedByItsList() {
        answer(Map.of("/v1/whoami", json(404, Scripted.error("not_found", "No such endpoint")),
                "/v1/api-keys", json(200, "{\"data\":[]}")));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.KEYDESK);
        assertThat(p.keyAccepted()).isTrue();
        assertThat(asked).containsExactly("GET /v1/whoami", "GET /v1/api-keys");
    }

    @Test
    void narrativeAnswersWhoamiAndTheTokenList() {
        answer(Map.of("/whoami", json(200, "{\"user_id\":407,\"name\":\"John Doe\","
                        + "\"current_company_scope\":{\"company_id\":1,\"name\":\"Narrative, Inc\"}}"),
                "/access-tokens/tokens", json(200, "{\"records\":[]}")));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.NARRATIVE);
        assertThat(p.keyAccepted()).isTrue();
        assertThat(p.summary()).contains("John Doe · Narrative, Inc");
        assertThat(asked).containsExactly("GET /v1/whoami", "GET /v1/api-keys", "GET /whoami",
                "GET /access-tokens/tokens");
    }

    @Test
    void narrativeWithATokenThatMayNotListTokensIsNarrativeWithTheTokenAccepted() {
        String refused = "{\"error\":\"Unauthorized\",\"error_description\":\"You are not authorized to use this endpoint.\"}";
        answer(Map.of("/whoami", json(200, "{}"), "/access-tokens/tokens", json(403, refused)));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.NARRATIVE);
        assertThat(p.keyAccepted()).isTrue();
        assertThat(p.summary()).contains("may not list tokens");
    }

    @Test
    void narrativeThatRefusesTheTokenIsRecognisedByItsErrorShapeOnBothPaths() {
        String refused = "{\"error\":\"Unauthorized\",\"error_description\":\"You are not authorized to use this endpoint.\"}";
        answer(Map.of("/whoami", json(401, refused), "/access-tokens/tokens", json(401, refused)));
        DialectProbe p = probe();
        assertThat(p.dialect()).contains(Dialect.NARRATIVE);
        assertThat(p.keyAccepted()).isFalse();
    }

    @Test
    void aServerThatAnswersNeitherWayGivesNoDialectAndSaysWhatItSaw() {
        answer(Map.of("/whoami", new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>hello</html>").build()));
        DialectProbe p = probe();
        assertThat(p.dialect()).isEmpty();
        assertThat(p.keyAccepted()).isFalse();
        assertThat(p.summary()).contains("neither").contains("/v1/whoami answered HTTP 404")
                .contains("/whoami answered HTTP 200");
        assertThat(p.summary()).doesNotContain(Scripted.SECRET);
    }

    @Test
    void noRetriesAndAnUnreachableServerIsATransportFailure() throws Exception {
        answer(Map.of("/v1/whoami", json(503, Scripted.error("internal_error", "down"))));
        assertThat(probe().dialect()).isEmpty();
        assertThat(asked).filteredOn(a -> a.equals("GET /v1/whoami")).hasSize(1);

        String url = server.url("/").toString();
        server.close();
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> KeyApis.probeDialect(java.net.URI.create(url), Secret.of("x")));
        assertThat(e.mayHaveReachedServer()).isFalse();
    }
}
