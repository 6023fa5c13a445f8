package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A thin HTTP helper over java.net.http for the tests: real requests against a LocalKeyServer. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    record Resp(int status, java.net.http.HttpHeaders headers, String raw) {
        JsonNode json() {
            try {
                return raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + raw, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String error() {
            return json().path("error").asText(null);
        }

        /** The error body shape of the contract, with a request id that matches the header. */
        Resp assertError(int expectedStatus, String code) {
            assertThat(status).as("status of %s", raw).isEqualTo(expectedStatus);
            JsonNode j = json();
            assertThat(j.path("error").asText()).as(raw).isEqualTo(code);
            assertThat(j.path("message").asText()).isNotBlank();
            assertThat(j.path("request_id").asText()).startsWith("req_").isEqualTo(header("X-Request-Id"));
            assertThat(raw).doesNotContain("Exception").doesNotContain("\tat ");
            return this;
        }
    }

    private final URI base;
    private final String secret;

    Api(URI base, String secret) {
        this.base = base;
        this.secret = secret;
    }

    static Api admin(LocalKeyServer server) {
        try {
            return new Api(server.baseUri(), Files.readString(server.bootstrapKeyFile()).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Api as(String otherSecret) {
        return new Api(base, otherSecret);
    }

    String secret() {
        return secret;
    }

    Resp get(String path) {
        return send("GET", path, null, Map.of());
    }

    Resp post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Resp patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    Resp delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Resp send(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
            if (secret != null) {
                b.header("Authorization", "Bearer " + secret);
            }
            headers.forEach(b::header);
            String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            b.method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a key and returns the 201 body (with "key"). */
    JsonNode create(String name, List<String> permissions, Instant now) {
        Resp r = post("/v1/api-keys", Map.of("name", name, "permissions", permissions,
                "expires_at", now.plus(Duration.ofDays(30)).toString()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json();
    }
}
