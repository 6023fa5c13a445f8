package dev.keydesk.client.http;

import dev.keydesk.client.Capability;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.KeyField;
import dev.keydesk.client.model.RateLimitStatus;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one HTTP transport under every dialect: one {@link OkHttpClient} (connection pool, daemon
 * threads), one interceptor per concern (user agent, {@code Authorization}, rate-limit headers,
 * logging with the key redacted), retries by {@code Retrier}'s rules, every failure mapped by
 * {@code ErrorMapper}, cancellation by interrupting the calling thread. It knows nothing of any
 * dialect's paths or shapes: a dialect builds requests, {@link #send}s them and reads the answers.
 *
 * <p>For the dialect packages of this library, not for applications: build a client with
 * {@link dev.keydesk.client.KeyApis#builder()}.
 *
 * <p>Thread-safe. {@link #withRetryPolicy} gives a view that shares everything (connections,
 * listeners, key, rate-limit state) but the retry policy; {@link #close()} on the transport as built
 * closes every view, on a view it does nothing.
 */
public final class HttpTransport {

    /** Set by a dialect on a create; makes a POST repeatable (the server deduplicates). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final Shared shared;
    private final RetryPolicy policy;
    private final Retrier retrier;
    /** False for a view made by {@link #withRetryPolicy}: it owns nothing to close. */
    private final boolean owner;

    private HttpTransport(Shared shared, RetryPolicy policy, boolean owner) {
        this.shared = shared;
        this.policy = policy;
        this.owner = owner;
        this.retrier = new Retrier(shared.exchange, policy, shared.errors, shared.clock, shared.retryListeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What every view of one transport shares. */
    private static final class Shared {
        final HttpUrl base;
        final Secret secret;
        final Clock clock;
        final OkHttpClient http;
        final InterruptibleExchange exchange;
        final ErrorMapper errors;
        final RateLimitTracker rateLimits = new RateLimitTracker();
        final Listeners<RetryListener> retryListeners = new Listeners<>("retry");
        final AtomicBoolean closed = new AtomicBoolean();

        Shared(Builder b) {
            this.base = HttpUrl.get(b.baseUrl.toString());
            this.secret = b.secret;
            this.clock = Objects.requireNonNull(b.clock, "clock");
            this.http = newHttpClient(b, secret, rateLimits, clock);
            this.exchange = new InterruptibleExchange(http);
            this.errors = new ErrorMapper(clock, secret, b.errorDialect);
        }
    }

    private static OkHttpClient newHttpClient(Builder b, Secret secret, RateLimitTracker rateLimits, Clock clock) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "keydesk-http-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        Dispatcher dispatcher = new Dispatcher(executor);
        // Callers block on their own threads; OkHttp's default of 5 per host would queue them unseen.
        dispatcher.setMaxRequests(64);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                // Retries happen in one place (Retrier), by its rules, never silently below it.
                .retryOnConnectionFailure(false)
                // A redirect could carry the key elsewhere; neither dialect has any.
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(InterruptibleExchange.ATTEMPT_EVENTS)
                .addInterceptor(new UserAgentInterceptor(ClientVersion.userAgent(b.userAgent)))
                .addInterceptor(new AuthInterceptor(secret))
                .addInterceptor(new RateLimitInterceptor(rateLimits, clock))
                .addInterceptor(new LoggingInterceptor())
                .build();
    }

    // ---- building requests ----

    /** The base URL (its path kept, e.g. {@code /keys-api/}) followed by {@code segments}, each encoded. */
    public HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder b = shared.base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    /** A request to {@code url} that asks for JSON. */
    public static Request.Builder request(HttpUrl.Builder url) {
        return new Request.Builder().url(url.build()).header("Accept", "application/json");
    }

    public static Request get(HttpUrl.Builder url) {
        return request(url).get().build();
    }

    /** A JSON body; the bytes are sent as they are, not copied (so a caller can wipe them afterwards). */
    public static RequestBody json(byte[] body) {
        return RequestBody.create(body, JSON);
    }

    /**
     * Marks a POST that only reads (e.g. identifying a secret) as safe to repeat after a connection
     * failure, 429 or 5xx, and as a read in messages about lost answers.
     */
    public static Request.Builder safeToRepeat(Request.Builder request) {
        return request.tag(Retrier.SafeToRepeat.class, Retrier.SafeToRepeat.INSTANCE);
    }

    /** A secret this request carries in its body: removed from any error message the server sends back. */
    public static Request.Builder redacting(Request.Builder request, Secret carried) {
        return request.tag(Redaction.Carried.class, new Redaction.Carried(carried));
    }

    // ---- sending ----

    /**
     * The 2xx answer to {@code request}, after the retries its kind allows.
     *
     * @throws dev.keydesk.client.error.KeyApiException every failure, mapped by the error mapper
     * @throws IllegalStateException this transport is closed, or its key has been wiped
     */
    public RawResponse send(Request request) {
        checkUsable();
        return retrier.send(request);
    }

    private void checkUsable() {
        if (shared.closed.get()) {
            throw new IllegalStateException("this client is closed");
        }
        if (shared.secret.isWiped()) {
            throw new IllegalStateException("the API key of this client has been wiped");
        }
    }

    /**
     * One attempt, whatever its status: for recognising a server (probing a dialect), where the
     * status and body are the information. A connection failure is still a
     * {@link dev.keydesk.client.error.TransportException}, an interrupt a
     * {@link dev.keydesk.client.error.CancelledException}.
     */
    public RawResponse sendOnce(Request request) {
        checkUsable();
        InterruptibleExchange.Attempt attempt = new InterruptibleExchange.Attempt();
        try {
            return shared.exchange.execute(request, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw shared.errors.cancelled(Retrier.isWrite(request), attempt.mayHaveBeenSentBeforeCancel());
        } catch (java.io.IOException e) {
            throw shared.errors.fromTransport(e, Retrier.isWrite(request), attempt.mayHaveBeenSent());
        }
    }

    /**
     * A view with another retry policy; it shares connections, listeners, key and rate-limit state.
     * Always a view, even for the same policy, so that closing it never closes this transport.
     */
    public HttpTransport withRetryPolicy(RetryPolicy other) {
        return new HttpTransport(shared, Objects.requireNonNull(other, "policy"), false);
    }

    public RetryPolicy retryPolicy() {
        return policy;
    }

    public Clock clock() {
        return shared.clock;
    }

    /** The error mapper's verdict on a 2xx body that is not what the endpoint promises. */
    public MalformedResponseException malformed(RawResponse response, String what) {
        return shared.errors.malformed(response, what);
    }

    /**
     * What a dialect raises for something it or its server cannot do.
     *
     * @param answer the failure that showed it (a 404 or 405 of an optional endpoint); null when the
     *     dialect knew before sending anything
     */
    public FeatureUnavailableException unavailable(Capability capability, String reason, KeyApiException answer) {
        return shared.errors.unavailable(capability, reason, answer);
    }

    /** What a dialect raises, before sending, for a request its server would refuse or could not express. */
    public ValidationException refused(KeyField field, String code, String message) {
        return shared.errors.refused(field, code, message);
    }

    // ---- rate limits and retries ----

    /** The rate-limit headers of {@code response}, or null when it carries none. */
    public static RateLimitStatus rateLimitHeaders(RawResponse response, java.time.Instant observedAt) {
        return RateLimitHeaders.parse(response.headers(), observedAt);
    }

    /** Unix seconds as the contract says; small values as seconds from now, as some servers send. */
    public static java.time.Instant resetInstant(long value, java.time.Instant observedAt) {
        return RateLimitHeaders.resetInstant(value, observedAt);
    }

    /** Records a status that arrived other than in headers (a rate-limit endpoint's body). */
    public void observeRateLimit(RateLimitStatus status) {
        shared.rateLimits.observe(status);
    }

    public Optional<RateLimitStatus> lastRateLimit() {
        return shared.rateLimits.last();
    }

    public void addRateLimitListener(Consumer<RateLimitStatus> listener) {
        shared.rateLimits.add(listener);
    }

    public void removeRateLimitListener(Consumer<RateLimitStatus> listener) {
        shared.rateLimits.remove(listener);
    }

    public void addRetryListener(RetryListener listener) {
        shared.retryListeners.add(listener);
    }

    public void removeRetryListener(RetryListener listener) {
        shared.retryListeners.remove(listener);
    }

    // ---- life cycle ----

    /**
     * On the transport as built: lets calls in flight finish, refuses new ones, and frees the threads
     * and connections, for every view too. On a view: nothing (it owns nothing).
     */
    public void close() {
        if (owner && shared.closed.compareAndSet(false, true)) {
            shared.http.dispatcher().executorService().shutdown();
            shared.http.connectionPool().evictAll();
        }
    }

    public boolean isClosed() {
        return shared.closed.get();
    }

    /** The base URL; never the key. */
    @Override
    public String toString() {
        return shared.base.toString();
    }

    /** Settings of one transport. Only {@link #baseUrl} and {@link #secret} are required. */
    public static final class Builder {
        private URI baseUrl;
        private Secret secret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String userAgent = "KeyDesk";
        private Clock clock = Clock.systemUTC();
        private ErrorDialect errorDialect = ErrorDialect.GENERIC;

        private Builder() {
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        public Builder secret(Secret secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d, "connectTimeout");
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = Objects.requireNonNull(d, "readTimeout");
            return this;
        }

        public Builder callTimeout(Duration d) {
            this.callTimeout = Objects.requireNonNull(d, "callTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What the dialect's error bodies can say; {@link ErrorDialect#GENERIC} by default. */
        public Builder errorDialect(ErrorDialect dialect) {
            this.errorDialect = Objects.requireNonNull(dialect, "errorDialect");
            return this;
        }

        /**
         * @throws dev.keydesk.client.error.InsecureTransportException for {@code http://} to a host
         *     that is not loopback
         * @throws IllegalStateException without a base URL or a key
         */
        public HttpTransport build() {
            if (baseUrl == null) {
                throw new IllegalStateException("a client needs a baseUrl");
            }
            if (secret == null) {
                throw new IllegalStateException("a client needs a secret");
            }
            TransportSecurity.check(baseUrl);
            return new HttpTransport(new Shared(this), retryPolicy, true);
        }
    }
}
