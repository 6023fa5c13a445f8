package dev.keydesk.client;

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
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.client.model.WhoAmI;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnexpectedStatusException;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link KeyApi} over HTTP in KeyDesk's own dialect ({@code key-api.md}). Build with
 * {@link #builder()}.
 *
 * <p>Thread-safe: one instance serves every thread of an application; it holds one
 * {@link OkHttpClient} (connection pool and daemon threads), released by {@link #close()}.
 *
 * <p>Every call blocks its thread. Interrupting that thread cancels the request in flight or the
 * retry wait and raises {@link CancelledException}; the thread's interrupt flag stays set.
 * Failures are mapped in one place ({@code ErrorMapper}) and retried in one place ({@code Retrier},
 * whose javadoc states the rules: GET, DELETE and PATCH, and a create because it carries an
 * {@code Idempotency-Key}, are repeated after connection failures, 429 and 5xx).
 *
 * <p>Rate-limit listeners are told on an HTTP thread of this client, not the caller's; retry listeners
 * on the caller's thread, before each wait. Both must be quick and hop to the UI thread themselves.
 * A listener that throws is logged and ignored.
 */
public final class HttpKeyApi implements KeyApi {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** The contract's largest page: listing everything costs the fewest requests of the rate budget. */
    static final int ALL_KEYS_PAGE_SIZE = 1000;

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final TypeReference<Wire.ListOf<ApiKey>> KEY_LIST = new TypeReference<>() { };
    private static final TypeReference<Wire.ListOf<Wire.AuditEventWire>> EVENT_LIST = new TypeReference<>() { };

    private final HttpUrl base;
    private final OkHttpClient http;
    private final Secret secret;
    private final Clock clock;
    private final ErrorMapper errors;
    private final Retrier retrier;
    private final RateLimitTracker rateLimits = new RateLimitTracker();
    private final Listeners<RetryListener> retryListeners = new Listeners<>("retry");
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpKeyApi(Builder b) {
        if (b.baseUrl == null) {
            throw new IllegalStateException("HttpKeyApi needs a baseUrl");
        }
        if (b.secret == null) {
            throw new IllegalStateException("HttpKeyApi needs a secret");
        }
        TransportSecurity.check(b.baseUrl);
        this.base = HttpUrl.get(b.baseUrl.toString());
        this.secret = b.secret;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.http = newHttpClient(b, secret, rateLimits, clock);
        this.errors = new ErrorMapper(clock, secret);
        this.retrier = new Retrier(new InterruptibleExchange(http), b.retryPolicy, errors, clock, retryListeners);
    }

    public static Builder builder() {
        return new Builder();
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
                // A redirect could carry the key elsewhere; this API has none.
                .followRedirects(false)
                .followSslRedirects(false)
                .addInterceptor(new UserAgentInterceptor(ClientVersion.userAgent(b.userAgent)))
                .addInterceptor(new AuthInterceptor(secret))
                .addInterceptor(new RateLimitInterceptor(rateLimits, clock))
                .addInterceptor(new LoggingInterceptor())
                .build();
    }

    // ---- keys ----

    @Override
    public Page<ApiKey> listKeys(KeyListParams params) {
        HttpUrl.Builder url = url("api-keys");
        if (params != null && params.limit() != null) {
            url.addQueryParameter("limit", params.limit().toString());
        }
        if (params != null && params.cursor() != null) {
            url.addQueryParameter("cursor", params.cursor());
        }
        RawResponse r = send(get(url));
        return read(r, KEY_LIST, "a list of keys").toPage(k -> k);
    }

    @Override
    public List<ApiKey> listAllKeys(Consumer<Integer> onPage) {
        List<ApiKey> all = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        KeyListParams params = KeyListParams.firstPage(ALL_KEYS_PAGE_SIZE);
        while (true) {
            Page<ApiKey> page = listKeys(params);
            all.addAll(page.data());
            if (onPage != null) {
                onPage.accept(all.size());
            }
            if (!page.hasMore()) {
                return List.copyOf(all);
            }
            String cursor = page.nextCursor();
            if (cursor == null || cursor.isEmpty() || !seenCursors.add(cursor)) {
                throw new MalformedResponseException("The server's list of keys has more pages but "
                        + (cursor == null || cursor.isEmpty() ? "no cursor to the next one." : "repeats a cursor."),
                        200, null, null, null, null);
            }
            params = params.next(cursor);
        }
    }

    @Override
    public VersionedKey getKey(String id) {
        RawResponse r = send(get(url("api-keys", requireId(id))));
        return new VersionedKey(read(r, ApiKey.class, "a key"), r.header("ETag"));
    }

    @Override
    public CreatedKey createKey(KeyCreateParams params) {
        return createKey(params, UUID.randomUUID().toString());
    }

    /** A create with a given idempotency key; package-private so tests can replay one on purpose. */
    CreatedKey createKey(KeyCreateParams params, String idempotencyKey) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", params.name());
        if (params.description() != null) {
            body.put("description", params.description());
        }
        if (params.type() != null) {
            body.put("type", params.type());
        }
        ArrayNode permissions = body.putArray("permissions");
        params.permissions().forEach(p -> permissions.add(p.value()));
        if (params.expiresAt() != null) {
            body.put("expires_at", Json.instant(params.expiresAt()));
        } else {
            body.putNull("expires_at");
        }
        // Fixed once, before the retry loop: every attempt of this create carries the same key.
        Request request = newRequest(url("api-keys"))
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .post(jsonBody(body))
                .build();
        RawResponse r = send(request);
        try {
            CreateResponseReader.Parsed parsed;
            try {
                parsed = CreateResponseReader.read(r.body() == null ? new byte[0] : r.body());
            } catch (IOException | RuntimeException e) {
                throw errors.malformed(r, "expected the new key");
            }
            boolean replayed = "true".equalsIgnoreCase(r.header(IDEMPOTENT_REPLAYED)) || parsed.secret() == null;
            return new CreatedKey(parsed.key(), Optional.ofNullable(parsed.secret()), replayed);
        } finally {
            r.wipe();
        }
    }

    @Override
    public VersionedKey updateKey(String id, KeyUpdateParams params, String ifMatch) {
        Objects.requireNonNull(params, "params");
        ObjectNode body = Json.MAPPER.createObjectNode();
        params.name().ifPresent(v -> body.put("name", v));
        params.description().ifPresent(v -> body.put("description", v));
        params.permissions().ifPresent(list -> {
            ArrayNode a = body.putArray("permissions");
            list.forEach(p -> a.add(p.value()));
        });
        if (params.expiresAtSet()) {
            if (params.expiresAt() == null) {
                body.putNull("expires_at");
            } else {
                body.put("expires_at", Json.instant(params.expiresAt()));
            }
        }
        params.status().ifPresent(v -> body.put("status", v));
        Request.Builder request = newRequest(url("api-keys", requireId(id))).patch(jsonBody(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        RawResponse r = send(request.build());
        return new VersionedKey(read(r, ApiKey.class, "the updated key"), r.header("ETag"));
    }

    @Override
    public void revokeKey(String id) {
        send(newRequest(url("api-keys", requireId(id))).delete().build());
    }

    // ---- about the caller and the server ----

    @Override
    public Optional<WhoAmI> whoami() {
        return optionalEndpoint(() -> {
            RawResponse r = send(get(url("whoami")));
            return read(r, Wire.WhoAmIWire.class, "the calling key").toModel();
        });
    }

    @Override
    public Catalog catalog() {
        return optionalEndpoint(() -> read(send(get(url("permissions"))), Wire.CatalogWire.class,
                "the permission catalog").toModel()).orElseGet(Catalog::builtIn);
    }

    @Override
    public KeyPolicy policy() {
        return optionalEndpoint(() -> read(send(get(url("key-policy"))), Wire.PolicyWire.class,
                "the key policy").toModel()).orElseGet(KeyPolicy::defaults);
    }

    @Override
    public Optional<Page<AuditEvent>> auditEvents(AuditQuery query) {
        AuditQuery q = query == null ? AuditQuery.all() : query;
        HttpUrl.Builder url = url("audit-events");
        addQuery(url, "key_id", q.keyId());
        addQuery(url, "type", q.type());
        addQuery(url, "since", q.since() == null ? null : Json.instant(q.since()));
        addQuery(url, "limit", q.limit() == null ? null : q.limit().toString());
        addQuery(url, "cursor", q.cursor());
        return optionalEndpoint(() -> read(send(get(url)), EVENT_LIST, "a list of audit events")
                .toPage(Wire.AuditEventWire::toModel));
    }

    @Override
    public RateLimitStatus rateLimit() {
        RawResponse r = send(get(url("rate-limit")));
        RateLimitStatus status = read(r, Wire.RateLimitWire.class, "the rate-limit status").toModel(clock.instant());
        if (RateLimitHeaders.parse(r.headers(), status.observedAt()) == null) {
            // The interceptor saw no headers; the body is then the latest word.
            rateLimits.observe(status);
        }
        return status;
    }

    @Override
    public Optional<RateLimitStatus> lastRateLimit() {
        return rateLimits.last();
    }

    @Override
    public void addRateLimitListener(Consumer<RateLimitStatus> listener) {
        rateLimits.add(listener);
    }

    @Override
    public void removeRateLimitListener(Consumer<RateLimitStatus> listener) {
        rateLimits.remove(listener);
    }

    @Override
    public void addRetryListener(RetryListener listener) {
        retryListeners.add(listener);
    }

    @Override
    public void removeRetryListener(RetryListener listener) {
        retryListeners.remove(listener);
    }

    /** Lets calls in flight finish, refuses new ones, and frees the threads and connections. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "HttpKeyApi[" + base + "]";
    }

    // ---- plumbing ----

    private RawResponse send(Request request) {
        if (closed.get()) {
            throw new IllegalStateException("this HttpKeyApi is closed");
        }
        if (secret.isWiped()) {
            throw new IllegalStateException("the API key of this HttpKeyApi has been wiped");
        }
        return retrier.send(request);
    }

    private <T> T read(RawResponse r, Class<T> type, String what) {
        try {
            T value = Json.MAPPER.readValue(nonEmpty(r), type);
            if (value == null) {
                throw errors.malformed(r, "expected " + what + ", got null");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyApiException k) {
                throw k;
            }
            throw errors.malformed(r, "expected " + what);
        }
    }

    private <T> T read(RawResponse r, TypeReference<T> type, String what) {
        try {
            T value = Json.MAPPER.readValue(nonEmpty(r), type);
            if (value == null) {
                throw errors.malformed(r, "expected " + what + ", got null");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyApiException k) {
                throw k;
            }
            throw errors.malformed(r, "expected " + what);
        }
    }

    private byte[] nonEmpty(RawResponse r) {
        if (r.body() == null || r.body().length == 0) {
            throw errors.malformed(r, "the body is empty");
        }
        return r.body();
    }

    /** A 404 or 405 means the server lacks this optional endpoint; anything else is an error. */
    private static <T> Optional<T> optionalEndpoint(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NotFoundException | UnexpectedStatusException e) {
            if (e.status() == 404 || e.status() == 405) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder b = base.newBuilder().addPathSegment("v1");
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }

    private static void addQuery(HttpUrl.Builder url, String name, String value) {
        if (value != null && !value.isEmpty()) {
            url.addQueryParameter(name, value);
        }
    }

    private static Request.Builder newRequest(HttpUrl.Builder url) {
        return new Request.Builder().url(url.build()).header("Accept", "application/json");
    }

    private static Request get(HttpUrl.Builder url) {
        return newRequest(url).get().build();
    }

    private static RequestBody jsonBody(ObjectNode body) {
        try {
            return RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    private static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a key id is required");
        }
        return id;
    }

    /** Settings of one client. Only {@link #baseUrl} and {@link #secret} are required. */
    public static final class Builder {
        private URI baseUrl;
        private Secret secret;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String userAgent = "KeyDesk";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** E.g. {@code https://api.example.com} or {@code http://127.0.0.1:8787}; paths start with {@code /v1}. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl));
        }

        /** The admin key this client authenticates with; the client does not wipe it. */
        public Builder secret(Secret secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        /** The limit for one attempt, from connect to the end of the body. */
        public Builder callTimeout(Duration d) {
            this.callTimeout = d;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The product name, sent as {@code <name>/<client version>} unless it already names a version. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @throws dev.keydesk.client.error.InsecureTransportException for {@code http://} to a host
         *     that is not loopback
         */
        public HttpKeyApi build() {
            return new HttpKeyApi(this);
        }
    }
}
