package dev.keydesk.client.http;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static dev.keydesk.client.Scripted.KEY_JSON;
import static dev.keydesk.client.Scripted.error;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Faults: what is retried, how long the client waits, and what reaches the caller at the end. */
class ScriptedRetryTest {

    static final String CREATED = KEY_JSON.replace("{\"id\"", "{\"key\":\"" + "sk_test_NewSecretXyz0123456789ABCDEFGH" + "\",\"id\"");

    @StartStop
    MockWebServer server = new MockWebServer();

    final Scripted.RecordingSleeper sleeper = new Scripted.RecordingSleeper();
    KeyApi api;

    @AfterEach
    void tearDown() {
        if (api != null) {
            api.close();
        }
    }

    private KeyApi api() {
        api = Scripted.client(server, sleeper).build();
        return api;
    }

    private static KeyCreateParams params() {
        return new KeyCreateParams("CI deploy", null, "test", List.of(Permission.parse("datasets:read")),
                Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        server.enqueue(json(500, error("internal_error", "boom")));
        server.enqueue(json(200, KEY_JSON, "ETag", "\"v1\""));
        assertThat(api().getKey("key_1").key().id()).isEqualTo("key_1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
        // 100 ms base, jittered into its upper half.
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void persistentServerErrorGivesUpAfterMaxAttemptsWithGrowingWaits() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(503, error("internal_error", "down")));
        }
        ServerException e = catchThrowableOfType(ServerException.class, () -> api().getKey("key_1"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void notImplementedIsNotRetried() {
        server.enqueue(json(501, "{}"));
        catchThrowableOfType(ServerException.class, () -> api().getKey("key_1"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.enqueue(json(422, error("invalid_name", "bad")));
        catchThrowableOfType(ValidationException.class, () -> api().getKey("key_1"));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void tooManyRequestsWaitsExactlyRetryAfterSeconds() {
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "7"));
        server.enqueue(json(200, KEY_JSON));
        api().getKey("key_1");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void tooManyRequestsWaitsUntilRetryAfterDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Scripted.NOW.plusSeconds(12).atZone(ZoneOffset.UTC));
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", date));
        server.enqueue(json(200, KEY_JSON));
        api().getKey("key_1");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void retryAfterBeyondTheCapIsReportedWithoutWaiting() {
        server.enqueue(json(429, error("rate_limited", "Rate limit exceeded"), "Retry-After", "3600"));
        Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
        api().addRetryListener(retries);
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1"));
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(retries.timeline).as("no wait, nothing announced: the caller counts down").isEmpty();
    }

    @Test
    void persistentTooManyRequestsEndsRateLimitedWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "2"));
        }
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> api().getKey("key_1"));
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aWaitOnA429SaysWhichLimitTheServerNamed() {
        server.enqueue(json(429, "{\"error\":\"rate_limited\",\"message\":\"blocked\",\"request_id\":\"r\","
                + "\"limit_scope\":\"address_failed_auth\"}", "Retry-After", "9"));
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "2"));
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "2"));
        Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
        api().addRetryListener(retries);

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> api.getKey("key_1"));

        assertThat(retries.scheduled.get(0).limit()).isEqualTo(RetryScheduled.Limit.ADDRESS_FAILED_AUTH);
        assertThat(retries.scheduled.get(1).limit()).isNull();
        assertThat(e.limitScope()).isEmpty();
    }

    @Test
    void eachWaitIsAnnouncedWithItsReasonAndTheEndOnceWhenTheCallFailsForGood() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(503, error("internal_error", "down")));
        server.enqueue(json(503, error("internal_error", "still down")));
        Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
        api().addRetryListener(retries);

        ServerException e = catchThrowableOfType(ServerException.class, () -> api.revokeKey("key_1"));
        retries.timeline.add("thrown");

        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(retries.timeline).containsExactly("retry scheduled", "retry scheduled", "retries ended", "thrown");
        RetryScheduled first = retries.scheduled.get(0);
        RetryScheduled second = retries.scheduled.get(1);
        assertThat(first.reason()).isEqualTo(RetryScheduled.Reason.CONNECTION_FAILED);
        assertThat(first.status()).isZero();
        assertThat(first.nextAttempt()).isEqualTo(2);
        assertThat(first.maxAttempts()).isEqualTo(3);
        assertThat(first.delay()).isEqualTo(sleeper.waits.get(0));
        assertThat(first.retryAt()).isEqualTo(Scripted.NOW.plus(first.delay()));
        assertThat(second.reason()).isEqualTo(RetryScheduled.Reason.SERVER_ERROR);
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.nextAttempt()).isEqualTo(3);
        assertThat(second.delay()).isEqualTo(sleeper.waits.get(1));
        assertThat(second.request()).isEqualTo(first.request());
        assertThat(retries.ended).containsExactly(second);
    }

    @Test
    void aCancelledWaitStillEndsTheAnnouncement() {
        server.enqueue(json(429, error("rate_limited", "slow"), "Retry-After", "20"));
        Scripted.RecordingRetryListener retries = new Scripted.RecordingRetryListener();
        api = Scripted.client(server, sleeper).retryPolicy(new RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofSeconds(30), d -> {
                    throw new InterruptedException("the person pressed Cancel");
                })).build();
        api.addRetryListener(retries);
        try {
            catchThrowableOfType(CancelledException.class, () -> api.getKey("key_1"));
        } finally {
            assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        }
        assertThat(retries.scheduled).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RetryScheduled.Reason.RATE_LIMITED);
            assertThat(r.delay()).isEqualTo(Duration.ofSeconds(20));
        });
        assertThat(retries.ended).containsExactlyElementsOf(retries.scheduled);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBrokenOrRemovedRetryListenerChangesNothingAboutTheCall() {
        server.enqueue(json(500, error("internal_error", "boom")));
        server.enqueue(json(200, KEY_JSON));
        Scripted.RecordingRetryListener removed = new Scripted.RecordingRetryListener();
        Scripted.RecordingRetryListener kept = new Scripted.RecordingRetryListener();
        api().addRetryListener(new RetryListener() {
            @Override
            public void retryScheduled(RetryScheduled retry) {
                throw new IllegalStateException("a broken listener");
            }

            @Override
            public void retriesEnded(RetryScheduled last) {
                throw new IllegalStateException("a broken listener");
            }
        });
        api.addRetryListener(removed);
        api.addRetryListener(kept);
        api.removeRetryListener(removed);

        assertThat(api.getKey("key_1").key().id()).isEqualTo("key_1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(kept.timeline).containsExactly("retry scheduled", "retries ended");
        assertThat(removed.timeline).isEmpty();
    }

    @Test
    void disconnectAtStartThenSuccessIsRetried() {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(200, KEY_JSON));
        assertThat(api().getKey("key_1").key().id()).isEqualTo("key_1");
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void connectionResetDuringResponseThenSuccessIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, KEY_JSON));
        assertThat(api().getKey("key_1").key().id()).isEqualTo("key_1");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void bodyCutOffMidwayIsRetriedThenMalformed() {
        for (int i = 0; i < 3; i++) {
            // Promises more bytes than it sends, then closes: the body breaks off.
            server.enqueue(new MockResponse.Builder().code(200)
                    .body(KEY_JSON.substring(0, 30))
                    .setHeader("Content-Length", KEY_JSON.length())
                    .onResponseEnd(new SocketEffect.CloseSocket()).build());
        }
        MalformedResponseException e = catchThrowableOfType(MalformedResponseException.class, () -> api().getKey("key_1"));
        assertThat(e.getMessage()).contains("broke off");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void slowServerPastTheReadTimeoutIsTimeoutAfterTheRetries() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        }
        api = Scripted.client(server, sleeper).readTimeout(Duration.ofMillis(150)).build();
        TransportException e = catchThrowableOfType(TransportException.class, () -> api.getKey("key_1"));
        assertThat(e.isTimeout()).isTrue();
        assertThat(e.getMessage()).isEqualTo("The server did not answer in time.");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void connectionRefusedIsTransportAfterTheRetries() throws Exception {
        api();
        server.close();
        TransportException e = catchThrowableOfType(TransportException.class, () -> api.getKey("key_1"));
        assertThat(e.isTimeout()).isFalse();
        assertThat(e.status()).isZero();
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void createIsRetriedWithTheSameIdempotencyKey() throws Exception {
        server.enqueue(json(500, error("internal_error", "boom")));
        server.enqueue(json(201, CREATED));
        CreatedKey created = api().createKey(params());
        assertThat(created.replayed()).isFalse();
        assertThat(created.secret()).isPresent();
        RecordedRequest first = server.takeRequest();
        RecordedRequest second = server.takeRequest();
        String key = first.getHeaders().get("Idempotency-Key");
        assertThat(key).isNotBlank().matches("[0-9a-f-]{36}");
        assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo(key);
        assertThat(second.getBody().utf8()).isEqualTo(first.getBody().utf8());
    }

    @Test
    void twoCreatesHaveDifferentIdempotencyKeys() throws Exception {
        server.enqueue(json(201, CREATED));
        server.enqueue(json(201, CREATED));
        api().createKey(params());
        api.createKey(params());
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key"))
                .isNotEqualTo(server.takeRequest().getHeaders().get("Idempotency-Key"));
    }

    @Test
    void createLostResponseThenReplayIsReportedWithoutSecret() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json(200, KEY_JSON, "Idempotent-Replayed", "true"));
        CreatedKey created = api().createKey(params());
        assertThat(created.replayed()).isTrue();
        assertThat(created.secret()).isEmpty();
        assertThat(created.key().id()).isEqualTo("key_1");
    }

    @Test
    void patchIsRetriedAndAStale412AfterARetryIsStillReported() {
        server.enqueue(json(503, error("internal_error", "busy")));
        server.enqueue(json(412, error("precondition_failed", "The key changed since it was read.")));
        PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                () -> api().updateKey("key_1", KeyUpdateParams.builder().name("n").build(), "\"v1\""));
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.getMessage()).contains("earlier attempt of this same update");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void deleteIsRetried() {
        server.enqueue(json(502, "bad gateway"));
        server.enqueue(new MockResponse.Builder().code(204).build());
        api().revokeKey("key_1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void postWithoutIdempotencyKeyIsNeverRetried() {
        okhttp3.Request post = new okhttp3.Request.Builder().url(server.url("/v1/x"))
                .post(okhttp3.RequestBody.create(new byte[0], null)).build();
        assertThat(Retrier.isRepeatable(post)).isFalse();
        assertThat(Retrier.isRepeatable(post.newBuilder().header("Idempotency-Key", "k").build())).isTrue();
        // A POST that only reads (identify) is marked so by its dialect.
        assertThat(Retrier.isRepeatable(HttpTransport.safeToRepeat(post.newBuilder()).build())).isTrue();
        assertThat(Retrier.isWrite(HttpTransport.safeToRepeat(post.newBuilder()).build())).isFalse();
        assertThat(Retrier.isWrite(post)).isTrue();
    }

    @Test
    void interruptCancelsASlowCallQuickly() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        api = Scripted.client(server, sleeper).readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(30))
                .build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                api.getKey("key_1");
            } catch (Throwable t) {
                thrown.set(t);
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        server.takeRequest(5, TimeUnit.SECONDS); // the request is on the wire, the server stalls
        caller.interrupt();
        // Far below the 30 s timeouts: only the interrupt can have ended the call.
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancelledException.class);
        assertThat(flagAfter.get()).as("interrupt flag kept").isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void interruptDuringTheRetryWaitCancels() throws Exception {
        server.enqueue(json(503, "{}"));
        CompletableFuture<Void> sleeping = new CompletableFuture<>();
        RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30),
                d -> {
                    sleeping.complete(null);
                    RetryPolicy.Sleeper.REAL.sleep(d);
                });
        api = Scripted.client(server, sleeper).retryPolicy(slow).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                api.revokeKey("key_1");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        sleeping.get(5, TimeUnit.SECONDS);
        caller.interrupt();
        caller.join(2_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancelledException.class)
                .hasMessageContaining("may or may not have applied");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anAlreadyInterruptedThreadSendsNothing() {
        api();
        Thread.currentThread().interrupt();
        try {
            catchThrowableOfType(CancelledException.class, () -> api.getKey("key_1"));
        } finally {
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void backoffIsCappedAndJittered() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(30),
                RetryPolicy.Sleeper.REAL);
        Retrier low = new Retrier(null, p, null, Scripted.CLOCK, new Listeners<>("retry"), () -> 0.0);
        Retrier high = new Retrier(null, p, null, Scripted.CLOCK, new Listeners<>("retry"), () -> 1.0);
        assertThat(low.backoff(1)).isEqualTo(Duration.ofMillis(125));
        assertThat(high.backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(high.backoff(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.backoff(9)).isEqualTo(Duration.ofSeconds(4));
        assertThat(low.backoff(60)).isEqualTo(Duration.ofSeconds(2));
    }
}
