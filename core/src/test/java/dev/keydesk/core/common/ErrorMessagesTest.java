package dev.keydesk.core.common;

import dev.keydesk.client.Capability;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.InsecureTransportException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.core.common.ErrorMessages.Action;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMessagesTest {

    private static final String REQ = "req_42";

    /** One of every client exception type; a new subclass must be added here (and described). */
    static List<KeyApiException> everyType() {
        return List.of(
                new UnauthorizedException("m", 401, "unauthorized", REQ, null, null),
                new PermissionDeniedException("m", 403, "insufficient_permission", REQ, null, "access_tokens:write", null),
                new NotFoundException("m", 404, "key_not_found", REQ, null, null),
                new PreconditionFailedException("m", 412, "precondition_failed", REQ, null, null),
                new ValidationException("name too long", 422, "invalid_name", REQ, "name", null),
                new RateLimitedException("m", 429, "rate_limited", REQ, null, Duration.ofSeconds(12), null),
                new ServerException("m", 503, "internal_error", REQ, null, null),
                new TransportException("connection refused", false, new ConnectException()),
                new MalformedResponseException("m", 200, null, REQ, null, null),
                new CancelledException("m", 0, null, null, null, null),
                new InsecureTransportException("m", 0, null, null, null, null),
                new UnexpectedStatusException("m", 418, null, REQ, null, null),
                new FeatureUnavailableException(Capability.USAGE, "This server does not report usage.", 404, null,
                        REQ, null));
    }

    @Test
    void every_client_error_has_all_three_parts_and_the_request_id() {
        for (KeyApiException e : everyType()) {
            UserMessage m = ErrorMessages.describe(e);
            assertThat(m.title()).as(e.getClass().getSimpleName()).isNotBlank();
            assertThat(m.whatHappened()).as(e.getClass().getSimpleName()).isNotBlank();
            assertThat(m.whatIsSafe()).as(e.getClass().getSimpleName()).isNotBlank();
            assertThat(m.whatToDo()).as(e.getClass().getSimpleName()).isNotBlank();
            assertThat(m.requestId()).isEqualTo(e.requestId().orElse(null));
        }
        assertThat(everyType().stream().<Class<?>>map(Object::getClass).toList())
                .containsExactlyInAnyOrder(KeyApiException.class.getPermittedSubclasses());
    }

    @Test
    void unauthorized_names_the_connection_and_says_reconnect() {
        UserMessage m = ErrorMessages.describe(new UnauthorizedException("m", 401, "unauthorized", REQ, null, null),
                Action.read("load the keys").on("Production EU"));
        assertThat(m.whatHappened()).isEqualTo("The admin key for “Production EU” was refused: it is invalid, "
                + "expired, disabled or revoked.");
        assertThat(m.whatIsSafe()).isEqualTo("Nothing was changed.");
        assertThat(m.whatToDo()).isEqualTo("Reconnect with a valid key (Connections…).");
        assertThat(m.requestId()).isEqualTo(REQ);
    }

    @Test
    void permission_denied_names_the_missing_permission() {
        UserMessage m = ErrorMessages.describe(new PermissionDeniedException("m", 403, "insufficient_permission", REQ,
                null, "access_tokens:write", null), Action.write("revoke the key Billing"));
        assertThat(m.whatHappened()).contains("“access_tokens:write”").contains("revoke the key Billing");
        assertThat(m.whatIsSafe()).isEqualTo("Nothing was changed.");
    }

    @Test
    void escalation_says_you_can_only_grant_what_you_hold() {
        UserMessage m = ErrorMessages.describe(new PermissionDeniedException("m", 403,
                PermissionDeniedException.ESCALATION, REQ, "permissions", "datasets:write", null));
        assertThat(m.whatHappened()).startsWith("You can only grant permissions your admin key holds")
                .contains("datasets:write");
    }

    @Test
    void validation_names_the_field() {
        UserMessage m = ErrorMessages.describe(new ValidationException("name too long", 422, "invalid_name", REQ, "name", null));
        assertThat(m.whatHappened()).contains("“name”").contains("name too long");
        assertThat(m.whatToDo()).contains("“name”");
    }

    @Test
    void rate_limited_says_how_long_to_wait() {
        UserMessage m = ErrorMessages.describe(new RateLimitedException("m", 429, "rate_limited", REQ, null,
                Duration.ofSeconds(12), null));
        assertThat(m.whatToDo()).isEqualTo("Wait 12 s, then try again.");
        assertThat(m.whatIsSafe()).startsWith("Nothing was changed");
    }

    @Test
    void a_timeout_on_a_write_may_or_may_not_have_been_applied() {
        TransportException timeout = new TransportException("timeout", true, null);
        assertThat(ErrorMessages.describe(timeout, Action.write("create the key")).whatIsSafe())
                .isEqualTo("Your change may or may not have been applied: refresh to check before retrying.");
        assertThat(ErrorMessages.describe(timeout, Action.read("load the keys")).whatIsSafe())
                .isEqualTo("Nothing was changed.");
        assertThat(ErrorMessages.describe(timeout).whatIsSafe()).contains("may or may not have been applied");
    }

    @Test
    void server_down_asks_whether_the_server_runs() {
        UserMessage m = ErrorMessages.describe(new TransportException("refused", false, new ConnectException()),
                Action.read("connect"));
        assertThat(m.title()).isEqualTo("Server unreachable");
        assertThat(m.whatHappened()).contains("could not be reached").contains("down");
        assertThat(m.whatToDo()).startsWith("Is the server running?").endsWith("Retry.");
    }

    @Test
    void server_error_on_a_write_says_refresh_to_check() {
        UserMessage m = ErrorMessages.describe(new ServerException("m", 500, "internal_error", REQ, null, null),
                Action.write("revoke the key"));
        assertThat(m.whatHappened()).contains("server failed").contains("500");
        assertThat(m.whatIsSafe()).contains("refresh to check");
    }

    @Test
    void precondition_failed_says_nothing_was_overwritten() {
        UserMessage m = ErrorMessages.describe(new PreconditionFailedException("m", 412, null, REQ, null, null));
        assertThat(m.whatIsSafe()).contains("not saved over theirs");
        assertThat(m.whatToDo()).contains("Reload");
    }

    @Test
    void insecure_transport_says_nothing_was_sent() {
        UserMessage m = ErrorMessages.describe(new InsecureTransportException("m", 0, null, null, null, null));
        assertThat(m.whatIsSafe()).isEqualTo("Nothing was sent.");
        assertThat(m.whatToDo()).contains("https://");
    }

    @Test
    void wrapped_errors_are_unwrapped() {
        UserMessage m = ErrorMessages.describe(new ExecutionException(
                new UnauthorizedException("m", 401, null, REQ, null, null)));
        assertThat(m.title()).isEqualTo("Admin key refused");
    }

    @Test
    void any_other_throwable_gets_a_generic_message_without_its_text() {
        UserMessage m = ErrorMessages.describe(new IllegalStateException("token sk_live_SECRET leaked"), "save");
        assertThat(m.whatHappened()).contains("IllegalStateException").doesNotContain("sk_live_SECRET");
        assertThat(m.whatIsSafe()).doesNotContain("sk_live_SECRET");
        assertThat(m.requestId()).isNull();
        UserMessage io = ErrorMessages.describe(new IOException("disk /home/x/sk_live_SECRET"));
        assertThat(io.title()).isEqualTo("File problem");
        assertThat(io.toString()).doesNotContain("sk_live_SECRET");
    }

    private static RateLimitedException limited(String scope, Duration retryAfter) {
        return new RateLimitedException("m", 429, "rate_limited", REQ, null, retryAfter, scope, null);
    }

    @Test
    void a_blocked_address_is_named_instead_of_the_admin_keys_rate_limit() {
        UserMessage m = ErrorMessages.describe(limited(RateLimitedException.ADDRESS_FAILED_AUTH, Duration.ofSeconds(42)),
                Action.read("load the keys"));
        assertThat(m.whatHappened()).isEqualTo("Too many failed authentications from this address; every request "
                + "from it waits 42 s.");
        assertThat(m.whatHappened() + m.whatToDo()).doesNotContain("rate limit for this admin key");
        assertThat(m.whatToDo()).startsWith("Wait 42 s, then try again.").contains("not the problem");
        assertThat(m.whatIsSafe()).startsWith("Nothing was changed");
    }

    @Test
    void a_keys_rate_limit_says_which_window() {
        assertThat(ErrorMessages.describe(limited(RateLimitedException.KEY_MINUTE, Duration.ofSeconds(5))).whatHappened())
                .isEqualTo("Too many requests: this admin key's per-minute rate limit was reached.");
        assertThat(ErrorMessages.describe(limited(RateLimitedException.KEY_HOUR, Duration.ofMinutes(20)),
                Action.write("revoke the keys")).whatHappened())
                .isEqualTo("Too many requests: this admin key's per-hour rate limit was reached while trying to "
                        + "revoke the keys.");
        assertThat(ErrorMessages.describe(limited(null, null)).whatHappened())
                .isEqualTo("Too many requests: the server's rate limit for this admin key was reached.");
    }

    @Test
    void an_ambiguous_refusal_says_the_server_does_not_tell_which_it_is() {
        UserMessage unauthorized = ErrorMessages.describe(new UnauthorizedException("m", 401, "Unauthorized", REQ,
                null, true, null), Action.read("load the keys").on("Narrative prod"));
        assertThat(unauthorized.whatHappened()).contains("“Narrative prod”").contains("lacks a permission")
                .contains("does not say which");
        UserMessage forbidden = ErrorMessages.describe(new PermissionDeniedException("m", 403, "Forbidden", REQ, null,
                null, true, null), Action.write("revoke the key Billing"));
        assertThat(forbidden.whatHappened()).contains("not associated with a company").contains("does not say which");
    }
}
