package dev.keydesk.core.connection;

import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed connection as a person should hear of it, with what they can do about it.
 *
 * @param message what happened, what is safe, what to do
 * @param remedy the one action that helps most
 */
public record ConnectionProblem(UserMessage message, Remedy remedy) {

    public ConnectionProblem {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
    }

    /**
     * A failure while connecting to {@code profile}.
     *
     * @param fixPlace where the person fixes a profile, for "Open … to fix the key": the app's
     *     {@code "Connections…"}, the command line's own hint
     */
    public static ConnectionProblem whileConnecting(Profile profile, Throwable failure, EmbeddedServer embedded,
                                                    String fixPlace) {
        Throwable error = unwrap(failure);
        String where = profile.baseUrl() == null ? profile.name() : profile.name() + " (" + profile.baseUrl() + ")";
        ErrorMessages.Action connecting = ErrorMessages.Action.read("connect to " + where).on(profile.name());
        if (error instanceof AdminKeyException e) {
            return new ConnectionProblem(new UserMessage("No admin key", e.getMessage(),
                    "Nothing was sent to the server.", "Open " + fixPlace + " to enter or fix the key, then connect.",
                    null), Remedy.FIX_KEY);
        }
        if (error instanceof EmbeddedServer.StartFailedException) {
            return new ConnectionProblem(new UserMessage("Local server did not start",
                    "The embedded local server could not start (" + rootCauseName(error) + ").",
                    "Nothing was changed.",
                    "Check that " + embedded.dataDir() + " is writable and not used by another KeyDesk, then Retry.",
                    null), Remedy.RETRY);
        }
        if (error instanceof IllegalArgumentException) {
            return new ConnectionProblem(new UserMessage("Invalid address",
                    "The base URL of " + profile.name() + " is not a valid address.",
                    "Nothing was sent to the server.", "Correct the base URL in " + fixPlace + ".", null),
                    Remedy.EDIT_PROFILE);
        }
        if (profile.isEmbedded() && error instanceof UnauthorizedException) {
            return localAdminRefused(embedded, ErrorMessages.describe(error, connecting));
        }
        Remedy remedy = remedyFor(error).orElseGet(() -> {
            // While connecting, every failure is about the connection; these only arise here.
            if (error instanceof PermissionDeniedException) {
                return Remedy.FIX_KEY;
            }
            if (error instanceof RateLimitedException || error instanceof CancelledException
                    || !(error instanceof KeyApiException)) {
                return Remedy.RETRY;
            }
            return Remedy.EDIT_PROFILE;
        });
        return new ConnectionProblem(ErrorMessages.describe(error, connecting), remedy);
    }

    /**
     * The embedded local server refused the admin key it wrote itself: nothing in Connections… can
     * fix that (its key comes from its own folder), but a new admin key for the folder can.
     */
    public static ConnectionProblem localAdminRefused(EmbeddedServer embedded, UserMessage refused) {
        return new ConnectionProblem(new UserMessage("Local admin key refused",
                "The local server refused its own admin key (" + embedded.dataDir().resolve("bootstrap.key")
                        + "): it was revoked, disabled or has expired, and no other admin key is at hand.",
                "Nothing was changed. Every other key in the local server is still there.",
                "Reset the local admin key: KeyDesk mints a new admin key for this local folder; every other key "
                        + "stays as it is, and the old admin key stays revoked.", refused.requestId()),
                Remedy.RESET_LOCAL_ADMIN);
    }

    /**
     * {@link #remedyFor(Throwable)} for a failure of {@code profile}'s connection: a 401 from the
     * embedded local server is fixed by resetting its admin key, not by editing a profile.
     */
    public static Optional<Remedy> remedyFor(Profile profile, Throwable failure) {
        Optional<Remedy> remedy = remedyFor(failure);
        if (profile.isEmbedded() && remedy.filter(r -> r == Remedy.FIX_KEY).isPresent()) {
            return Optional.of(Remedy.RESET_LOCAL_ADMIN);
        }
        return remedy;
    }

    /**
     * The one rule for which failures are about the connection itself rather than one request: the
     * admin key refused (401: fix the key), or the server unavailable, whether it cannot be reached
     * or answers 5xx after the client's retries (Retry). Empty for a failure of one request only.
     */
    public static Optional<Remedy> remedyFor(Throwable failure) {
        Throwable error = unwrap(failure);
        if (error instanceof UnauthorizedException) {
            return Optional.of(Remedy.FIX_KEY);
        }
        if (error instanceof TransportException || error instanceof ServerException s && s.isTransient()) {
            return Optional.of(Remedy.RETRY);
        }
        return Optional.empty();
    }

    /** The failure inside the wrappers an executor puts around it. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String rootCauseName(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName();
    }
}
