package dev.keydesk.client.http;

import dev.keydesk.client.Capability;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.FeatureUnavailableException;
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
import dev.keydesk.client.model.KeyField;

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
 *
 * <p>What differs between dialects (which field a {@code param} means, whether a bare 401/403 can be
 * taken at its status) comes from the {@link ErrorDialect}; the choice of exception stays here. So do
 * the refusals a dialect makes before sending anything ({@link #unavailable}, {@link #refused}).
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
    /**
     * Codes that only restate the status: where the dialect's servers use them for either cause
     * (Narrative's "Unauthorized"), they say nothing about which.
     */
    private static final Set<String> STATUS_ONLY_CODES = Set.of(
            "unauthorized", "unauthenticated", "forbidden", "access_denied", "not_authorized");
    /** A description that speaks of a missing permission or scope. */
    private static final Pattern PERMISSION_TEXT = Pattern.compile(
            "(?i)(missing|lacks?|lacking|insufficient|not (?:have|hold|grant)|doesn't have|requires?|required|"
                    + "not (?:allowed|permitted)|denied)\\b.{0,60}\\b(permissions?|scopes?|privileges?)"
                    + "|\\b(permissions?|scopes?|privileges?)\\b.{0,30}\\b(missing|required|denied|insufficient)");
    /** Narrative's 403 for a token that belongs to no company. */
    private static final Pattern NO_COMPANY_TEXT = Pattern.compile("(?i)not associated with (?:a|any) company");

    private enum AuthVerdict { PERMISSION, INVALID_KEY, UNKNOWN }

    private final Clock clock;
    private final Secret ownSecret;
    private final ErrorDialect dialect;

    ErrorMapper(Clock clock, Secret ownSecret, ErrorDialect dialect) {
        this.clock = clock;
        this.ownSecret = ownSecret;
        this.dialect = dialect;
    }

    /** An error status (anything but 2xx) into its exception. */
    KeyApiException fromStatus(RawResponse r) {
        return fromStatus(r, false, null);
    }

    /**
     * @param uncertain whether an earlier attempt of this request may have been acted on (its
     *     answer was lost, or was a 5xx): a 412 may then be that attempt's doing
     * @param carried a secret the request carried in its body, removed from the server's message; may be null
     */
    KeyApiException fromStatus(RawResponse r, boolean uncertain, Secret carried) {
        ErrorBody body = ErrorBody.parse(r.body());
        int status = r.code();
        String code = body.code();
        String requestId = body.requestId() != null ? body.requestId() : r.header(REQUEST_ID_HEADER);
        String serverMessage = Redaction.clean(body.message(), ownSecret, carried);
        String param = body.param();
        String required = body.requiredPermission();

        if (status == 401 || status == 403) {
            return authFailure(status, body, serverMessage, code, requestId, param, required,
                    r.header("WWW-Authenticate"));
        }
        if (status == 400 || status == 422) {
            KeyField field = dialect.field(param, body.message());
            return new ValidationException(sentence(serverMessage, status == 400
                    ? "The server could not understand the request."
                    : "The server refused the request's content" + (param != null ? " (" + param + ")." : ".")),
                    status, code, requestId, param, field, null);
        }
        if (status == 404) {
            return new NotFoundException(sentence(serverMessage,
                    "Not found: the key does not exist or was revoked, or the server lacks this endpoint."),
                    status, code, requestId, param, null);
        }
        if (status == 412) {
            String message = uncertain
                    ? "The key was changed since it was loaded, possibly by an earlier attempt of this same update "
                            + "whose answer was lost. Reload it to see whether the change is already there."
                    : sentence(serverMessage, "The key was changed since it was loaded; nothing was saved. "
                            + "Reload it and apply the change again.");
            return new PreconditionFailedException(message, status, code, requestId, param, null);
        }
        if (status == 429) {
            return rateLimited(r, body, serverMessage, code, requestId, param);
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

    private KeyApiException authFailure(int status, ErrorBody body, String serverMessage, String code,
                                        String requestId, String param, String required, String wwwAuthenticate) {
        if (body.message() != null && NO_COMPANY_TEXT.matcher(body.message()).find()) {
            return new UnauthorizedException("The server refuses this key because it is not associated with a "
                    + "company; use a key issued within a company.", status, code, requestId, param, false, null);
        }
        AuthVerdict verdict = verdict(body, wwwAuthenticate);
        if (verdict == AuthVerdict.UNKNOWN && dialect.statusTellsAuthFailures()) {
            verdict = status == 403 ? AuthVerdict.PERMISSION : AuthVerdict.INVALID_KEY;
        }
        switch (verdict) {
            case PERMISSION -> {
                String fallback = PermissionDeniedException.ESCALATION.equals(code)
                        ? "This API key cannot grant permissions that it does not hold itself."
                        : "This API key lacks a permission needed for this request"
                                + (required != null ? " (" + required + ")." : ".");
                return new PermissionDeniedException(sentence(serverMessage, fallback), status, code, requestId,
                        param, required, false, null);
            }
            case INVALID_KEY -> {
                return new UnauthorizedException(sentence(serverMessage,
                        "The server did not accept this API key: it may be unknown, expired, disabled or revoked."),
                        status, code, requestId, param, false, null);
            }
            default -> {
                String said = serverMessage == null ? "" : " The server said: " + sentence(serverMessage, "");
                if (status == 401) {
                    return new UnauthorizedException("The server refused this request (HTTP 401) without saying "
                            + "whether the key is invalid or lacks a permission for it." + said,
                            status, code, requestId, param, true, null);
                }
                return new PermissionDeniedException("The server refused this request (HTTP 403): the key probably "
                        + "lacks a permission for it, but the server does not say which, or whether something else "
                        + "is wrong." + said, status, code, requestId, param, required, true, null);
            }
        }
    }

    private AuthVerdict verdict(ErrorBody body, String wwwAuthenticate) {
        String code = body.code() == null ? null : body.code().toLowerCase(Locale.ROOT);
        boolean codeCounts = code != null && (dialect.statusTellsAuthFailures() || !STATUS_ONLY_CODES.contains(code));
        if (codeCounts && PERMISSION_CODES.contains(code)) {
            return AuthVerdict.PERMISSION;
        }
        if (codeCounts && INVALID_KEY_CODES.contains(code)) {
            return AuthVerdict.INVALID_KEY;
        }
        if (body.requiredPermission() != null) {
            return AuthVerdict.PERMISSION;
        }
        String challenge = wwwAuthenticate == null ? "" : wwwAuthenticate.toLowerCase(Locale.ROOT);
        if (challenge.contains("insufficient_scope")) {
            return AuthVerdict.PERMISSION;
        }
        if (challenge.contains("invalid_token")) {
            return AuthVerdict.INVALID_KEY;
        }
        if (body.message() != null && PERMISSION_TEXT.matcher(body.message()).find()) {
            return AuthVerdict.PERMISSION;
        }
        return AuthVerdict.UNKNOWN;
    }

    private RateLimitedException rateLimited(RawResponse r, ErrorBody body, String serverMessage, String code,
                                             String requestId, String param) {
        Duration retryAfter = RetryAfter.parse(r.header("Retry-After"), clock);
        String scope = body.limitScope();
        String wait = retryAfter == null ? null : humanSeconds(retryAfter);
        String message;
        if (RateLimitedException.ADDRESS_FAILED_AUTH.equals(scope)) {
            // Never the server's words here: they must not read as if this key were at fault.
            message = "Too many failed authentications from this address; every request from it waits "
                    + (wait == null ? "a while" : shortSeconds(retryAfter)) + ", whatever its key.";
        } else if (RateLimitedException.KEY_MINUTE.equals(scope) || RateLimitedException.KEY_HOUR.equals(scope)) {
            String window = RateLimitedException.KEY_MINUTE.equals(scope) ? "per-minute" : "hourly";
            message = sentence(serverMessage, "This API key is over its " + window + " rate limit; "
                    + (wait == null ? "wait a moment and try again." : "the server asks to wait " + wait + "."));
        } else {
            message = sentence(serverMessage, wait == null
                    ? "Too many requests; wait a moment and try again."
                    : "Too many requests; the server asks to wait " + wait + ".");
        }
        return new RateLimitedException(message, r.code(), code, requestId, param, retryAfter, scope, null);
    }

    /** A 2xx whose body is not what the endpoint promises. The parse error is not kept: it may quote the body. */
    MalformedResponseException malformed(RawResponse r, String what) {
        return new MalformedResponseException("The server's answer could not be read: " + what + " (HTTP "
                + r.code() + ").", r.code(), null, r.header(REQUEST_ID_HEADER), null, null);
    }

    /** A capability this dialect or server lacks; {@code answer} is the failure that showed it, may be null. */
    FeatureUnavailableException unavailable(Capability capability, String reason, KeyApiException answer) {
        return answer == null
                ? new FeatureUnavailableException(capability, reason, 0, null, null, null)
                : new FeatureUnavailableException(capability, reason, answer.status(), answer.code().orElse(null),
                        answer.requestId().orElse(null), answer);
    }

    /** A request the client refuses to send, because the server would refuse it or could not express it. */
    ValidationException refused(KeyField field, String code, String message) {
        return new ValidationException(message, 0, code, null, null, field, null);
    }

    /**
     * No usable response after the last attempt.
     *
     * @param write whether the request changes something (the message then says to check first)
     * @param mayHaveReachedServer whether an attempt got as far as sending the request
     */
    KeyApiException fromTransport(IOException e, boolean write, boolean mayHaveReachedServer) {
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
        if (write && mayHaveReachedServer) {
            message += " The request may have reached the server: check whether it was applied before repeating it.";
        }
        return new TransportException(message, timeout, mayHaveReachedServer, e);
    }

    CancelledException cancelled(boolean write, boolean mayHaveReachedServer) {
        String message = !write ? "The request was cancelled."
                : mayHaveReachedServer ? "The request was cancelled; the server may or may not have applied it."
                : "The request was cancelled before it reached the server; nothing was changed.";
        return new CancelledException(message, mayHaveReachedServer);
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

    private static String sentence(String serverMessage, String fallback) {
        if (serverMessage == null) {
            return fallback;
        }
        char last = serverMessage.charAt(serverMessage.length() - 1);
        return Character.isLetterOrDigit(last) ? serverMessage + "." : serverMessage;
    }

    private static String humanSeconds(Duration d) {
        long s = seconds(d);
        return s == 1 ? "1 second" : s + " seconds";
    }

    private static String shortSeconds(Duration d) {
        return seconds(d) + " s";
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
