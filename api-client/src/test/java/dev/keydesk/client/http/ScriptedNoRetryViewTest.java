package dev.keydesk.client.http;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.RateLimitStatus;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.error;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One layer backs off: a {@code withRetryPolicy(RetryPolicy.none())} view hands every 429, 5xx and
 * lost connection to its caller at once, and says whether a write may have reached the server.
 */
class ScriptedNoRetryViewTest {

    @StartStop
    MockWebServer server = new MockWebServer();

    final Scripted.RecordingSleeper sleeper = new Scripted.RecordingSleeper();
    final Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
    KeyApi api;
    KeyApi once;

    @BeforeEach
    void setUp() {
        api = Scripted.client(server, sleeper).build();
        api.addRetryListener(retries);
        once = api.withRetryPolicy(RetryPolicy.none());
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void a429IsNotWaitedOnButHandedOverWithItsRetryAfter() {
        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"limit_scope\":\"key_minute\"}", "Retry-After", "2"));
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> once.getKey("key_1"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e.limitScope()).contains("key_minute");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
        assertThat(retries.timeline).isEmpty();

        // The client it came from still waits, as before.
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "2"));
        server.enqueue(json(200, KEY_JSON));
        api.getKey("key_1");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a5xxAndADroppedConnectionAreNotRepeated() {
        server.enqueue(json(503, error("internal_error", "down")));
        catchThrowableOfType(ServerException.class, () -> once.revokeKey("key_1"));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        catchThrowableOfType(TransportException.class, () -> once.getKey("key_1"));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aWriteWhoseAnswerIsLostAfterSendingMayHaveReachedTheServer() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        TransportException e = catchThrowableOfType(TransportException.class,
                () -> once.updateKey("key_1", KeyUpdateParams.builder().name("n").build(), null));
        assertThat(e.mayHaveReachedServer()).isTrue();
        assertThat(e.getMessage()).contains("may have reached the server");
        assertThat(server.takeRequest().getMethod()).isEqualTo("PATCH");

        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        TransportException create = catchThrowableOfType(TransportException.class, () -> once.createKey(
                new KeyCreateParams("n", null, null, List.of(Permission.parse("datasets:read")), null)));
        assertThat(create.mayHaveReachedServer()).isTrue();
    }

    @Test
    void aRequestThatNeverLeftIsKnownNotToHaveReachedTheServer() throws Exception {
        String url = server.url("/").toString();
        server.close();
        try (KeyApi closed = Scripted.client(server, sleeper).baseUrl(url).build()) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> closed.withRetryPolicy(RetryPolicy.none()).revokeKey("key_1"));
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).doesNotContain("may have reached");
            // With retries too: no attempt got out.
            TransportException retried = catchThrowableOfType(TransportException.class, () -> closed.revokeKey("key_1"));
            assertThat(retried.mayHaveReachedServer()).isFalse();
        }
    }

    @Test
    void aRetriedWriteWhoseEarlierAttemptWasLostStillSaysItMayHaveReachedTheServer() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        TransportException e = catchThrowableOfType(TransportException.class, () -> api.revokeKey("key_1"));
        assertThat(e.mayHaveReachedServer()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aCancelledWriteInFlightMayHaveReachedTheServer() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                once.revokeKey("key_1");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        server.takeRequest(5, TimeUnit.SECONDS);
        caller.interrupt();
        caller.join(10_000);
        assertThat(thrown.get()).isInstanceOfSatisfying(CancelledException.class,
                c -> assertThat(c.mayHaveReachedServer()).isTrue());
    }

    @Test
    void aCancelBeforeSendingChangedNothing() {
        Thread.currentThread().interrupt();
        try {
            CancelledException e = catchThrowableOfType(CancelledException.class, () -> once.revokeKey("key_1"));
            assertThat(e.mayHaveReachedServer()).isFalse();
            assertThat(e.getMessage()).contains("before it reached the server");
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theViewSharesListenersRateLimitStateAndLifeCycle() {
        List<RateLimitStatus> seen = new ArrayList<>();
        api.addRateLimitListener(seen::add);
        server.enqueue(json(200, KEY_JSON, "X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "42"));
        once.getKey("key_1");
        assertThat(seen).hasSize(1);
        assertThat(api.lastRateLimit()).isEqualTo(once.lastRateLimit());
        assertThat(api.withRetryPolicy(RetryPolicy.none()).withRetryPolicy(Scripted.policy(sleeper)))
                .as("a view of a view works too").isNotNull();

        once.close(); // a view owns nothing
        server.enqueue(json(200, KEY_JSON));
        api.getKey("key_1");
        api.close();
        assertThatThrownBy(() -> once.getKey("key_1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCancelDuringAWaitAfterA429ChangedNothingBecauseA429IsARefusal() {
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "1"));
        KeyApi cancelling = api.withRetryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5),
                d -> {
                    throw new InterruptedException("cancel");
                }));
        try {
            CancelledException e = catchThrowableOfType(CancelledException.class, () -> cancelling.revokeKey("key_1"));
            assertThat(e.mayHaveReachedServer()).isFalse();
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(Instant.now()).isNotNull();
    }
}
