package dev.keydesk.core.common;

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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns any failure into a {@link UserMessage}: what happened, what is safe, what to do.
 *
 * <p>"What is safe" must be honest. A request the server refused (4xx) changed nothing. A request
 * whose answer never arrived (timeout, broken connection, cancel, 5xx) may or may not have been
 * applied when it was a write, so the message says to refresh before retrying. Messages never
 * contain a stack trace or a secret: for exceptions that are not the client's own, only the type
 * name is shown, because their messages may quote anything.
 */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    /** Whether the failed request could have changed something on the server. */
    public enum Effect {
        /** Reading only: a failure never changes anything. */
        READ,
        /** Creating, changing or revoking: a failure without an answer may still have been applied. */
        WRITE,
        /** Not known to the caller: the message covers both. */
        UNKNOWN
    }

    /**
     * What was being attempted, for the wording.
     *
     * @param verb what the person was doing, as a phrase after "trying to", e.g. {@code "revoke the key Billing"}; may be null
     * @param connectionName the profile's name for "the admin key for ..."; may be null
     */
    public record Action(String verb, Effect effect, String connectionName) {

        public Action {
            effect = effect == null ? Effect.UNKNOWN : effect;
        }

        public static Action read(String verb) {
            return new Action(verb, Effect.READ, null);
        }

        public static Action write(String verb) {
            return new Action(verb, Effect.WRITE, null);
        }

        public static Action unknown(String verb) {
            return new Action(verb, Effect.UNKNOWN, null);
        }

        public Action on(String connection) {
            return new Action(verb, effect, connection);
        }
    }

    public static UserMessage describe(Throwable error) {
        return describe(error, Action.unknown(null));
    }

    /** {@code action} is a phrase after "trying to", e.g. {@code "load the keys"}; its effect is unknown. */
    public static UserMessage describe(Throwable error, String action) {
        return describe(error, Action.unknown(action));
    }

    public static UserMessage describe(Throwable error, Action action) {
        Throwable cause = unwrap(error);
        if (cause instanceof KeyApiException e) {
            return describeApi(e, action == null ? Action.unknown(null) : action);
        }
        return describeOther(cause, action == null ? Action.unknown(null) : action);
    }

    // Package-private so that the tests can name every type with one switch: a new subclass of the
    // sealed KeyApiException makes this switch, and so the build, fail until it is described.
    static UserMessage describeApi(KeyApiException error, Action action) {
        String requestId = error.requestId().orElse(null);
        String doing = action.verb() == null ? "" : " while trying to " + action.verb();
        String attempt = action.verb() == null ? "The request" : capitalize("trying to " + action.verb());
        if (error instanceof UnauthorizedException u) {
            String whose = action.connectionName() == null ? "this connection" : "“" + action.connectionName() + "”";
            if (u.isAmbiguous()) {
                // Narrative answers 401 for a missing permission too, with nothing that tells them apart.
                return new UserMessage("Refused",
                        "The server refused the admin key for " + whose + (action.verb() == null ? ""
                                : " when trying to " + action.verb()) + ": either the key is invalid, expired or "
                                + "revoked, or it lacks a permission this needs. The server does not say which.",
                        "Nothing was changed.",
                        "Check the key's permissions on the server; if it was revoked, reconnect with a valid key "
                                + "(Connections…).", requestId);
            }
            return new UserMessage("Admin key refused",
                    "The admin key for " + whose + " was refused: it is invalid, expired, disabled or revoked.",
                    "Nothing was changed.",
                    "Reconnect with a valid key (Connections…).", requestId);
        }
        if (error instanceof PermissionDeniedException e) {
            String permission = e.requiredPermission().map(p -> "“" + p + "”").orElse(null);
            if (e.isAmbiguous() && permission == null) {
                return new UserMessage("Refused",
                        "The server refused this" + (action.verb() == null ? "" : " (" + action.verb() + ")")
                                + ": the admin key lacks a permission it needs, or cannot be used here (for "
                                + "example a token not associated with a company). The server does not say which.",
                        "Nothing was changed.",
                        "Check the key's permissions and company on the server, or connect with another profile "
                                + "(Connections…).", requestId);
            }
            if (e.isEscalation()) {
                return new UserMessage("Permission you do not hold",
                        "You can only grant permissions your admin key holds"
                                + (permission == null ? "." : "; it does not hold " + permission + "."),
                        "Nothing was changed.",
                        "Remove " + (permission == null ? "the permissions your key lacks" : permission)
                                + " from the selection, or ask an administrator whose key holds "
                                + (permission == null ? "them" : "it") + ".", requestId);
            }
            return new UserMessage("Missing permission",
                    "Your admin key lacks the permission " + (permission == null ? "needed" : permission)
                            + (action.verb() == null ? " for this." : " needed to " + action.verb() + "."),
                    "Nothing was changed.",
                    "Ask an administrator for a key that holds " + (permission == null ? "it" : permission)
                            + ", or connect with another profile (Connections…).", requestId);
        }
        if (error instanceof NotFoundException) {
            return new UserMessage("Not found",
                    "The server no longer has it" + doing + ": the key was revoked or deleted, "
                            + "or the server does not offer this feature.",
                    "Nothing was changed.",
                    "Refresh the list to see the current keys.", requestId);
        }
        if (error instanceof PreconditionFailedException) {
            return new UserMessage("Changed by someone else",
                    "Someone else changed this key since you opened it.",
                    "Nothing was changed: your edit was not saved over theirs.",
                    "Reload the key, then re-apply your changes.", requestId);
        }
        if (error instanceof ValidationException e) {
            String field = e.param().map(p -> " the field “" + p + "”").orElse(" the request");
            String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
            return new UserMessage("Not accepted",
                    "The server did not accept" + field + detail,
                    "Nothing was changed.",
                    e.param().map(p -> "Correct “" + p + "” and try again.").orElse("Correct the entry and try again."),
                    requestId);
        }
        if (error instanceof RateLimitedException e) {
            String wait = e.retryAfter().map(ErrorMessages::seconds).map(s -> "Wait " + s + ", then try again.")
                    .orElse("Wait a minute, then try again.");
            String refused = "Nothing was changed: the server refused the request without acting on it.";
            if (e.isAddressBlocked()) {
                return new UserMessage("Address blocked", addressBlocked(e.retryAfter().orElse(null)) + ".",
                        refused, wait + " The admin key is not the problem: check that nothing on this computer "
                                + "keeps sending a wrong key.", requestId);
            }
            return new UserMessage("Rate limited",
                    "Too many requests: " + rateLimitHit(e.limitScope().orElse(null)) + doing + ".",
                    refused, wait, requestId);
        }
        if (error instanceof ServerException) {
            return new UserMessage("Server error",
                    "The server failed" + doing + " (HTTP " + error.status() + ").",
                    unknownOutcome(action),
                    "Refresh, then try again. If it keeps failing, give the request id to the server's administrator.",
                    requestId);
        }
        if (error instanceof TransportException e) {
            String what = e.isTimeout()
                    ? "The server did not answer in time" + doing + "."
                    : "The server could not be reached" + doing + ": it may be down, or the address or network is wrong.";
            return new UserMessage(e.isTimeout() ? "Server did not answer" : "Server unreachable",
                    what,
                    unknownOutcome(action),
                    "Is the server running? Check the address and your network, then Retry.", requestId);
        }
        if (error instanceof MalformedResponseException) {
            return new UserMessage("Unreadable answer",
                    "The server answered" + doing + ", but not in a form KeyDesk can read.",
                    unknownOutcome(action),
                    "Check that the base URL points to a key server (Connections…). If it does, the server may "
                            + "speak a version KeyDesk does not support.", requestId);
        }
        if (error instanceof CancelledException) {
            return new UserMessage("Cancelled",
                    attempt + " was cancelled.",
                    unknownOutcome(action),
                    "Try again when you are ready.", requestId);
        }
        if (error instanceof InsecureTransportException) {
            return new UserMessage("Insecure address",
                    "KeyDesk refused to send the admin key over plain http to a host that is not this computer.",
                    "Nothing was sent.",
                    "Use an https:// address (plain http is allowed only for localhost), in Connections….", requestId);
        }
        if (error instanceof UnexpectedStatusException) {
            return new UserMessage("Unexpected answer",
                    "The server answered" + doing + " with an unexpected status (HTTP " + error.status() + ").",
                    unknownOutcome(action),
                    "Refresh and try again. If it keeps happening, give the request id to the server's administrator.",
                    requestId);
        }
        if (error instanceof FeatureUnavailableException e) {
            return new UserMessage("Not available on this server",
                    e.reason(),
                    "Nothing was changed.",
                    "This server does not offer it; KeyDesk hides it from now on.", requestId);
        }
        throw new IllegalStateException("undescribed error type " + error.getClass().getSimpleName());
    }

    private static UserMessage describeOther(Throwable error, Action action) {
        String doing = action.verb() == null ? "" : " while trying to " + action.verb();
        if (error instanceof InterruptedException) {
            return new UserMessage("Cancelled", capitalize((action.verb() == null ? "the work" : "trying to " + action.verb()))
                    + " was cancelled.", unknownOutcome(action),
                    "Try again when you are ready.", null);
        }
        if (error instanceof IOException || error instanceof UncheckedIOException) {
            return new UserMessage("File problem",
                    "A file on this computer could not be read or written" + doing + ".",
                    "Nothing was sent to the server.",
                    "Check that KeyDesk's data folder exists and is writable, then try again.", null);
        }
        return new UserMessage("Something went wrong",
                "Something unexpected went wrong" + doing + " (" + error.getClass().getSimpleName() + ").",
                unknownOutcome(action),
                "Try again. If it keeps happening, restart KeyDesk.", null);
    }

    /**
     * The sentence for a 429 of scope {@code address_failed_auth}, e.g. "Too many failed
     * authentications from this address; every request from it waits 42 s": the address is blocked,
     * valid keys too, so the admin key's own limit must not be blamed.
     *
     * @param retryAfter the server's {@code Retry-After}; null when it sent none
     */
    public static String addressBlocked(Duration retryAfter) {
        return "Too many failed authentications from this address; every request from it waits "
                + (retryAfter == null ? "a while" : seconds(retryAfter));
    }

    /**
     * Which limit a 429 hit, after "Too many requests: ", by the server's {@code limit_scope}: the
     * admin key's per-minute or per-hour window, or (unnamed) the admin key's rate limit.
     */
    public static String rateLimitHit(String limitScope) {
        if (RateLimitedException.KEY_MINUTE.equals(limitScope)) {
            return "this admin key's per-minute rate limit was reached";
        }
        if (RateLimitedException.KEY_HOUR.equals(limitScope)) {
            return "this admin key's per-hour rate limit was reached";
        }
        if (RateLimitedException.ADDRESS_FAILED_AUTH.equals(limitScope)) {
            return "this address is blocked after too many failed authentications";
        }
        return "the server's rate limit for this admin key was reached";
    }

    /** Honest about an outcome the app cannot know: only a write can have changed something. */
    static String unknownOutcome(Action action) {
        return switch (action.effect()) {
            case READ -> "Nothing was changed.";
            case WRITE -> "Your change may or may not have been applied: refresh to check before retrying.";
            case UNKNOWN -> "If you were changing something, it may or may not have been applied: "
                    + "refresh to check before retrying.";
        };
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 8 && current != null; depth++) {
            boolean wrapper = current instanceof ExecutionException || current instanceof CompletionException
                    || current instanceof InvocationTargetException
                    || current instanceof java.lang.reflect.UndeclaredThrowableException;
            if (!wrapper || current.getCause() == null) {
                return current;
            }
            current = current.getCause();
        }
        return current == null ? error : current;
    }

    static String seconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        if (s < 120) {
            return s + " s";
        }
        return (s + 59) / 60 + " min";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
