package dev.keydesk.client.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.InsecureTransportException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key stays on this computer unless encrypted, and never shows up in text. */
class ScriptedSecurityTest {

    @StartStop
    MockWebServer server = new MockWebServer();

    @ParameterizedTest
    @ValueSource(strings = {"http://api.example.com", "http://10.0.0.5:8787", "http://192.168.1.2",
            "http://127.0.0.1.evil.example", "http://localhost.evil.example", "http://[2001:db8::1]:80",
            "http://0.0.0.0:8787", "http://128.0.0.1"})
    void plainHttpToANonLoopbackHostIsRefused(String url) {
        assertThatThrownBy(() -> KeyApis.builder().baseUrl(url).secret(Secret.of(Scripted.SECRET)).build())
                .isInstanceOf(InsecureTransportException.class)
                .hasMessageContaining("https")
                .hasMessageNotContaining(Scripted.SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8787", "http://LOCALHOST", "http://127.0.0.1:1", "http://127.8.9.10",
            "http://[::1]:8787", "http://[0:0:0:0:0:0:0:1]", "https://api.example.com", "https://10.0.0.5"})
    void httpsAnywhereAndPlainHttpToLoopbackAreAccepted(String url) {
        KeyApis.builder().baseUrl(url).secret(Secret.of(Scripted.SECRET)).build().close();
    }

    @Test
    void otherSchemesAreRejected() {
        assertThatThrownBy(() -> KeyApis.builder().baseUrl("ftp://127.0.0.1").secret(Secret.of("x")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretToStringNeverShowsTheSecret() {
        Secret s = Secret.of(Scripted.SECRET);
        assertThat(s.toString()).doesNotContain(Scripted.SECRET).doesNotContain("sk_test");
        s.wipe();
        assertThat(s.toString()).isEqualTo("Secret[wiped]");
    }

    @Test
    void noMessageLogLineOrStackTraceHoldsTheSecretOrTheAuthorizationHeader() throws Exception {
        Logger http = (Logger) LoggerFactory.getLogger("dev.keydesk.client");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = http.getLevel();
        http.setLevel(Level.TRACE);
        http.setAdditive(false);
        http.addAppender(appender);
        String created = "sk_test_JustCreatedSecret0123456789ABCDEF";
        List<String> texts = new ArrayList<>();
        try (KeyApi api = Scripted.client(server, new Scripted.RecordingSleeper()).build()) {
            server.enqueue(json(401, "{\"error\":\"unauthorized\",\"message\":\"Key " + Scripted.SECRET + " is invalid\"}"));
            server.enqueue(json(500, "{\"error\":\"internal_error\"}"));
            server.enqueue(json(500, "{\"error\":\"internal_error\"}"));
            server.enqueue(json(500, "{\"error\":\"internal_error\"}"));
            server.enqueue(json(201, KEY_JSON.replace("{\"id\"", "{\"key\":\"" + created + "\",\"id\"")));
            server.enqueue(json(201, "{\"key\":\"" + created + "\", broken"));
            for (Runnable call : List.<Runnable>of(() -> api.getKey("a"), () -> api.listKeys(null))) {
                try {
                    call.run();
                } catch (KeyApiException e) {
                    StringWriter w = new StringWriter();
                    e.printStackTrace(new PrintWriter(w));
                    texts.add(w.toString());
                    texts.add(e.toString());
                }
            }
            KeyCreateParams params = new KeyCreateParams("n", null, null, List.of(Permission.parse("a:read")), null);
            CreatedKey key = api.createKey(params);
            texts.add(key.toString());
            try {
                api.createKey(params);
            } catch (KeyApiException e) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                texts.add(w.toString());
            }
            texts.add(api.toString());
        } finally {
            http.detachAppender(appender);
            http.setLevel(before);
            http.setAdditive(true);
        }
        appender.list.forEach(e -> texts.add(e.getFormattedMessage()));
        assertThat(appender.list).isNotEmpty();
        assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(t)
                .doesNotContain(Scripted.SECRET)
                .doesNotContain(Scripted.SECRET.substring(8))
                .doesNotContain(created.substring(8))
                .doesNotContain("Bearer sk_"));
        assertThat(String.join("\n", texts)).contains("Authorization: [redacted]");
    }

    @Test
    void aWipedClientSecretIsRefusedBeforeSending() {
        Secret s = Secret.of(Scripted.SECRET);
        try (KeyApi api = KeyApis.builder().baseUrl(server.url("/").toString()).secret(s).build()) {
            s.wipe();
            server.enqueue(new MockResponse.Builder().code(200).build());
            assertThatThrownBy(() -> api.getKey("k")).isInstanceOf(IllegalStateException.class);
            assertThat(server.getRequestCount()).isZero();
        }
    }
}
