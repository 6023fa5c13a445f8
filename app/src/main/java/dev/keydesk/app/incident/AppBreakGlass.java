package dev.keydesk.app.incident;

import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.incident.BreakGlass;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Break-glass in the app. The engine calls both steps on its own thread: the handover shows the
 * replacement's secret in the copy-once dialog (on the FX thread) and waits until that dialog has
 * closed; the switch opens a connection with the replacement (keyring or this session, as the
 * profile allows; for the local server's profile this session, since its key file is the server's),
 * makes it the app's connection on the FX thread, and returns its client. Either failing stops
 * break-glass before the old key is touched; the engine says where things stand.
 */
public final class AppBreakGlass implements BreakGlassSupport {

    /** Shows a secret once (the copy-once dialog); takes the secret; {@code afterClosed} when it is gone. */
    @FunctionalInterface
    public interface SecretOnce {
        void show(ApiKey key, Secret secret, String title, String note, Runnable afterClosed);
    }

    private final ConnectionManager connections;
    private final SecretOnce secretDialog;
    private final Executor fxThread;

    public AppBreakGlass(ConnectionManager connections, SecretOnce secretDialog, Executor fxThread) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.secretDialog = Objects.requireNonNull(secretDialog, "secretDialog");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    @Override
    public String whereKept(Connection connection) {
        return whereKept(connection.profile());
    }

    /** What the copy-once dialog and the preview say about where the replacement is kept. */
    static String whereKept(Profile profile) {
        return switch (profile.keySource()) {
            case KEYRING -> "KeyDesk keeps it in the OS keyring for the profile “" + profile.name() + "” (for this "
                    + "session only where no keyring is available).";
            case SESSION_ONLY -> "KeyDesk keeps it for this session only, as the profile “" + profile.name()
                    + "” does with its key: store it now, you will be asked for it next time.";
            case ENVIRONMENT -> "KeyDesk uses it for this session only: the profile takes its key from the variable "
                    + profile.keyReference() + ", which KeyDesk cannot change. Set it to this key before you start "
                    + "KeyDesk again.";
            case EMBEDDED -> "KeyDesk uses it for this session only: the local server's profile takes its key from "
                    + "the server's bootstrap.key, which KeyDesk does not write. After a restart the local server "
                    + "refuses the revoked key there, and KeyDesk offers to reset the local admin key.";
        };
    }

    @Override
    public BreakGlass forRun(Connection connection) {
        String note = "It replaces the admin key KeyDesk was connected with, which this run "
                + "stops last. The connection switches to it once this window closes. " + whereKept(connection);
        return new BreakGlass(
                (replacement, secret) -> handOver(replacement, Secret.ofChars(secret.copyChars()), note),
                (replacement, secret) -> switchTo(connection, Secret.ofChars(secret.copyChars())));
    }

    /** On the engine's thread: the dialog on the FX thread, and wait until it has closed. */
    private void handOver(ApiKey replacement, Secret copy, String note) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        fxThread.execute(() -> {
            try {
                secretDialog.show(replacement, copy, "Replacement admin key “" + replacement.name() + "”", note,
                        () -> closed.complete(null));
            } catch (RuntimeException e) {
                copy.wipe();
                closed.completeExceptionally(e);
            }
        });
        await(closed);
    }

    /** On the engine's thread: the new connection (blocking), adopted on the FX thread; its client for the run. */
    private KeyApi switchTo(Connection current, Secret copy) throws Exception {
        ConnectionManager.Replacement replacement = connections.openReplacement(current, copy);
        CompletableFuture<Void> adopted = new CompletableFuture<>();
        fxThread.execute(() -> {
            try {
                connections.adopt(replacement.opened());
                adopted.complete(null);
            } catch (RuntimeException e) {
                replacement.opened().close();
                adopted.completeExceptionally(e);
            }
        });
        await(adopted);
        return replacement.opened().connection().api();
    }

    private static void await(CompletableFuture<Void> step) throws Exception {
        try {
            step.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
