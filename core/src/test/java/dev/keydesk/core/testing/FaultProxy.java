package dev.keydesk.core.testing;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A fault-injecting HTTP proxy on loopback, between a client and the real local server, for tests
 * and benchmarks. Programmable while it runs (thread-safe):
 * <ul>
 *   <li>{@link #latency}: every request waits that long before it is forwarded (a remote server's round trip);</li>
 *   <li>{@link #failNext} / {@link #failFraction}: 500 without forwarding (the server never sees it);</li>
 *   <li>{@link #dropNext} / {@link #dropFraction}: forwarded (the server acts), then the client's
 *       connection is closed without an answer: the lost answer of a write that happened;</li>
 *   <li>{@link #rateLimitNext}: a burst of 429s with {@code Retry-After}, without forwarding.</li>
 * </ul>
 * Faults apply to the requests {@link #faultsOn} selects (every request by default). The fronting
 * server is OkHttp's MockWebServer with a forwarding dispatcher; it binds to loopback and forwards
 * only to a loopback target.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "accept-encoding",
            "transfer-encoding", "keep-alive", "content-encoding");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpUrl target;
    private final MockWebServer front = new MockWebServer();
    private final OkHttpClient forwarder;
    private final Random random = new Random(42);

    private volatile long latencyMillis;
    private volatile double failFraction;
    private volatile double dropFraction;
    private volatile Predicate<RecordedRequest> faultsOn = r -> true;
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger rateLimitNext = new AtomicInteger();
    private volatile long retryAfterSeconds = 1;

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong requestIds = new AtomicLong();

    private FaultProxy(URI target) {
        this.target = HttpUrl.get(target.toString());
        try {
            if (!InetAddress.getByName(this.target.host()).isLoopbackAddress()) {
                throw new IllegalArgumentException("the fault proxy forwards to loopback only, not " + this.target.host());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(256);
        d.setMaxRequestsPerHost(256);
        this.forwarder = new OkHttpClient.Builder()
                .dispatcher(d)
                .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .callTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Starts a proxy on a free loopback port in front of {@code target} (e.g. {@code server.baseUri()}). */
    public static FaultProxy start(URI target) {
        FaultProxy proxy = new FaultProxy(target);
        proxy.front.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return proxy.handle(request);
            }
        });
        try {
            proxy.front.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return proxy;
    }

    /** Where clients should point: {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://" + front.getHostName() + ":" + front.getPort());
    }

    public FaultProxy latency(Duration added) {
        this.latencyMillis = added.toMillis();
        return this;
    }

    public FaultProxy failFraction(double fraction) {
        this.failFraction = fraction;
        return this;
    }

    public FaultProxy failNext(int n) {
        failNext.set(n);
        return this;
    }

    public FaultProxy dropFraction(double fraction) {
        this.dropFraction = fraction;
        return this;
    }

    public FaultProxy dropNext(int n) {
        dropNext.set(n);
        return this;
    }

    public FaultProxy rateLimitNext(int n, Duration retryAfter) {
        this.retryAfterSeconds = Math.max(0, retryAfter.toSeconds());
        rateLimitNext.set(n);
        return this;
    }

    /** Faults only for the requests {@code which} selects, e.g. {@code FaultProxy.method("DELETE")}. */
    public FaultProxy faultsOn(Predicate<RecordedRequest> which) {
        this.faultsOn = Objects.requireNonNull(which, "which");
        return this;
    }

    public static Predicate<RecordedRequest> method(String method) {
        return r -> method.equalsIgnoreCase(r.getMethod());
    }

    /** No faults and no latency from now on. */
    public FaultProxy clear() {
        latencyMillis = 0;
        failFraction = 0;
        dropFraction = 0;
        failNext.set(0);
        dropNext.set(0);
        rateLimitNext.set(0);
        faultsOn = r -> true;
        return this;
    }

    /** What the proxy did so far. */
    public record Counts(long forwarded, long failed, long dropped, long rateLimited) {
    }

    public Counts counts() {
        return new Counts(forwarded.get(), failed.get(), dropped.get(), rateLimited.get());
    }

    private MockResponse handle(RecordedRequest request) throws InterruptedException {
        long latency = latencyMillis;
        if (latency > 0) {
            Thread.sleep(latency);
        }
        if (faultsOn.test(request)) {
            if (take(rateLimitNext)) {
                rateLimited.incrementAndGet();
                return error(429, "rate_limited", "Rate limited by the fault proxy.")
                        .setHeader("Retry-After", Long.toString(retryAfterSeconds)).build();
            }
            if (take(failNext) || chance(failFraction)) {
                failed.incrementAndGet();
                return error(500, "internal_error", "Injected by the fault proxy.").build();
            }
            if (take(dropNext) || chance(dropFraction)) {
                forward(request);
                dropped.incrementAndGet();
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
        }
        return forward(request);
    }

    private MockResponse forward(RecordedRequest request) {
        String path = request.getTarget();
        HttpUrl url = HttpUrl.get(target.toString().replaceAll("/$", "") + (path.startsWith("/") ? path : "/" + path));
        Request.Builder out = new Request.Builder().url(url);
        Headers headers = request.getHeaders();
        for (int i = 0; i < headers.size(); i++) {
            if (!HOP_BY_HOP.contains(headers.name(i).toLowerCase(Locale.ROOT))) {
                out.addHeader(headers.name(i), headers.value(i));
            }
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        RequestBody body = null;
        byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        if (bytes.length > 0 || method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
            String type = headers.get("Content-Type");
            body = RequestBody.create(bytes, type == null ? JSON : MediaType.parse(type));
        }
        out.method(method, body);
        try (Response response = forwarder.newCall(out.build()).execute()) {
            forwarded.incrementAndGet();
            MockResponse.Builder back = new MockResponse.Builder().code(response.code());
            Headers in = response.headers();
            back.clearHeaders();
            for (int i = 0; i < in.size(); i++) {
                if (!HOP_BY_HOP.contains(in.name(i).toLowerCase(Locale.ROOT))) {
                    back.addHeader(in.name(i), in.value(i));
                }
            }
            byte[] payload = response.body() == null ? new byte[0] : response.body().bytes();
            if (response.code() != 204 && response.code() != 304) {
                back.body(new Buffer().write(payload));
            }
            return back.build();
        } catch (IOException e) {
            return error(502, "bad_gateway", "The fault proxy could not reach the server.").build();
        }
    }

    private MockResponse.Builder error(int status, String code, String message) {
        String id = "req_proxy_" + requestIds.incrementAndGet();
        String json = "{\"error\":\"" + code + "\",\"message\":\"" + message + "\",\"request_id\":\"" + id + "\"}";
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", id).body(json);
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private boolean chance(double fraction) {
        if (fraction <= 0) {
            return false;
        }
        synchronized (random) {
            return random.nextDouble() < fraction;
        }
    }

    @Override
    public void close() {
        try {
            front.close();
        } finally {
            forwarder.dispatcher().executorService().shutdown();
            forwarder.connectionPool().evictAll();
        }
    }
}
