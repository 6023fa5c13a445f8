package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 11, proof: generated malformed requests over every endpoint, sent as raw bytes over a
 * plain socket (random methods; paths with {@code %00}, {@code ..}, bad escapes, huge segments;
 * headers with control characters, duplicates, oversized values; bodies truncated, in unknown
 * charsets, badly chunked). Whatever arrives: never a 5xx, every error the contract's JSON with
 * its request id, and the server still serves a valid request afterwards. Seeded, so a failure
 * is reproducible; a few hundred cases in a few seconds.
 */
class HttpFuzzTest {

    static Path dir;
    static LocalKeyServer server;
    static String admin;
    static List<String> victims = new ArrayList<>();
    static final AtomicInteger cases = new AtomicInteger();

    /** One generated request: its bytes, and whether the client broke the framing itself (cut short). */
    record Fuzz(String method, byte[] bytes, boolean cutShort, String summary) {
        @Override
        public String toString() {
            return summary;
        }
    }

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("keydesk-fuzz");
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED)
                .failedAuthPerMinute(1_000_000).build());
        Api api = Api.admin(server);
        admin = api.secret();
        for (int i = 0; i < 5; i++) {
            victims.add(api.create("Victim " + i, List.of("datasets:read", "jobs:write"), Instant.now()).path("id").asText());
        }
    }

    @AfterContainer
    static void stop() throws IOException {
        try {
            assertHealthy();
        } finally {
            server.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void assertHealthy() {
        Api.Resp r = new Api(server.baseUri(), admin).get("/v1/whoami");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    @Property(tries = 400, seed = "20261201", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
    void anyRequestGetsA4xxJsonErrorOrASuccessNeverA5xx(@ForAll("requests") Fuzz fuzz) {
        RawHttp.Response r = send(fuzz);
        Statistics.collect(r == null ? "no answer" : Integer.toString(r.status()));
        if (r == null) {
            // Only a request the client itself cut short may end without an answer.
            assertThat(fuzz.cutShort()).as("no answer to %s", fuzz).isTrue();
        } else {
            assertThat(r.status()).as("%s -> %s", fuzz, r.body()).isLessThan(500);
            assertThat(r.header("X-Request-Id")).as("%s", fuzz).matches("req_[0-9A-Za-z]{16,}");
            if (r.status() >= 400 && !fuzz.method().equals("HEAD")) {
                assertThat(r.header("Content-Type")).as("%s -> %s", fuzz, r.body()).startsWith("application/json");
                JsonNode j = r.json();
                assertThat(j.path("error").asText()).as("%s -> %s", fuzz, r.body()).isNotBlank();
                assertThat(j.path("message").asText()).isNotBlank();
                assertThat(j.path("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
            }
            assertThat(r.body()).doesNotContain("<html").doesNotContain("Exception").doesNotContain("\tat ");
        }
        if (cases.incrementAndGet() % 25 == 0) {
            assertHealthy();
        }
    }

    /** Writes the bytes on a fresh connection, half-closes it, and reads one answer (null if none). */
    static RawHttp.Response send(Fuzz fuzz) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(fuzz.bytes());
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedWhileSending) {
                // the server answered (and closed) before taking it all, e.g. oversized headers
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException reset) {
                // a reset after the answer: keep what arrived
            }
            return RawHttp.parse(all.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- generators ----

    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS", "TRACE",
            "CONNECT", "FOO", "get", "G\u0001T", "", "POST /x"};

    @Provide
    Arbitrary<Fuzz> requests() {
        Arbitrary<String> method = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.of("GET", "POST", "PATCH", "DELETE")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(METHODS)));
        Arbitrary<String> path = Combinators.combine(endpoint(), pathMutation(), query()).as((e, m, q) -> m.apply(e) + q);
        Arbitrary<List<String>> headers = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(4, header().list().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<String> auth = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("valid")),
                net.jqwik.api.Tuple.of(4, Arbitraries.of("none", "swapped", "twice", "garbage", "basic", "control",
                        "checksum")));
        Arbitrary<Body> body = body();
        Arbitrary<String> version = Arbitraries.frequency(net.jqwik.api.Tuple.of(30, "HTTP/1.1"),
                net.jqwik.api.Tuple.of(1, "HTTP/1.0"), net.jqwik.api.Tuple.of(1, "HTTP/2.0"),
                net.jqwik.api.Tuple.of(1, "HTTP/9.9"), net.jqwik.api.Tuple.of(1, "HTTX/1.1"));
        return Combinators.combine(method, path, auth, headers, body, version).as(HttpFuzzTest::build);
    }

    private static Arbitrary<String> endpoint() {
        return Arbitraries.of("/v1/api-keys", "/v1/api-keys/{id}", "/v1/api-keys/{id}/usage", "/v1/api-keys/identify",
                "/v1/whoami", "/v1/permissions", "/v1/key-policy", "/v1/rate-limit", "/v1/audit-events",
                "/v1/datasets", "/v1/jobs", "/v1/encryption_materials", "/v1/nothing", "/", "/v2/api-keys");
    }

    private interface Mutation {
        String apply(String path);
    }

    private static Arbitrary<Mutation> pathMutation() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(14, Arbitraries.just(p -> p)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("%00", "/..", "/../..", "/%2e%2e", "%2F..", "%", "%zz", "%C0%AF",
                        ";jsessionid=1", "//", "/.", "\\", "%F0%9F%92%A9", "%FF%FE").map(suffix -> p -> p + suffix)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("/%00/", "/../", "/%2e/", "//").map(mid -> p -> p.replaceFirst("/v1/", "/v1" + mid))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1_000, 70_000).map(n -> p -> p + "/" + "a".repeat(n))));
    }

    private static Arbitrary<String> query() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(3, Arbitraries.of("?limit=-1", "?limit=abc", "?limit=1001", "?limit=", "?cursor=%FF",
                        "?cursor=" + "A".repeat(3000), "?status=gone", "?status=revoked&limit=2", "?status=revoked&cursor=zz",
                        "?type=key.created,nope", "?type=,,,", "?since=yesterday", "?until=2030-13-01T00:00:00Z",
                        "?ip=%00", "?key_id=%zz", "?a=%", "?&&&=", "?limit=1&limit=2", "?status=%00")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("%&=?#;/az09\u0001\u007f").ofMaxLength(40).map(q -> "?" + q)));
    }

    private static Arbitrary<String> header() {
        return Arbitraries.oneOf(
                Arbitraries.of("X-Thing: a\u0001b", "X-Thing: a\u0000b", "X-Thing: a\u007fb", "X-Esc: \u001b[31m",
                        "Content-Length: abc", "Content-Length: -5", "Content-Length: 99999999999999999999",
                        "Content-Type: application/json; charset=foo", "Content-Type: application/json; charset=\"\"",
                        "Content-Type: application/json; charset=utf-16", "Content-Type: text/html; charset=latin1",
                        "Content-Type: ;;;", "Audit-Reason: " + "r".repeat(300), "Audit-Reason: tab\there",
                        "Audit-Reason: INC-1", "If-Match: \"v1\"", "If-Match: garbage", "Idempotency-Key: " + "i".repeat(300),
                        "Idempotency-Key: fuzz-1", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, chunked",
                        "Host: a\r\nHost: b", "No colon", ": empty name", "X Space: v", "Expect: 100-continue",
                        "Connection: upgrade", "Upgrade: h2c", "Accept: text/html"),
                Arbitraries.integers().between(5_000, 40_000).map(n -> "X-Big: " + "b".repeat(n)));
    }

    /** A body and how it is framed. */
    record Body(byte[] content, String framing) {}

    private static Arbitrary<Body> body() {
        Arbitrary<byte[]> content = Arbitraries.oneOf(
                Arbitraries.of("", "{}", "{\"name\":\"Fuzzed\",\"permissions\":[\"datasets:read\"],\"expires_at\":\"2030-01-01T00:00:00Z\"}",
                        "{\"name\":\"x\"}", "{\"status\":\"disabled\"}", "{\"permissions\":[\"admin:*\"]}",
                        "{\"secret\":\"sk_live_" + "A".repeat(46) + "\"}", "{\"secret\":null}", "{", "{\"name\":", "[1,2",
                        "null", "\"\\ud800\"", "{\"a\":1e999999}", "[".repeat(3000), "{\"name\":\"\\u0000\"}")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.just(new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}', (byte) 0xFF}),
                Arbitraries.integers().between(900_000, 1_200_000).map(n -> ("{\"name\":\"" + "z".repeat(n) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> framing = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of("length", "none", "chunked")),
                net.jqwik.api.Tuple.of(4, Arbitraries.of("bad-chunk-size", "chunk-too-long", "chunk-truncated",
                        "length-short", "length-long", "both")));
        return Combinators.combine(content, framing).as(Body::new);
    }

    private static Fuzz build(String method, String path, String auth, List<String> headers, Body body, String version) {
        String id = victims.get(Math.abs(path.hashCode()) % victims.size());
        path = path.replace("{id}", id);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        head.append("Host: 127.0.0.1\r\n");
        switch (auth) {
            case "valid" -> head.append("Authorization: Bearer ").append(admin).append("\r\n");
            case "swapped" -> head.append("Authorization: Bearer ").append(HttpHardeningTest.swapCase(admin)).append("\r\n");
            case "twice" -> head.append("Authorization: Bearer ").append(admin).append("\r\nAuthorization: Bearer x\r\n");
            case "garbage" -> head.append("Authorization: Bearer \u00ff\u00fe%00").append("\r\n");
            case "basic" -> head.append("Authorization: Basic YTpi\r\n");
            case "control" -> head.append("Authorization: Bearer ").append(admin).append("\u0002\r\n");
            case "checksum" -> head.append("Authorization: Bearer ").append(admin, 0, admin.length() - 1).append("Q\r\n");
            default -> { }
        }
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        byte[] content = body.content();
        boolean cutShort = false;
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        switch (body.framing()) {
            case "length" -> {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
                payload.writeBytes(content);
            }
            case "none" -> payload.writeBytes(new byte[0]);
            case "chunked", "bad-chunk-size", "chunk-too-long", "chunk-truncated" -> {
                head.append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
                String size = switch (body.framing()) {
                    case "bad-chunk-size" -> "zz";
                    case "chunk-too-long" -> Integer.toHexString(Math.max(0, content.length - 1));
                    default -> Integer.toHexString(content.length);
                };
                payload.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                payload.writeBytes(content);
                if (body.framing().equals("chunk-truncated")) {
                    cutShort = true;
                } else {
                    payload.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            case "length-short" -> {
                head.append("Content-Length: ").append(content.length + 10).append("\r\n");
                payload.writeBytes(content);
                cutShort = true;
            }
            case "length-long" -> {
                head.append("Content-Length: ").append(Math.max(0, content.length - 1)).append("\r\n");
                payload.writeBytes(content);
            }
            default -> { // both
                head.append("Content-Length: ").append(content.length).append("\r\nTransfer-Encoding: chunked\r\n");
                payload.writeBytes(content);
            }
        }
        head.append("\r\n");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        all.writeBytes(payload.toByteArray());
        String summary = method + " " + (path.length() > 80 ? path.substring(0, 80) + "..." : path) + " " + version
                + " auth=" + auth + " headers=" + headers.stream().map(h -> h.length() > 50 ? h.substring(0, 50) + "..." : h).toList()
                + " body=" + body.framing() + "/" + content.length;
        // Anything that makes the request unframeable may legitimately end without an answer.
        boolean unframeable = cutShort || method.isEmpty() || method.contains(" ") || version.startsWith("HTTX")
                || headers.stream().anyMatch(h -> h.startsWith("Host: a\r\n"));
        return new Fuzz(method.toUpperCase(Locale.ROOT).equals("HEAD") ? "HEAD" : method, all.toByteArray(),
                unframeable, summary);
    }
}
