package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: what the HTTP layer does with requests a well-behaved client never sends, over raw
 * sockets. Every answer is the contract's JSON error with an X-Request-Id, a 4xx, never HTML.
 */
class HttpHardeningTest {

    @TempDir
    static Path dir;
    static LocalKeyServer server;
    static Api admin;
    static String reader;

    @BeforeAll
    static void start() {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED).build());
        admin = Api.admin(server);
        reader = admin.create("Reader", List.of("datasets:read"), Instant.now()).path("key").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String get(String path, String authorization) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
    }

    /** The contract's error object, with the request id of the header; returns the body. */
    static JsonNode assertJsonError(RawHttp.Response r, int status, String code) {
        assertThat(r).as("an answer").isNotNull();
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode j = r.json();
        assertThat(j.path("error").asText()).as(r.body()).isEqualTo(code);
        assertThat(j.path("message").asText()).isNotBlank();
        assertThat(r.header("X-Request-Id")).matches("req_[0-9A-Za-z]{16,}");
        assertThat(j.path("request_id").asText()).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.body()).doesNotContain("<html").doesNotContain("Exception");
        return j;
    }

    @Test
    void aCaseChangedSecretIsRefusedOnAConnectionThatJustAuthenticated() {
        String swapped = swapCase(reader);
        assertThat(swapped).isNotEqualTo(reader);
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(get("/v1/datasets", "Bearer " + reader));
            assertThat(c.read().status()).isEqualTo(200);
            c.write(get("/v1/datasets", "Bearer " + swapped));
            assertJsonError(c.read(), 401, "unauthorized");
            // only the random part changed case: still refused
            String tail = reader.substring(0, 8) + swapCase(reader.substring(8));
            c.write(get("/v1/datasets", "Bearer " + tail));
            assertJsonError(c.read(), 401, "unauthorized");
            // and the right one still works on the same connection
            c.write(get("/v1/datasets", "Bearer " + reader));
            assertThat(c.read().status()).isEqualTo(200);
        }
        assertJsonError(RawHttp.once(server.port(), get("/v1/datasets", "Bearer " + swapped)), 401, "unauthorized");
    }

    @Test
    void theSecretIsComparedWhole() {
        try (RawHttp c = new RawHttp(server.port())) {
            c.write(get("/v1/datasets", "Bearer \t " + reader + " \t"));
            assertThat(c.read().status()).isEqualTo(200);
            c.write(get("/v1/datasets", "Bearer " + reader.substring(0, reader.length() - 1)));
            assertJsonError(c.read(), 401, "unauthorized");
            c.write(get("/v1/datasets", "Bearer " + reader + "A"));
            assertJsonError(c.read(), 401, "unauthorized");
            c.write(get("/v1/datasets", "Bearer " + reader + "\u000b"));
            RawHttp.Response vt = c.read();
            assertThat(vt.status()).isIn(400, 401);
        }
    }

    @Test
    void twoAuthorizationHeadersAre400() {
        String twice = "GET /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + reader
                + "\r\nAuthorization: Bearer " + admin.secret() + "\r\n\r\n";
        JsonNode j = assertJsonError(RawHttp.once(server.port(), twice), 400, "malformed_request");
        assertThat(j.path("param").asText()).isEqualTo("Authorization");
        String sameTwice = "GET /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + reader
                + "\r\nauthorization: Bearer " + reader + "\r\n\r\n";
        assertJsonError(RawHttp.once(server.port(), sameTwice), 400, "malformed_request");
    }

    @Test
    void unknownOrMalformedCharsetIs400() {
        for (String ct : List.of("application/json; charset=foo", "application/json; charset=\"\"",
                "application/json; charset=utf-8x!", "application/json;charset=")) {
            String body = "{\"name\":\"x\",\"permissions\":[\"datasets:read\"]}";
            String req = "POST /v1/api-keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.secret()
                    + "\r\nContent-Type: " + ct + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            RawHttp.Response r = RawHttp.once(server.port(), req);
            assertThat(r.status()).as(ct + " -> " + r.body()).isBetween(400, 499);
            assertJsonError(r, r.status(), r.json().path("error").asText());
        }
    }

    @Test
    void badChunkingIs400() {
        for (String chunks : List.of("zz\r\n{}\r\n0\r\n\r\n", "-1\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX\r\n0\r\n\r\n",
                "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")) {
            String req = "POST /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.secret()
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
            RawHttp.Response r = RawHttp.once(server.port(), req);
            assertJsonError(r, 400, "malformed_request");
        }
    }

    @Test
    void oversizedHeadersAre431Json() {
        String req = "GET /v1/whoami HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        assertJsonError(RawHttp.once(server.port(), req), 431, "malformed_request");
        String longUri = "GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        RawHttp.Response r = RawHttp.once(server.port(), longUri);
        assertThat(r.status()).isBetween(400, 499);
        assertJsonError(r, r.status(), "malformed_request");
    }

    @Test
    void controlCharactersInHeaderValuesAre400Json() {
        for (String value : List.of("a\u0001b", "a\u0000b", "a\u007fb", "a\u001bb")) {
            String req = "GET /v1/whoami HTTP/1.1\r\nHost: x\r\nX-Thing: " + value + "\r\n\r\n";
            assertJsonError(RawHttp.once(server.port(), req), 400, "malformed_request");
        }
        String inAuth = "GET /v1/whoami HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + reader + "\u0001\r\n\r\n";
        assertJsonError(RawHttp.once(server.port(), inAuth), 400, "malformed_request");
    }

    @Test
    void ambiguousPathsAre400Json() {
        for (String path : List.of("/v1/%00", "/v1/api-keys/%00", "/v1/%2e%2e/v1/whoami", "/v1/..%2Fwhoami",
                "/v1/api-keys/%2F..", "/v1/%", "/v1/%zz", "/v1/api-keys/a%2Fb", "/v1/api-keys;x=1/a")) {
            RawHttp.Response r = RawHttp.once(server.port(), get(path, "Bearer " + admin.secret()));
            assertThat(r.status()).as(path + " -> " + r.body()).isBetween(400, 404);
            assertJsonError(r, r.status(), r.json().path("error").asText());
        }
        RawHttp.Response bad = RawHttp.once(server.port(), get("/v1/%00", "Bearer " + admin.secret()));
        assertJsonError(bad, 400, "malformed_request");
    }

    @Test
    void malformedRequestLinesAre400Json() {
        for (String req : List.of("GET\r\n\r\n", "GET /v1/whoami HTTP/9.9\r\nHost: x\r\n\r\n", "POST /v1/datasets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                "G\u0001T /v1/whoami HTTP/1.1\r\nHost: x\r\n\r\n", "GET /v1/who ami HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /v1/whoami HTTP/1.1\r\nNo colon here\r\n\r\n",
                "GET /v1/whoami HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST /v1/datasets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")) {
            RawHttp.Response r = RawHttp.once(server.port(), req);
            if (r == null) {
                continue; // the server may just close on garbage it cannot even frame
            }
            assertThat(r.status()).as(req + " -> " + r.body()).isBetween(400, 499);
            assertJsonError(r, r.status(), r.json().path("error").asText());
        }
    }

    @Test
    void tooLargeBodiesAre413Json() {
        String req = "POST /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + admin.secret()
                + "\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{";
        assertJsonError(RawHttp.once(server.port(), req), 413, "malformed_request");
        StringBuilder chunked = new StringBuilder("POST /v1/datasets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + admin.secret() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(65_536);
        for (int i = 0; i < 20; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertJsonError(RawHttp.once(server.port(), chunked.toString()), 413, "malformed_request");
    }

    @Test
    void stillHealthyAfterwards() {
        assertThat(admin.get("/v1/whoami").status()).isEqualTo(200);
    }

    static String swapCase(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString().toLowerCase(Locale.ROOT).equals(s) ? b.toString() : b.toString();
    }
}
