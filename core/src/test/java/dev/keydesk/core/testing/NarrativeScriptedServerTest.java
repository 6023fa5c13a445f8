package dev.keydesk.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripted Narrative server answers on the wire as the OpenAPI says (what the app and CLI tests rely on). */
class NarrativeScriptedServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType TYPE = MediaType.get("application/json");

    private final NarrativeScriptedServer server = NarrativeScriptedServer.start();
    private final OkHttpClient http = new OkHttpClient();
    private final String admin = server.adminToken("admin");

    @AfterEach
    void close() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private record Answer(int code, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private Answer call(String method, String path, String body, String bearer) throws IOException {
        Request.Builder b = new Request.Builder().url(server.baseUri() + path);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? null : RequestBody.create(body, TYPE));
        try (Response r = http.newCall(b.build()).execute()) {
            return new Answer(r.code(), r.body().string());
        }
    }

    @Test
    void tokensAnswerInTheOpenApisShapes() throws IOException {
        Answer created = call("POST", "/access-tokens/tokens", "{\"name\":\"ETL\",\"permissions\":"
                + "[{\"access\":\"read\",\"resource\":\"datasets\"}],\"expires_at\":\"2031-05-01\"}", admin);
        assertThat(created.code()).isEqualTo(200);
        JsonNode token = created.json();
        assertThat(token.get("access_token").asText()).matches("[A-Za-z0-9+/]+=*").contains("=").doesNotStartWith("sk_");
        assertThat(token.get("expires_at").asText()).isEqualTo("2031-05-01T00:00:00.000000Z");
        String id = token.get("id").asText();

        Answer list = call("GET", "/access-tokens/tokens", null, admin);
        assertThat(list.json().get("records")).hasSize(2);
        assertThat(list.body()).doesNotContain("\"access_token\"");
        assertThat(call("GET", "/access-tokens/tokens/" + id, null, admin).json().get("record").get("name").asText())
                .isEqualTo("ETL");

        Answer empty = call("PUT", "/access-tokens/tokens/" + id, "{}", admin);
        assertThat(empty.code()).isEqualTo(400);
        assertThat(empty.json().get("error_description").asText()).isEqualTo("Update request is empty");
        Answer renamed = call("PUT", "/access-tokens/tokens/" + id, "{\"name\":\"ETL nightly\"}", admin);
        assertThat(renamed.code()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("ETL nightly");
        assertThat(renamed.json().has("record")).isFalse();

        Answer deleted = call("DELETE", "/access-tokens/tokens/" + id, null, admin);
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        Answer again = call("DELETE", "/access-tokens/tokens/" + id, null, admin);
        assertThat(again.code()).isEqualTo(404);
        assertThat(again.body()).isEmpty();
        assertThat(call("GET", "/access-tokens/tokens/" + id, null, admin).body()).isEmpty();
    }

    @Test
    void refusalsAreNarrativesErrorShapeAndARevokedTokenIsLockedOut() throws IOException {
        Answer none = call("GET", "/access-tokens/tokens", null, null);
        assertThat(none.code()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("Unauthorized");
        assertThat(none.json().has("error_description")).isTrue();

        server.denyNext(1, 403, NarrativeScriptedServer.NO_COMPANY);
        assertThat(call("GET", "/access-tokens/tokens", null, admin).json().get("error_description").asText())
                .contains("not associated with a company");

        String id = server.seed("doomed", Instant.now().plus(1, ChronoUnit.DAYS), "datasets:admin", "datasets:revise");
        assertThat(server.permissionsOf(id)).containsExactly("datasets:admin", "datasets:revise");
        String secret = server.secretOf(id);
        assertThat(call("GET", "/whoami", null, secret).json().get("name").asText()).isEqualTo("John Doe");
        call("DELETE", "/access-tokens/tokens/" + id, null, admin);
        assertThat(call("GET", "/whoami", null, secret).code()).isEqualTo(401);

        Answer badCreate = call("POST", "/access-tokens/tokens", "not json", admin);
        assertThat(badCreate.code()).isEqualTo(400);
        assertThat(badCreate.json().get("error_description").asText()).isEqualTo("The request cannot be parsed");
    }
}
