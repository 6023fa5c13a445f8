package dev.keydesk.client.http;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Scripted;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.KeyUpdateParams;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.keydesk.client.Scripted.error;
import static dev.keydesk.client.Scripted.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every status, and every body shape, to the exception the app switches on. No retries here. */
class ScriptedErrorMappingTest {

    @StartStop
    MockWebServer server = new MockWebServer();

    KeyApi api;

    @BeforeEach
    void setUp() {
        api = Scripted.client(server, new Scripted.RecordingSleeper()).retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private <T extends KeyApiException> T getFails(MockResponse response, Class<T> type) {
        server.enqueue(response);
        T e = catchThrowableOfType(type, () -> api.getKey("key_1"));
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(e.getMessage()).isNotBlank().doesNotContain(Scripted.SECRET).doesNotContain("Bearer sk_");
        return e;
    }

    @Test
    void status400IsValidation() {
        ValidationException e = getFails(json(400, error("malformed_request", "The body is not JSON.")),
                ValidationException.class);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).contains("malformed_request");
        assertThat(e.getMessage()).isEqualTo("The body is not JSON.");
        assertThat(e.requestId()).contains("req_body1");
    }

    @Test
    void status401InvalidKeyIsUnauthorized() {
        UnauthorizedException e = getFails(json(401, error("unauthorized", "Invalid API key")),
                UnauthorizedException.class);
        assertThat(e.code()).contains("unauthorized");
        assertThat(e.getMessage()).isEqualTo("Invalid API key.");
    }

    @Test
    void status401WithPermissionCodeIsPermissionDenied() {
        PermissionDeniedException e = getFails(json(401, error("insufficient_permission", "Needs a permission")),
                PermissionDeniedException.class);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isEscalation()).isFalse();
    }

    @Test
    void status401WithEscalationCodeIsPermissionDenied() {
        PermissionDeniedException e = getFails(json(401, error("permission_escalation", "Cannot grant")),
                PermissionDeniedException.class);
        assertThat(e.isEscalation()).isTrue();
    }

    @Test
    void status401WithRequiredPermissionFieldIsPermissionDenied() {
        PermissionDeniedException e = getFails(json(401,
                        "{\"error\":\"denied\",\"required_permission\":\"access_tokens:write\"}"),
                PermissionDeniedException.class);
        assertThat(e.requiredPermission()).contains("access_tokens:write");
        assertThat(e.getMessage()).isEqualTo("This API key lacks a permission needed for this request (access_tokens:write).");
    }

    @Test
    void status401NarrativeShapeMentioningMissingPermissionIsPermissionDenied() {
        PermissionDeniedException e = getFails(json(401,
                        "{\"error\":\"access_token_error\",\"error_description\":\"The token is missing the permission datasets:write\"}"),
                PermissionDeniedException.class);
        assertThat(e.code()).contains("access_token_error");
        assertThat(e.getMessage()).isEqualTo("The token is missing the permission datasets:write.");
    }

    @Test
    void status401NarrativeShapeForBadTokenIsUnauthorized() {
        UnauthorizedException e = getFails(json(401,
                        "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}"),
                UnauthorizedException.class);
        assertThat(e.getMessage()).isEqualTo("The access token expired.");
    }

    @Test
    void status401WithInsufficientScopeChallengeIsPermissionDenied() {
        getFails(new MockResponse.Builder().code(401)
                        .addHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"").build(),
                PermissionDeniedException.class);
    }

    @Test
    void status401WithoutBodyIsUnauthorizedWithSentence() {
        UnauthorizedException e = getFails(new MockResponse.Builder().code(401).build(), UnauthorizedException.class);
        assertThat(e.getMessage()).startsWith("The server did not accept this API key");
    }

    @Test
    void status403InsufficientPermissionCarriesRequiredPermission() {
        PermissionDeniedException e = getFails(json(403,
                        "{\"error\":\"insufficient_permission\",\"message\":\"This key lacks access_tokens:write.\","
                                + "\"request_id\":\"req_9\",\"required_permission\":\"access_tokens:write\"}"),
                PermissionDeniedException.class);
        assertThat(e.requiredPermission()).contains("access_tokens:write");
        assertThat(e.requestId()).contains("req_9");
        assertThat(e.isEscalation()).isFalse();
    }

    @Test
    void status403EscalationIsEscalation() {
        PermissionDeniedException e = getFails(json(403, error("permission_escalation",
                "A key can only grant permissions it holds.")), PermissionDeniedException.class);
        assertThat(e.isEscalation()).isTrue();
        assertThat(e.code()).contains("permission_escalation");
    }

    @Test
    void status403WithInvalidTokenCodeIsUnauthorized() {
        getFails(json(403, "{\"error\":\"invalid_api_key\"}"), UnauthorizedException.class);
    }

    @Test
    void status404IsNotFound() {
        NotFoundException e = getFails(json(404, error("key_not_found", "No such key")), NotFoundException.class);
        assertThat(e.code()).contains("key_not_found");
    }

    @Test
    void status412IsPreconditionFailed() {
        server.enqueue(json(412, error("precondition_failed", "The key changed")));
        PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                () -> api.updateKey("key_1", KeyUpdateParams.builder().name("x").build(), "\"v1\""));
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.code()).contains("precondition_failed");
    }

    @Test
    void status422CarriesParam() {
        ValidationException e = getFails(json(422,
                        "{\"error\":\"invalid_name\",\"message\":\"The name is too long.\",\"param\":\"name\","
                                + "\"request_id\":\"req_2\"}"),
                ValidationException.class);
        assertThat(e.param()).contains("name");
        assertThat(e.code()).contains("invalid_name");
        assertThat(e.status()).isEqualTo(422);
    }

    @Test
    void status429IsRateLimitedWithRetryAfter() {
        RateLimitedException e = getFails(json(429, error("rate_limited", "Slow down"), "Retry-After", "42"),
                RateLimitedException.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void status500IsServer() {
        ServerException e = getFails(json(500, error("internal_error", "Something broke")), ServerException.class);
        assertThat(e.status()).isEqualTo(500);
    }

    @Test
    void status503WithHtmlBodyIsServerWithSentence() {
        ServerException e = getFails(new MockResponse.Builder().code(503)
                        .addHeader("Content-Type", "text/html").addHeader("X-Request-Id", "req_hdr")
                        .body("<html><body>Service Unavailable</body></html>").build(),
                ServerException.class);
        assertThat(e.getMessage()).isEqualTo("The server failed (HTTP 503); try again later.");
        assertThat(e.requestId()).contains("req_hdr");
    }

    @Test
    void unexpected418() {
        UnexpectedStatusException e = getFails(json(418, "{\"error\":\"teapot\"}"), UnexpectedStatusException.class);
        assertThat(e.status()).isEqualTo(418);
        assertThat(e.getMessage()).contains("418");
    }

    @Test
    void redirectIsNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "https://elsewhere.example/").build());
        UnexpectedStatusException e = catchThrowableOfType(UnexpectedStatusException.class, () -> api.getKey("key_1"));
        assertThat(e.status()).isEqualTo(302);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void nestedErrorObjectShape() {
        NotFoundException e = getFails(json(404,
                        "{\"error\":{\"message\":\"No such token\",\"type\":\"not_found_error\",\"code\":\"token_missing\"}}"),
                NotFoundException.class);
        assertThat(e.code()).contains("token_missing");
        assertThat(e.getMessage()).isEqualTo("No such token.");
    }

    @Test
    void nestedErrorObjectShapeWithTypeOnly() {
        PermissionDeniedException e = getFails(json(403,
                        "{\"error\":{\"message\":\"You are not allowed\",\"type\":\"permission_denied\"}}"),
                PermissionDeniedException.class);
        assertThat(e.code()).contains("permission_denied");
    }

    @Test
    void requestIdFromBodyWinsOverHeader() {
        KeyApiException e = getFails(json(404, error("key_not_found", "gone"), "X-Request-Id", "req_header"),
                NotFoundException.class);
        assertThat(e.requestId()).contains("req_body1");
    }

    @Test
    void requestIdFromHeaderWhenBodyHasNone() {
        KeyApiException e = getFails(json(404, "{\"error\":\"not_found\"}", "X-Request-Id", "req_header"),
                NotFoundException.class);
        assertThat(e.requestId()).contains("req_header");
    }

    @Test
    void garbageErrorBodyStillMapsByStatus() {
        KeyApiException e = getFails(json(422, "{\"error\": \"invalid_na"), ValidationException.class);
        assertThat(e.code()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("The server refused the request's content.");
    }

    @Test
    void serverMessageIsCleanedOfSecretsAndControlCharacters() {
        KeyApiException e = getFails(json(401, "{\"error\":\"unauthorized\",\"message\":\"Bad key "
                + Scripted.SECRET + " or sk_live_AAAAAAAAAAAAAAAAAAAAAAAA\\u0007 (Bearer abc)\"}"), UnauthorizedException.class);
        assertThat(e.getMessage()).doesNotContain(Scripted.SECRET).doesNotContain("AAAAAAAAAAAA")
                .doesNotContain("abc").doesNotContain("\u0007").contains("Bearer [redacted]");
    }

    @Test
    void nonJsonBodyOn200IsMalformed() {
        MalformedResponseException e = getFails(new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/html").body("<html>hello</html>").build(), MalformedResponseException.class);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).doesNotContain("<html>");
    }

    @Test
    void truncatedJsonOn200IsMalformed() {
        getFails(json(200, Scripted.KEY_JSON.substring(0, 40)), MalformedResponseException.class);
    }

    @Test
    void emptyBodyOn200IsMalformed() {
        getFails(new MockResponse.Builder().code(200).build(), MalformedResponseException.class);
    }

    @Test
    void wrongTypesOn200AreMalformed() {
        getFails(json(200, "{\"id\":null,\"name\":\"x\"}"), MalformedResponseException.class);
        getFails(json(200, "[1,2,3]"), MalformedResponseException.class);
        getFails(json(200, "{\"id\":\"k\",\"created_at\":\"yesterday\"}"), MalformedResponseException.class);
    }
}
