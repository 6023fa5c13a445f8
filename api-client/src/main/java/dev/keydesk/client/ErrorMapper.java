package dev.keydesk.client;

import dev.keydesk.client.error.CancelledException;
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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The one place that turns a failed exchange into a {@link KeyApiException}: an error status with
 * its body and headers, a transport failure, an unreadable 2xx body, or a cancellation.
 *
 * <p>Messages are sentences for people: the server's own message where it sent one (cleaned by
 * {@link Redaction}), else a sentence for the status. They never hold the secret, the
 * {@code Authorization} header or a body that was not an error message.
 */
final class ErrorMapper {

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Codes (ours, OAuth's, other vendors') that say "valid key, missing permission". */
    private static final Set<String> PERMISSION_CODES = Set.of(
            "insufficient_permission", "insufficient_permissions", "permission_escalation", "insufficient_scope",
            "permission_denied", "missing_permission", "missing_permissions", "forbidden", "access_denied",
            "not_authorized_for_resource");
    /** Codes that say "this key is not valid", whatever the status. */
    private static final Set<String> INVALID_KEY_CODES = Set.of(
            "unauthorized", "unauthenticated", "invalid_token", "invalid_api_key", "invalid_key", "expired_token",
            "token_expired", "invalid_credentials", "authentication_failed", "revoked_token");
    /** A description that speaks of a missing permission or scope. */
    private static final Pattern PERMISSION_TEXT = Pattern.compile(
            "(?i)(missing|lacks?|lacking|insufficient|not (?:have|hold|grant)|doesn't have|requires?|required|"
                    + "not (?:allowed|permitted)|denied)\\b.{0,60}\\b(permissions?|scopes?|privileges?)"
                    + "|\\b(permissions?|scopes?|privileges?)\\b.{0,30}\\b(missing|required|denied|insufficient)");

    private final Clock clock;
    private final Secret ownSecret;

    ErrorMapper(Clock clock, Secret ownSecret) {
        this.clock = clock;
        this.ownSecret = ownSecret;
    }

    /** An error status (anything but 2xx) into its exception. */
    KeyApiException fromStatus(RawResponse r) {
        return fromStatus(r, false);
    }

    /**
     * @param retried whether earlier attempts of this request went unanswered or failed: a 412 may
     *     then be the doing of an earlier attempt whose answer was lost
     */
    KeyApiException fromStatus(RawResponse r, boolean retried) {
        ErrorBody body = ErrorBody.parse(r.body());
        int status = r.code();
        String code = body.code();
        String requestId = body.requestId() != null ? body.requestId() : r.header(REQUEST_ID_HEADER);
        String serverMessage = Redaction.clean(body.message(), ownSecret);
        String param = body.param();
        String required = body.requiredPermission();

        if (status == 401 || status == 403) {
            if (isPermissionProblem(status, body, r.header("WWW-Authenticate"))) {
                String fallback = PermissionDeniedException.ESCALATION.equals(code)
                        ? "This API key cannot grant permissions that it does not hold itself."
                        : "This API key lacks a permission needed for this request"
                                + (required != null ? " (" + required + ")." : ".");
                return new PermissionDeniedException(sentence(serverMessage, fallback), status, code, requestId,
                        param, required, null);
            }
            return new UnauthorizedException(sentence(serverMessage,
                    "The server did not accept this API key: it may be unknown, expired, disabled or revoked."),
                    status, code, requestId, param, null);
        }
        if (status == 400 || status == 422) {
            return new ValidationException(sentence(serverMessage, status == 400
                    ? "The server could not understand the request."
                    : "The server refused the request's content" + (param != null ? " (" + param + ")." : ".")),
                    status, code, requestId, param, null);
        }
        if (status == 404) {
            return new NotFoundException(sentence(serverMessage,
                    "Not found: the key does not exist or was revoked, or the server lacks this endpoint."),
                    status, code, requestId, param, null);
        }
        if (status == 412) {
            String message = retried
                    ? "The key was changed since it was loaded, possibly by an earlier attempt of this same update "
                            + "whose answer was lost. Reload it to see whether the change is already there."
                    : sentence(serverMessage, "The key was changed since it was loaded; nothing was saved. "
                            + "Reload it and apply the change again.");
            return new PreconditionFailedException(message, status, code, requestId, param, null);
        }
        if (status == 429) {
            Duration retryAfter = RetryAfter.parse(r.header("Retry-After"), clock);
            return new RateLimitedException(sentence(serverMessage, retryAfter == null
                    ? "Too many requests; wait a moment and try again."
                    : "Too many requests; the server asks to wait " + humanSeconds(retryAfter) + "."),
                    status, code, requestId, param, retryAfter, null);
        }
        if (status >= 500 && status <= 599) {
            return new ServerException(sentence(serverMessage,
                    "The server failed (HTTP " + status + "); try again later."),
                    status, code, requestId, param, null);
        }
        return new UnexpectedStatusException(sentence(serverMessage,
                "The server answered with an unexpected status (HTTP " + status + ")."),
                status, code, requestId, param, null);
    }

    /** A 2xx whose body is not what the endpoint promises. The parse error is not kept: it may quote the body. */
    MalformedResponseException malformed(RawResponse r, String what) {
        return new MalformedResponseException("The server's answer could not be read: " + what + " (HTTP "
                + r.code() + ").", r.code(), null, r.header(REQUEST_ID_HEADER), null, null);
    }

    /** No usable response after the last attempt. */
    KeyApiException fromTransport(IOException e) {
        if (e instanceof InterruptibleExchange.BodyReadException b) {
            return new MalformedResponseException("The server's answer broke off before its end (HTTP "
                    + b.status() + ").", b.status(), null, null, null, e.getCause());
        }
        if (e instanceof InterruptibleExchange.BodyTooLargeException) {
            return new MalformedResponseException("The server's answer is far larger than any answer of this API.",
                    0, null, null, null, null);
        }
        boolean timeout = isTimeout(e);
        String message;
        if (timeout) {
            message = "The server did not answer in time.";
        } else if (e instanceof UnknownHostException) {
            message = "The server's name could not be resolved; check the address and the network.";
        } else if (e instanceof ConnectException) {
            message = "Could not connect to the server; check that it is running and the address is right.";
        } else if (e instanceof SSLException) {
            message = "The secure connection to the server failed (TLS).";
        } else {
            message = "The connection to the server failed.";
        }
        return new TransportException(message, timeout, e);
    }

    CancelledException cancelled(boolean write) {
        return new CancelledException(write
                ? "The request was cancelled; the server may or may not have applied it."
                : "The request was cancelled.", 0, null, null, null, null);
    }

    static boolean isTimeout(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof InterruptedIOException && "timeout".equalsIgnoreCase(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPermissionProblem(int status, ErrorBody body, String wwwAuthenticate) {
        String code = body.code() == null ? null : body.code().toLowerCase(Locale.ROOT);
        if (code != null && PERMISSION_CODES.contains(code)) {
            return true;
        }
        if (code != null && INVALID_KEY_CODES.contains(code)) {
            return false;
        }
        if (body.requiredPermission() != null) {
            return true;
        }
        if (wwwAuthenticate != null && wwwAuthenticate.toLowerCase(Locale.ROOT).contains("insufficient_scope")) {
            return true;
        }
        if (body.message() != null && PERMISSION_TEXT.matcher(body.message()).find()) {
            return true;
        }
        // Nothing in the body: the status decides.
        return status == 403;
    }

    private static String sentence(String serverMessage, String fallback) {
        if (serverMessage == null) {
            return fallback;
        }
        char last = serverMessage.charAt(serverMessage.length() - 1);
        return Character.isLetterOrDigit(last) ? serverMessage + "." : serverMessage;
    }

    private static String humanSeconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s == 1 ? "1 second" : s + " seconds";
    }
}
