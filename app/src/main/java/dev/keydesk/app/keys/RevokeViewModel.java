package dev.keydesk.app.keys;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.keys.RelativeTime;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Revoking one key: a confirmation that says exactly what is about to break, then the call in the
 * background. A key that is already gone (404) counts as revoked, since that is what the person
 * wanted. Several keys at once go through the Incident workspace (the incident engine: preview,
 * typed count, paced run, report), never through here.
 */
public final class RevokeViewModel {

    /** How recent a use counts as "in active use". */
    static final Duration ACTIVE_WITHIN = Duration.ofHours(24);

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final Predicate<Throwable> connectionFailures;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private TaskHandle running;

    public RevokeViewModel(Session session, TaskRunner tasks, DialogService dialogs, Clock clock) {
        this(session, tasks, dialogs, clock, error -> false);
    }

    /**
     * @param connectionFailures told of every failure first, so that one about the connection
     *     itself (401, server gone, 429) also reaches the status bar with its Reconnect / Retry
     */
    public RevokeViewModel(Session session, TaskRunner tasks, DialogService dialogs, Clock clock,
                           Predicate<Throwable> connectionFailures) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.connectionFailures = connectionFailures;
    }

    /**
     * Asks, then revokes {@code row}. {@code afterChange} runs on the FX thread once the server's
     * list may differ (the table reloads), including when the key turned out to be gone already.
     */
    public void revoke(KeyRow row, Runnable afterChange) {
        Optional<Connection> connection = session.current();
        if (row == null || connection.isEmpty() || busy.get()) {
            return;
        }
        revokeOne(connection.get(), row, afterChange);
    }

    static boolean isConnectedKey(Connection connection, KeyRow row) {
        return connection.isConnectedKey(row.id());
    }

    private static final String CONNECTED_KEY_WARNING = "This is the admin key KeyDesk is connected with. "
            + "Once it is revoked KeyDesk can do nothing more on this server until you connect with another "
            + "admin key (Connections…).";

    /** Stops waiting for the revoke in flight (the table then reloads to show what is true). */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void revokeOne(Connection connection, KeyRow row, Runnable afterChange) {
        boolean confirmed = dialogs.confirmDestructive("Revoke key",
                "Revoke “" + row.name() + "”?", confirmationDetails(connection, row), "Revoke");
        if (!confirmed) {
            return;
        }
        KeyApi api = connection.api();
        start(BackgroundTask.<Void>of("Revoking " + row.name(), p -> {
            p.message("Revoking " + row.name() + "…");
            api.revokeKey(row.id());
            return null;
        }).onSuccess(v -> {
            finish();
            afterChange.run();
        }).onFailure(error -> {
            finish();
            if (error instanceof NotFoundException) {
                // Someone else revoked it first: the goal is met; just show the current list.
                afterChange.run();
            } else {
                connectionFailures.test(error);
                dialogs.showError(ErrorMessages.describe(error, "revoke the key"));
            }
        }).onCancelled(() -> {
            finish();
            // Whether the server acted is unknown: reload to show what is true.
            afterChange.run();
        }));
    }

    /**
     * Where the server cannot say which key is calling (Narrative), nothing can protect the admin
     * key from being revoked by mistake: say so instead of promising it.
     */
    static String unknownConnectedKeyWarning(Connection connection) {
        return "KeyDesk cannot tell whether this is the admin key it is connected with. "
                + connection.whyNot(Capability.WHOAMI_NAMES_KEY).orElse("The server does not say which key is calling.")
                + " If it is, KeyDesk can do nothing more on this server once it is revoked, until you connect "
                + "with another key (Connections…).";
    }

    /** The confirmation's text: what the key is, when it was last used, and what will break. */
    public String confirmationDetails(Connection connection, KeyRow row) {
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder();
        if (isConnectedKey(connection, row)) {
            text.append(CONNECTED_KEY_WARNING).append("\n\n");
        } else if (!connection.knowsConnectedKey()) {
            text.append(unknownConnectedKeyWarning(connection)).append("\n\n");
        }
        if (connection.has(Capability.PREFIXES)) {
            text.append("Prefix: ").append(row.prefix()).append('\n');
        } else {
            text.append("ID: ").append(row.id()).append('\n');
        }
        if (connection.has(Capability.LAST_USED)) {
            text.append("Last used: ").append(RelativeTime.lastUsed(row.lastUsed(), now));
            if (row.key().lastUsedIp() != null) {
                text.append(" from ").append(row.key().lastUsedIp());
            }
            text.append('\n');
        }
        if (connection.has(Capability.USAGE_COUNTS)) {
            text.append("Requests today: ").append(row.usageToday()).append('\n');
        }
        text.append("Server: ").append(connection.profile().name())
                .append(" (").append(connection.profile().environment().label()).append(")\n\n");
        if (!connection.has(Capability.LAST_USED) && !connection.has(Capability.USAGE_COUNTS)) {
            text.append("The server does not say when this key was last used, so KeyDesk cannot warn you if "
                    + "services still use it.\n\n");
        }
        activeUseWarning(row, now).ifPresent(w -> text.append(w).append("\n\n"));
        text.append("Revocation cannot be undone: every request made with this key will be refused "
                + "from now on, and the key cannot be restored.");
        return text.toString();
    }

    /**
     * "This key was used 3 minutes ago — services using it will start failing." when the key was
     * used in the last 24 hours or has requests today; empty for a quiet key.
     */
    public Optional<String> activeUseWarning(KeyRow row, Instant now) {
        Instant lastUsed = row.lastUsed();
        if (lastUsed != null && Duration.between(lastUsed, now).compareTo(ACTIVE_WITHIN) <= 0) {
            return Optional.of("This key was used " + RelativeTime.of(lastUsed, now)
                    + " — services using it will start failing.");
        }
        if (row.usageToday() > 0) {
            return Optional.of("This key handled " + row.usageToday() + " requests today"
                    + " — services using it will start failing.");
        }
        return Optional.empty();
    }

    private void start(BackgroundTask<?> task) {
        busy.set(true);
        progress.set(-1);
        progressMessage.set(task.title() + "…");
        TaskHandle handle = tasks.submit(task);
        if (!handle.isDone()) {
            running = handle;
            progress.bind(handle.progressProperty());
            progressMessage.bind(handle.messageProperty());
        }
    }

    private void finish() {
        running = null;
        progress.unbind();
        progressMessage.unbind();
        busy.set(false);
    }

    /** True while the revoke runs; the view shows progress and a Cancel button. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }
}
