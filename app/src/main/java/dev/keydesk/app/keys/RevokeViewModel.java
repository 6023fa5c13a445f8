package dev.keydesk.app.keys;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.CancelledException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Revoking keys: a confirmation that says exactly what is about to break, then the calls in the
 * background. A key that is already gone (404) counts as revoked, since that is what the person
 * wanted. Several keys at once need a typed confirmation (incident response: revoke a leaked batch
 * fast, but never by a stray key press).
 */
public final class RevokeViewModel {

    /** How recent a use counts as "in active use". */
    static final Duration ACTIVE_WITHIN = Duration.ofHours(24);
    /** Typed instead of the number to confirm a bulk revoke. */
    public static final String CONFIRM_WORD = "REVOKE";

    /** What happened to one key of a bulk revoke. */
    public enum Outcome { REVOKED, ALREADY_GONE, FAILED, NOT_ATTEMPTED }

    /** One key's result. {@code message} explains a failure. */
    public record Result(KeyRow row, Outcome outcome, String message) {
    }

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
     * Asks, then revokes {@code rows}. {@code afterChange} runs on the FX thread once the server's
     * list may differ (the table reloads), including when a key turned out to be gone already.
     */
    public void revoke(List<KeyRow> rows, Runnable afterChange) {
        Optional<Connection> connection = session.current();
        if (rows.isEmpty() || connection.isEmpty() || busy.get()) {
            return;
        }
        if (rows.size() == 1) {
            revokeOne(connection.get(), rows.get(0), afterChange);
        } else {
            revokeMany(connection.get(), connection.get().connectedKeyLast(rows, KeyRow::id), afterChange);
        }
    }

    static boolean isConnectedKey(Connection connection, KeyRow row) {
        return connection.isConnectedKey(row.id());
    }

    private static final String CONNECTED_KEY_WARNING = "This is the admin key KeyDesk is connected with. "
            + "Once it is revoked KeyDesk can do nothing more on this server until you connect with another "
            + "admin key (Connections…).";

    /** Stops a bulk revoke after the key in flight. */
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

    private void revokeMany(Connection connection, List<KeyRow> rows, Runnable afterChange) {
        Instant now = clock.instant();
        long active = rows.stream().filter(r -> activeUseWarning(r, now).isPresent()).count();
        StringBuilder header = new StringBuilder();
        header.append("Revoke ").append(rows.size()).append(" keys on ").append(connection.profile().name())
                .append(" (").append(connection.profile().environment().label()).append(")?\n");
        rows.stream().limit(5).forEach(r -> header.append("• ").append(r.name()).append("  ")
                .append(connection.has(Capability.PREFIXES) ? r.prefix() : r.id()).append('\n'));
        if (rows.size() > 5) {
            header.append("• … and ").append(rows.size() - 5).append(" more\n");
        }
        if (active > 0) {
            header.append('\n').append(active).append(active == 1 ? " of them was" : " of them were")
                    .append(" used in the last 24 hours — services using them will start failing.\n");
        }
        if (rows.stream().anyMatch(r -> isConnectedKey(connection, r))) {
            header.append('\n').append(CONNECTED_KEY_WARNING).append(" It is revoked last.\n");
        } else if (!connection.knowsConnectedKey()) {
            header.append('\n').append("KeyDesk cannot tell whether its own admin key is among these, so it "
                    + "cannot keep it out or revoke it last. ").append(connection.whyNot(Capability.WHOAMI_NAMES_KEY)
                            .orElse("The server does not say which key is calling."))
                    .append(" If it is among them, the keys after it may not be revoked.\n");
        }
        if (!connection.has(Capability.LAST_USED) && !connection.has(Capability.USAGE_COUNTS)) {
            header.append('\n').append("The server does not say when these keys were last used, so KeyDesk cannot "
                    + "warn you which are still in use.\n");
        }
        header.append("\nRevocation cannot be undone.");
        Optional<String> typed = dialogs.prompt("Revoke " + rows.size() + " keys", header.toString(),
                "Type " + rows.size() + " or " + CONFIRM_WORD + " to confirm:", "");
        if (typed.isEmpty() || !typedConfirmationMatches(typed.get(), rows.size())) {
            return;
        }
        KeyApi api = connection.api();
        start(BackgroundTask.<List<Result>>of("Revoking " + rows.size() + " keys", p -> {
            List<Result> results = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                KeyRow row = rows.get(i);
                if (p.isCancelled()) {
                    results.add(new Result(row, Outcome.NOT_ATTEMPTED, "cancelled"));
                    continue;
                }
                p.update(i, rows.size());
                p.message("Revoking " + (i + 1) + " of " + rows.size() + ": " + row.name());
                results.add(revokeQuietly(api, row));
            }
            p.update(rows.size(), rows.size());
            return results;
        }).onSuccess(results -> {
            finish();
            report(results);
            afterChange.run();
        }).onFailure(error -> {
            finish();
            connectionFailures.test(error);
            dialogs.showError(ErrorMessages.describe(error, "revoke the keys"));
            afterChange.run();
        }).onCancelled(() -> {
            finish();
            dialogs.showInfo("Revoke stopped", "The bulk revoke was stopped.",
                    "Keys revoked before you stopped stay revoked; the table now shows what is left.");
            afterChange.run();
        }));
    }

    /** The number of keys, or the word REVOKE (any case), typed by the person. */
    public static boolean typedConfirmationMatches(String typed, int count) {
        String t = typed.trim();
        return t.equals(Integer.toString(count)) || t.toUpperCase(Locale.ROOT).equals(CONFIRM_WORD);
    }

    private static Result revokeQuietly(KeyApi api, KeyRow row) {
        try {
            api.revokeKey(row.id());
            return new Result(row, Outcome.REVOKED, null);
        } catch (NotFoundException e) {
            return new Result(row, Outcome.ALREADY_GONE, null);
        } catch (CancelledException e) {
            Thread.currentThread().interrupt();
            return new Result(row, Outcome.NOT_ATTEMPTED, "cancelled while in flight; reload to see whether it went");
        } catch (RuntimeException e) {
            return new Result(row, Outcome.FAILED, ErrorMessages.describe(e).whatHappened());
        }
    }

    private void report(List<Result> results) {
        long revoked = results.stream().filter(r -> r.outcome() == Outcome.REVOKED).count();
        long gone = results.stream().filter(r -> r.outcome() == Outcome.ALREADY_GONE).count();
        List<Result> failed = results.stream()
                .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.NOT_ATTEMPTED).toList();
        StringBuilder details = new StringBuilder();
        details.append(revoked).append(" revoked");
        if (gone > 0) {
            details.append(", ").append(gone).append(" already gone");
        }
        if (!failed.isEmpty()) {
            details.append(", ").append(failed.size()).append(" not revoked:\n");
            failed.stream().limit(10).forEach(r -> details.append("• ").append(r.row().name()).append(" (")
                    .append(r.row().prefix().isEmpty() ? r.row().id() : r.row().prefix()).append("): ")
                    .append(r.message()).append('\n'));
        }
        String header = failed.isEmpty() ? "All " + results.size() + " keys are revoked."
                : failed.size() + " of " + results.size() + " keys were not revoked.";
        dialogs.showInfo("Revoke keys", header, details.toString());
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

    /** True while a revoke runs; the view shows progress and a Cancel button. */
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
