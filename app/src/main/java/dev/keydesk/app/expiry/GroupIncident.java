package dev.keydesk.app.expiry;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.RevokeViewModel;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentEngine;
import dev.keydesk.core.incident.IncidentListener;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.IncidentRun;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Preview;
import dev.keydesk.core.incident.RunOptions;
import dev.keydesk.core.incident.RunSnapshot;
import dev.keydesk.core.incident.TargetSelection;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Revoking or freezing an expiry group through the incident engine: the engine's preview (the
 * keys it will really touch, the connected admin key left out, what is in use), a confirmation
 * (typed for a revoke), then a paced run in the background with progress and Cancel, and its
 * report, which the engine also writes to the incidents folder.
 */
public final class GroupIncident {

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Path reportsRoot;
    private final Predicate<Throwable> connectionFailures;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final AtomicReference<IncidentRun> running = new AtomicReference<>();

    /**
     * @param reportsRoot where the engine writes each run's report (one folder per run)
     * @param connectionFailures told of a failure first, so that one about the connection itself
     *     reaches the status bar
     */
    public GroupIncident(Session session, TaskRunner tasks, DialogService dialogs, Path reportsRoot,
                         Predicate<Throwable> connectionFailures) {
        this.session = session;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.reportsRoot = reportsRoot;
        this.connectionFailures = connectionFailures;
    }

    /** {@code action} on the group called {@code what}; {@code afterChange} reloads the keys. */
    public void run(IncidentAction action, String what, List<KeyRow> rows, Runnable afterChange) {
        Optional<Connection> connection = session.current();
        if (connection.isEmpty() || rows.isEmpty() || busy.get()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.id()));
        IncidentPlan plan = new IncidentPlan(action, TargetSelection.ofIds(ids),
                "Expiry panel in KeyDesk: " + what, "");
        IncidentEngine engine = IncidentEngine.of(connection.get());
        begin("Checking which keys to " + action.verb() + "…");
        tasks.submit(BackgroundTask.<Preview>of("Previewing: " + action.verb() + " " + ids.size() + " keys",
                p -> engine.preview(plan))
                .onSuccess(preview -> {
                    end();
                    if (confirmed(preview, what)) {
                        start(engine, preview, afterChange);
                    }
                })
                .onFailure(error -> {
                    end();
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error, action.verb() + " the keys"));
                })
                .onCancelled(this::end));
    }

    /** Asks before anything is sent: a typed count for a revoke, a plain confirmation for a freeze. */
    private boolean confirmed(Preview preview, String what) {
        IncidentAction action = preview.plan().action();
        int n = preview.count();
        if (n == 0) {
            dialogs.showInfo(capitalized(action.verb()), "Nothing to " + action.verb(),
                    "None of these keys can be " + action.pastTense() + " now. Nothing was changed."
                            + skippedText(preview));
            return false;
        }
        StringBuilder details = new StringBuilder();
        details.append(n).append(n == 1 ? " key" : " keys").append(" of “").append(what).append("”");
        if (!preview.usedRecently().isEmpty()) {
            details.append("\n").append(preview.usedRecently().size())
                    .append(" of them were used in the last 24 hours: services using them will start failing.");
        }
        preview.warnings().forEach(w -> details.append("\n").append(w));
        details.append(skippedText(preview));
        if (action == IncidentAction.REVOKE) {
            details.append("\n\nRevocation cannot be undone.");
            Optional<String> typed = dialogs.prompt("Revoke " + n + " keys", details.toString(),
                    "Type " + n + " or " + RevokeViewModel.CONFIRM_WORD + " to confirm:", "");
            return typed.isPresent() && RevokeViewModel.typedConfirmationMatches(typed.get(), n);
        }
        details.append("\n\nFrozen keys stop working until they are unfrozen (Edit…, tick Active).");
        return dialogs.confirmDestructive(capitalized(action.verb()) + " keys",
                capitalized(action.verb()) + " " + n + (n == 1 ? " key?" : " keys?"), details.toString(),
                capitalized(action.verb()));
    }

    private static String skippedText(Preview preview) {
        if (preview.skipped().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n\nLeft out:");
        preview.skipped().stream().limit(5).forEach(k -> s.append("\n• ").append(k.key().name()).append(": ")
                .append(k.reason()));
        if (preview.skipped().size() > 5) {
            s.append("\n• … and ").append(preview.skipped().size() - 5).append(" more");
        }
        return s.toString();
    }

    private void start(IncidentEngine engine, Preview preview, Runnable afterChange) {
        IncidentAction action = preview.plan().action();
        int total = preview.count();
        begin(capitalized(action.verb()) + " " + total + " keys…");
        RunOptions options = RunOptions.builder().reportsRoot(reportsRoot).build();
        TaskHandle handle = tasks.submit(BackgroundTask.<IncidentResult>of(capitalized(action.verb()) + " " + total + " keys", p -> {
            IncidentRun run = engine.start(preview, options, new IncidentListener() {
                @Override
                public void keyFinished(KeyOutcome outcome, RunSnapshot snapshot) {
                    p.update(snapshot.done(), total);
                    p.message(capitalized(action.pastTense()) + " " + snapshot.done() + " of " + total + "…");
                }

                @Override
                public void cancelling(RunSnapshot snapshot) {
                    p.message("Stopping: the requests in flight finish…");
                }
            });
            running.set(run);
            try {
                // Cancel goes through the engine (cancel()), so the run still ends with its report.
                return run.await();
            } finally {
                running.set(null);
            }
        }).onSuccess(result -> {
            end();
            report(result);
            afterChange.run();
        }).onFailure(error -> {
            end();
            connectionFailures.test(error);
            dialogs.showError(ErrorMessages.describe(error, action.verb() + " the keys"));
            afterChange.run();
        }).onCancelled(() -> {
            end();
            afterChange.run();
        }));
        if (!handle.isDone()) {
            progress.bind(handle.progressProperty());
            message.bind(handle.messageProperty());
        }
    }

    private void report(IncidentResult result) {
        IncidentAction action = result.plan().action();
        int asked = action.askedOutcomes().stream().mapToInt(result::count).sum();
        List<KeyOutcome> other = result.notAsAsked();
        StringBuilder details = new StringBuilder();
        details.append(result.count(action.doneOutcome())).append(' ').append(action.pastTense());
        if (result.count(Outcome.ALREADY_GONE) > 0 && action != IncidentAction.THAW) {
            details.append(", ").append(result.count(Outcome.ALREADY_GONE)).append(" already gone");
        }
        if (!other.isEmpty()) {
            details.append(", ").append(other.size()).append(" not:");
            other.stream().limit(10).forEach(o -> details.append("\n• ").append(o.key().name()).append(": ")
                    .append(o.outcome().label()).append(o.message() == null ? "" : " — " + o.message()));
        }
        if (result.reportFolder() != null) {
            details.append("\n\nThe report is in ").append(result.reportFolder());
        }
        dialogs.showInfo(capitalized(action.verb()) + " keys", other.isEmpty()
                ? "All " + asked + " keys are " + action.pastTense() + "."
                : other.size() + " of " + (asked + other.size()) + " keys were not " + action.pastTense() + ".",
                details.toString());
    }

    /** Stops the run cleanly: nothing new starts, the report says what happened to each key. */
    public void cancel() {
        IncidentRun run = running.get();
        if (run != null) {
            run.cancel();
        }
    }

    private void begin(String text) {
        busy.set(true);
        progress.set(-1);
        message.set(text);
    }

    private void end() {
        progress.unbind();
        message.unbind();
        busy.set(false);
        progress.set(-1);
        message.set("");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

}
