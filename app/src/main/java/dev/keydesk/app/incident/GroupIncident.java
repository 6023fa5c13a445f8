package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentEngine;
import dev.keydesk.core.incident.IncidentListener;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.IncidentRun;
import dev.keydesk.core.incident.KeyOutcome;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The quick way through the incident engine, for an expiry group, the selected keys (Freeze…,
 * Thaw… in the context menu) or one identified key: the engine's preview (the keys it will really
 * touch, the connected admin key left out, what is in use), a confirmation (typed for a revoke),
 * then a paced run in the background with progress and Cancel (in the expiry panel, above the key
 * table), and its report, which the engine also writes to the incidents folder. The Incident
 * workspace is the long way, with rules, the full preview, outcomes and next steps.
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
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.id()));
        run(action, ids, "Expiry panel in KeyDesk: " + what, n -> IncidentTexts.keys(n) + " of “" + what + "”",
                result -> { }, afterChange);
    }

    /**
     * {@code action} on the keys {@code ids}, described by {@code subject} ("the selected keys",
     * "the key of the pasted secret"); the audit log is told {@code reason}.
     */
    public void runOnKeys(IncidentAction action, Set<String> ids, String subject, String reason, Runnable afterChange) {
        runOnKeys(action, ids, subject, reason, result -> { }, afterChange);
    }

    /**
     * As {@link #runOnKeys(IncidentAction, Set, String, String, Runnable)}, and {@code onResult}
     * is told each key's outcome once the run has ended (not when nothing was started).
     */
    public void runOnKeys(IncidentAction action, Set<String> ids, String subject, String reason,
                          Consumer<IncidentResult> onResult, Runnable afterChange) {
        run(action, ids, reason, n -> IncidentTexts.capitalized(subject) + ": " + IncidentTexts.keys(n), onResult,
                afterChange);
    }

    private void run(IncidentAction action, Set<String> ids, String reason, IntFunction<String> what,
                     Consumer<IncidentResult> onResult, Runnable afterChange) {
        Optional<Connection> connection = session.current();
        if (connection.isEmpty() || ids.isEmpty() || busy.get()) {
            return;
        }
        IncidentPlan plan = new IncidentPlan(action, TargetSelection.ofIds(ids), reason, "");
        IncidentEngine engine = IncidentEngine.of(connection.get());
        begin("Checking which keys to " + action.verb() + "…");
        tasks.submit(BackgroundTask.<Preview>of("Previewing: " + action.verb() + " " + ids.size() + " keys",
                p -> engine.preview(plan))
                .onSuccess(preview -> {
                    end();
                    if (confirmed(preview, what.apply(preview.count()))) {
                        start(engine, preview, onResult, afterChange);
                    }
                })
                .onFailure(error -> {
                    end();
                    connectionFailures.test(error);
                    dialogs.showError(error instanceof IllegalArgumentException
                            ? new UserMessage("Cannot " + action.verb() + " keys here", error.getMessage(),
                            "Nothing was changed.", null, null)
                            : ErrorMessages.describe(error, action.verb() + " the keys"));
                })
                .onCancelled(this::end));
    }

    /** Asks before anything is sent: a typed count for a revoke, a plain confirmation for a freeze or thaw. */
    private boolean confirmed(Preview preview, String what) {
        IncidentAction action = preview.plan().action();
        int n = preview.count();
        if (n == 0) {
            dialogs.showInfo(IncidentTexts.capitalized(action.verb()), "Nothing to " + action.verb(),
                    "None of these keys can be " + action.pastTense() + " now. Nothing was changed."
                            + IncidentTexts.skippedList(preview, 5));
            return false;
        }
        StringBuilder details = new StringBuilder(what);
        if (!preview.usedRecently().isEmpty() && action != IncidentAction.THAW) {
            details.append("\n").append(preview.usedRecently().size())
                    .append(" of them were used in the last 24 hours: services using them will start failing.");
        }
        preview.warnings().forEach(w -> details.append("\n").append(w));
        details.append(IncidentTexts.skippedList(preview, 5));
        if (action == IncidentAction.REVOKE) {
            details.append("\n\nRevocation cannot be undone.");
            Optional<String> typed = dialogs.prompt("Revoke " + IncidentTexts.keys(n), details.toString(),
                    "Type " + n + " or " + TypedConfirmation.CONFIRM_WORD + " to confirm:", "");
            return typed.isPresent() && TypedConfirmation.countOrWordMatches(typed.get(), n);
        }
        details.append(action == IncidentAction.FREEZE
                ? "\n\nFrozen keys stop working until they are thawed (Incident › Thaw…), and can be thawed at any time."
                : "\n\nThawed keys work again at once.");
        String verb = IncidentTexts.capitalized(action.verb());
        return dialogs.confirmDestructive(verb + " keys", verb + " " + n + (n == 1 ? " key?" : " keys?"),
                details.toString(), verb);
    }

    private void start(IncidentEngine engine, Preview preview, Consumer<IncidentResult> onResult,
                       Runnable afterChange) {
        IncidentAction action = preview.plan().action();
        int total = preview.count();
        begin(IncidentTexts.capitalized(action.verb()) + " " + total + " keys…");
        RunOptions options = RunOptions.builder().reportsRoot(reportsRoot).build();
        TaskHandle handle = tasks.submit(BackgroundTask.<IncidentResult>of(IncidentTexts.capitalized(action.verb()) + " " + total + " keys", p -> {
            IncidentRun run = engine.start(preview, options, new IncidentListener() {
                @Override
                public void keyFinished(KeyOutcome outcome, RunSnapshot snapshot) {
                    p.update(snapshot.done(), total);
                    p.message(IncidentTexts.capitalized(action.pastTense()) + " " + snapshot.done() + " of " + total + "…");
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
            onResult.accept(result);
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
        List<KeyOutcome> other = result.notAsAsked();
        StringBuilder details = new StringBuilder(IncidentTexts.capitalized(IncidentTexts.counts(result)));
        if (!other.isEmpty()) {
            details.append(". Not ").append(action.pastTense()).append(':');
            other.stream().limit(10).forEach(o -> details.append("\n• ").append(o.key().name()).append(": ")
                    .append(o.outcome().label()).append(o.message() == null ? "" : " — " + o.message()));
        }
        if (result.reportFolder() != null) {
            details.append("\n\nThe report is in ").append(result.reportFolder());
        }
        dialogs.showInfo(IncidentTexts.capitalized(action.verb()) + " keys", IncidentTexts.headline(result),
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
