package dev.keydesk.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared fixtures of the scripted-server tests (of every package, hence public). */
public final class Scripted {

    public static final String SECRET = "sk_test_Scr1ptedSecretValue0123456789abcdef";
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String KEY_JSON = """
            {"id":"key_1","name":"Production App","prefix":"sk_live_abc1",
             "permissions":["datasets:read","datasets:write"],
             "created_at":"2025-01-01T00:00:00Z","expires_at":null,"last_used":"2025-10-14T10:30:00Z",
             "usage":{"requests_today":1234,"requests_this_month":45678},
             "description":"Main application backend","type":"live","status":"active",
             "created_by":"key_001","last_used_ip":"203.0.113.7","some_future_field":{"x":1}}""";

    private Scripted() {
    }

    /** Records every wait instead of sleeping. */
    public static final class RecordingSleeper implements RetryPolicy.Sleeper {
        public final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    /** Records what retry listeners are told, in order, optionally into a timeline shared with other recorders. */
    public static final class RecordingRetryListener implements RetryListener {
        public final List<RetryScheduled> scheduled = new CopyOnWriteArrayList<>();
        public final List<RetryScheduled> ended = new CopyOnWriteArrayList<>();
        public final List<String> timeline;

        public RecordingRetryListener() {
            this(new CopyOnWriteArrayList<>());
        }

        public RecordingRetryListener(List<String> timeline) {
            this.timeline = timeline;
        }

        @Override
        public void retryScheduled(RetryScheduled retry) {
            scheduled.add(retry);
            timeline.add("retry scheduled");
        }

        @Override
        public void retriesEnded(RetryScheduled last) {
            ended.add(last);
            timeline.add("retries ended");
        }
    }

    public static RetryPolicy policy(RecordingSleeper sleeper) {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(30), sleeper);
    }

    /** A client of KeyDesk's dialect (set another with {@code .dialect(..)}) that never really sleeps. */
    public static KeyApis.Builder client(MockWebServer server, RecordingSleeper sleeper) {
        return KeyApis.builder()
                .baseUrl(server.url("/").toString())
                .secret(Secret.of(SECRET))
                .clock(CLOCK)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(5))
                .retryPolicy(policy(sleeper));
    }

    /** A plain mapper, for comparing what the client sent with the JSON a test expects. */
    public static final ObjectMapper PLAIN = new ObjectMapper();

    /** The JSON body of a request the client sent. */
    public static JsonNode body(RecordedRequest r) throws IOException {
        return PLAIN.readTree(r.getBody().utf8());
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse json(int code, String body, String... headers) {
        MockResponse.Builder b = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.body(body).build();
    }

    public static String error(String code, String message) {
        return "{\"error\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"req_body1\"}";
    }

    public static String listOf(String... keys) {
        return "{\"data\":[" + String.join(",", keys) + "],\"has_more\":false,\"next_cursor\":null}";
    }

    public static String key(String id) {
        return KEY_JSON.replace("\"key_1\"", "\"" + id + "\"");
    }
}
