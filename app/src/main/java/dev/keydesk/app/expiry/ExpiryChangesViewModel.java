package dev.keydesk.app.expiry;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.client.Capability;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.expiry.ExpiryApplier;
import dev.keydesk.core.expiry.ExpiryChange;
import dev.keydesk.core.keys.RelativeTime;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The part the extend and spread dialogs share: the per-key preview of what will be sent, then
 * sending it through the {@link ExpiryApplier} in the background (progress, Cancel) and the
 * per-key outcome in the same rows. Nothing is sent before {@link #apply()}.
 */
public final class ExpiryChangesViewModel {

    /** Where the batch is. */
    public enum Phase { PREVIEW, APPLYING, DONE }

    /**
     * One previewed key.
     *
     * @param outcome null until the batch ran; then what the server did
     * @param outcomeText the outcome in words ("extended", "refused: …"); the note before that
     */
    public record Row(ExpiryChange change, String name, String prefix, String fromText, String toText,
                      String noteText, ExpiryApplier.Result outcome, String outcomeText) {

        public boolean sends() {
            return change.sends();
        }
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.getDefault());

    private final Connection connection;
    private final ExpiryApplier applier;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final Predicate<Throwable> connectionFailures;
    private final Runnable afterChange;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.PREVIEW);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper inputError = new ReadOnlyStringWrapper(this, "inputError", "");
    private final ReadOnlyObjectWrapper<ActionState> applyAction =
            new ReadOnlyObjectWrapper<>(this, "applyAction", ActionState.blocked("Nothing to send"));
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private final ReadOnlyObjectWrapper<ExpiryApplier.Report> report = new ReadOnlyObjectWrapper<>(this, "report");
    private List<ExpiryChange> proposals = List.of();
    private String reason;
    private TaskHandle running;

    public ExpiryChangesViewModel(Connection connection, ExpiryApplier applier, TaskRunner tasks, Clock clock,
                                  ZoneId zone, Predicate<Throwable> connectionFailures, Runnable afterChange) {
        this.connection = connection;
        this.applier = applier;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.connectionFailures = connectionFailures;
        this.afterChange = afterChange;
    }

    /** Shows {@code changes} as the preview (ignored once sending has started). */
    public void propose(List<ExpiryChange> changes) {
        propose(changes, null);
    }

    /**
     * The preview, and the reason each change will carry in the server's audit log
     * ("Expiry extended by 30 days in KeyDesk: Expire within 7 days").
     */
    public void propose(List<ExpiryChange> changes, String auditReason) {
        if (phase.get() != Phase.PREVIEW) {
            return;
        }
        proposals = List.copyOf(changes);
        reason = auditReason;
        inputError.set("");
        Instant now = clock.instant();
        List<Row> built = new ArrayList<>(changes.size());
        for (ExpiryChange c : changes) {
            built.add(new Row(c, nz(c.key().name()), nz(c.key().prefix()), when(c.from(), now),
                    c.sends() ? when(c.to(), now) : "—", c.note().text(), null, c.note().text()));
        }
        rows.setAll(built);
        long sending = changes.stream().filter(ExpiryChange::sends).count();
        long capped = changes.stream().filter(c -> c.note() == ExpiryChange.Note.CAPPED).count();
        long earlier = changes.stream().filter(c -> c.note() == ExpiryChange.Note.EARLIER).count();
        long left = changes.size() - sending;
        StringBuilder text = new StringBuilder();
        text.append(sending).append(sending == 1 ? " key" : " keys").append(" will change");
        if (capped > 0) {
            text.append(" (").append(capped).append(" held at the policy's limit)");
        }
        if (earlier > 0) {
            text.append(", ").append(earlier).append(" of them earlier than now");
        }
        if (left > 0) {
            text.append(" · ").append(left).append(" left as they are");
        }
        summary.set(text.toString());
        updateApply();
    }

    /** The inputs cannot make a proposal; the preview empties and says why. */
    public void invalid(String why) {
        if (phase.get() != Phase.PREVIEW) {
            return;
        }
        proposals = List.of();
        rows.clear();
        summary.set("");
        inputError.set(why);
        updateApply();
    }

    /** Sends the previewed changes that change something; the rows then show each outcome. */
    public void apply() {
        if (!applyAction.get().enabled()) {
            return;
        }
        List<ExpiryChange> toSend = proposals.stream().filter(ExpiryChange::sends).toList();
        String why = reason;
        phase.set(Phase.APPLYING);
        busy.set(true);
        progress.set(-1);
        progressMessage.set("Sending " + toSend.size() + " changes…");
        updateApply();
        TaskHandle handle = tasks.submit(BackgroundTask.<ExpiryApplier.Report>of("Changing expiries", p ->
                applier.apply(connection, toSend, why, new ExpiryApplier.Listener() {
                    @Override
                    public void sending(int index, int total, ExpiryChange change) {
                        p.update(index, total);
                        p.message("Changing " + (index + 1) + " of " + total + ": " + nz(change.key().name()));
                    }

                    @Override
                    public boolean isCancelled() {
                        return p.isCancelled();
                    }
                }))
                .onSuccess(this::finished)
                .onFailure(error -> finished(new ExpiryApplier.Report(List.of(), error, false)))
                .onCancelled(() -> finished(new ExpiryApplier.Report(List.of(), null, true))));
        if (!handle.isDone()) {
            running = handle;
            progress.bind(handle.progressProperty());
            progressMessage.bind(handle.messageProperty());
        }
    }

    /** Stops the batch after the key in flight. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void finished(ExpiryApplier.Report result) {
        running = null;
        progress.unbind();
        progressMessage.unbind();
        busy.set(false);
        report.set(result);
        if (result.stoppedBy() != null) {
            connectionFailures.test(result.stoppedBy());
        }
        Map<String, ExpiryApplier.Outcome> byKey = new HashMap<>();
        result.outcomes().forEach(o -> byKey.put(o.change().keyId(), o));
        Instant now = clock.instant();
        List<Row> updated = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ExpiryApplier.Outcome o = byKey.get(row.change().keyId());
            if (!row.sends()) {
                updated.add(row);
            } else if (o == null) {
                updated.add(withOutcome(row, ExpiryApplier.Result.NOT_ATTEMPTED,
                        result.cancelled() ? "not sent: cancelled" : "not sent"));
            } else if (o.result() == ExpiryApplier.Result.UPDATED) {
                // The server's word; named only where it differs from what was asked.
                updated.add(withOutcome(row, o.result(), o.applied() == null || o.applied().equals(row.change().to())
                        ? "changed" : "changed to " + when(o.applied(), now)));
            } else {
                updated.add(withOutcome(row, o.result(), o.message()));
            }
        }
        rows.setAll(updated);
        summary.set(resultText(result));
        phase.set(Phase.DONE);
        updateApply();
        if (result.count(ExpiryApplier.Result.UPDATED) > 0 || result.cancelled() || result.stoppedBy() != null) {
            afterChange.run();
        }
    }

    private String resultText(ExpiryApplier.Report r) {
        long changed = r.count(ExpiryApplier.Result.UPDATED);
        long refused = r.count(ExpiryApplier.Result.REFUSED);
        long gone = r.count(ExpiryApplier.Result.GONE);
        long failed = r.count(ExpiryApplier.Result.FAILED);
        long notSent = rows.stream().filter(Row::sends).count() - changed - refused - gone - failed;
        StringBuilder text = new StringBuilder();
        text.append(changed).append(changed == 1 ? " key changed" : " keys changed");
        if (refused > 0) {
            text.append(" · ").append(refused).append(" refused by the server");
        }
        if (gone > 0) {
            text.append(" · ").append(gone).append(" gone");
        }
        if (failed > 0) {
            text.append(" · ").append(failed).append(" failed");
        }
        if (notSent > 0) {
            text.append(" · ").append(notSent).append(" not sent");
        }
        if (r.stoppedBy() != null) {
            text.append(". Stopped: ").append(ErrorMessages.describe(r.stoppedBy(), "change the expiries").whatHappened());
        } else if (r.cancelled()) {
            text.append(". Cancelled: keys changed before that keep their new expiry.");
        }
        return text.toString();
    }

    private static Row withOutcome(Row row, ExpiryApplier.Result outcome, String text) {
        return new Row(row.change(), row.name(), row.prefix(), row.fromText(), row.toText(), row.noteText(), outcome,
                text);
    }

    private void updateApply() {
        long sending = proposals.stream().filter(ExpiryChange::sends).count();
        if (phase.get() == Phase.APPLYING) {
            applyAction.set(ActionState.blocked("Sending…"));
        } else if (phase.get() == Phase.DONE) {
            applyAction.set(ActionState.blocked("Done: the outcome of each key is shown"));
        } else if (!inputError.get().isEmpty()) {
            applyAction.set(ActionState.blocked(inputError.get()));
        } else if (sending == 0) {
            applyAction.set(ActionState.blocked("No key would change"));
        } else {
            applyAction.set(ActionState.allowed());
        }
    }

    /** The audit reason the changes will carry, or null. */
    public String reason() {
        return reason;
    }

    /** How many previewed changes would be sent. */
    public int toSend() {
        return (int) proposals.stream().filter(ExpiryChange::sends).count();
    }

    private String when(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        return WHEN.format(at.atZone(zone)) + " (" + RelativeTime.expiry(at, now) + ")";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public ObservableList<Row> rows() {
        return rowsReadOnly;
    }

    public List<ExpiryChange> proposals() {
        return proposals;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Before: what will change; after: what did. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inputErrorProperty() {
        return inputError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> applyActionProperty() {
        return applyAction.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }

    /** The batch's report once it ran. */
    public ReadOnlyObjectProperty<ExpiryApplier.Report> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Whether the server shows key prefixes (Narrative's tokens have none: no empty column). */
    public boolean prefixesShown() {
        return connection.has(Capability.PREFIXES);
    }

    public Connection connection() {
        return connection;
    }
}
