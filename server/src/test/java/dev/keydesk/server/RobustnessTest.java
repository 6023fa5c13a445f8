package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input never crashes the server, never gets a 500, never shows a stack trace. */
class RobustnessTest {

    @TempDir
    static Path dir;
    static LocalKeyServer server;
    static Api admin;

    @BeforeAll
    static void start() {
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).plan(Plan.UNLIMITED).build());
        admin = Api.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void garbageBodiesAre4xxJson() {
        List<String> garbage = List.of("", "   ", "{", "}", "null", "[]", "42", "\"str\"", "{\"name\":}",
                "\u0000\u0001\u0002", "{\"name\": \"a\", \"permissions\": {\"x\": 1}}", "[".repeat(5000),
                "{\"name\":\"" + "\\ud800" + "\",\"permissions\":[\"datasets:read\"]}",
                "{\"name\":[],\"permissions\":\"admin:*\",\"expires_at\":{}}", "{\"a\":1e999999}");
        for (String body : garbage) {
            for (String method : List.of("POST", "PATCH")) {
                String path = method.equals("POST") ? "/v1/api-keys" : "/v1/api-keys/key_x";
                Api.Resp r = admin.send(method, path, body, Map.of());
                assertThat(r.status()).as("%s %s -> %s", method, body.length() > 40 ? body.substring(0, 40) : body,
                        r.raw()).isBetween(400, 499);
                r.assertError(r.status(), r.error());
            }
        }
    }

    @Test
    void hugeBodyIsRefused() {
        String huge = "{\"name\":\"" + "a".repeat(2_000_000) + "\"}";
        Api.Resp r = admin.send("POST", "/v1/api-keys", huge, Map.of());
        assertThat(r.status()).isEqualTo(413);
        r.assertError(413, "malformed_request");
    }

    @Test
    void unknownRoutesAndWrongMethodsAreJson() {
        admin.get("/").assertError(404, "not_found");
        admin.get("/v2/api-keys").assertError(404, "not_found");
        admin.get("/v1/api-keys/a/b").assertError(404, "not_found");
        admin.as(null).get("/nothing/here").assertError(404, "not_found");
        admin.send("PUT", "/v1/api-keys", "{}", Map.of()).assertError(405, "method_not_allowed");
        admin.send("DELETE", "/v1/whoami", null, Map.of()).assertError(405, "method_not_allowed");
        admin.send("POST", "/v1/api-keys/key_x", "{}", Map.of()).assertError(405, "method_not_allowed");
    }

    @Test
    void wrongQueryValuesAre400() {
        admin.get("/v1/api-keys?limit=99999999999999999999").assertError(400, "malformed_request");
        admin.get("/v1/api-keys?limit=").assertError(400, "malformed_request");
        admin.get("/v1/api-keys?cursor=" + "A".repeat(5000)).assertError(400, "malformed_request");
        admin.get("/v1/api-keys/" + "%F0%9F%92%A9".repeat(50)).assertError(404, "key_not_found");
    }

    @Test
    void everyResponseHasARequestId() {
        for (Api.Resp r : List.of(admin.get("/v1/whoami"), admin.get("/nope"), admin.as(null).get("/v1/whoami"),
                admin.delete("/v1/api-keys/key_none"), admin.send("OPTIONS", "/v1/api-keys", null, Map.of()))) {
            assertThat(r.header("X-Request-Id")).matches("req_[0-9A-Za-z]{16,}");
        }
        assertThat(admin.get("/v1/whoami").header("X-Request-Id")).isNotEqualTo(admin.get("/v1/whoami")
                .header("X-Request-Id"));
    }

    @Test
    void stillHealthyAfterwards() {
        assertThat(admin.get("/v1/whoami").status()).isEqualTo(200);
    }
}
