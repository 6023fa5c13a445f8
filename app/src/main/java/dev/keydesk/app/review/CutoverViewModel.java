package dev.keydesk.app.review;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.editor.KeyForm;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.rotation.Cutover;
import dev.keydesk.core.rotation.CutoverStatus;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.rotation.Rotator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The cutover tracker: every rotation whose old key is in grace, for the connected server, with
 * what the server says now. Is the old key still used since the rotation (last use, requests since,
 * from which addresses)? Is the new one used yet? A quiet old key is revoked early with one click
 * (a busy one asks first); a grace that ends while the old key is busy is a notice in the corner.
 * Kept in the app's data folder ({@link CutoverStore}), so it survives restarts.
 */
public final class CutoverViewModel {

    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);

    /** One cutover as the tracker shows it. {@code status} is null until checked; {@code error} why a check failed. */
    public record Row(Cutover cutover, CutoverStatus status, String error) {

        public boolean open() {
            return cutover.isOpen() && (status == null || !status.isDone());
        }

        public boolean busy() {
            return status != null && status.state() == CutoverStatus.State.BUSY;
        }

        public String oldText() {
            return cutover.oldName() + " (" + cutover.oldPrefix() + "…)";
        }

        public String newText() {
            String used = status == null ? "" : status.newKey() == null ? " — gone"
                    : status.newUsed() ? " — in use" : " — not used yet";
            return cutover.newPrefix() + "…" + used;
        }

        /** "Still in use", "Quiet", "Revoked early", … */
        public String stateText() {
            if (!cutover.isOpen()) {
                return capitalize(cutover.closedHow());
            }
            if (status == null) {
                return error == null ? "Checking…" : "Not checked";
            }
            return status.state().label();
        }

        public String lastUseText(Instant now) {
            if (status == null) {
                return "";
            }
            if (status.oldLastUsed() == null) {
                return "never";
            }
            return UsageOverlay.ago(status.oldLastUsed(), now) + (status.oldUsedSince() ? "" : " (before the rotation)");
        }

        public String requestsSinceText() {
            if (status == null || status.requestsSince() == null) {
                return status != null && status.oldUsedSince() ? "some" : "";
            }
            return String.format(Locale.ROOT, "%,d", status.requestsSince());
        }

        public String addressesText() {
            if (status == null || status.addressesSince().isEmpty()) {
                return "";
            }
            return status.addressesSince().stream().map(a -> a.ip()).collect(Collectors.joining(", "));
        }

        public String graceText(Instant now) {
            Instant end = status != null && status.oldKey() != null ? status.oldKey().expiresAt() : cutover.graceEndsAt();
            if (end == null) {
                return "no expiry: revoke it when quiet";
            }
            if (!end.isAfter(now)) {
                return "ended " + UsageOverlay.ago(end, now);
            }
            Duration left = Duration.between(now, end);
            return left.toHours() >= 48 ? "ends in " + left.toDays() + " days"
                    : left.toHours() >= 1 ? "ends in " + left.toHours() + " h" : "ends in " + left.toMinutes() + " min";
        }

        public String warning() {
            return status == null ? null : status.warning();
        }

        private static String capitalize(String s) {
            return s == null || s.isEmpty() ? "Closed" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final CutoverStore store;
    private final Clock clock;
    private final Notices notices;
    private final Predicate<Throwable> connectionFailures;
    private final Runnable afterChange;
    private Runnable showTracker = () -> { };

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper openCount = new ReadOnlyIntegerWrapper(this, "openCount");
    /** Warnings already posted as notices (old key id + kind), so a refresh does not repeat them. */
    private final Set<String> warned = new HashSet<>();
    private TaskHandle running;

    /**
     * @param afterChange reloads the key table once a key was revoked from here
     */
    public CutoverViewModel(Session session, TaskRunner tasks, DialogService dialogs, CutoverStore store, Clock clock,
                            Notices notices, Predicate<Throwable> connectionFailures, Runnable afterChange) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
        session.connectionProperty().addListener((obs, old, now) -> {
            rows.clear();
            updateCount();
            if (now != null) {
                refresh();
            }
        });
    }

    /** What a warning notice's button does: bring the tracker forward (the workspace sets it). */
    public void setShowTracker(Runnable show) {
        this.showTracker = Objects.requireNonNull(show, "show");
    }

    /** Reads the tracker's file and asks the server about every open cutover; in the background. */
    public void refresh() {
        Connection connection = session.current().orElse(null);
        if (connection == null || busy.get()) {
            return;
        }
        String profileId = connection.profile().id();
        busy.set(true);
        message.set("Checking the rotations in grace…");
        running = tasks.submit(BackgroundTask.of("Checking rotations in grace", progress -> {
                    List<Cutover> cutovers = store.forProfile(profileId);
                    List<Row> checked = new ArrayList<>();
                    Instant now = clock.instant();
                    int i = 0;
                    for (Cutover c : cutovers) {
                        progress.update(i++, cutovers.size());
                        if (!c.isOpen()) {
                            checked.add(new Row(c, null, null));
                            continue;
                        }
                        try {
                            CutoverStatus s = CutoverStatus.check(connection.api(), c, now);
                            if (s.isDone()) {
                                Cutover closed = c.closed(now, s.state() == CutoverStatus.State.REVOKED ? "revoked"
                                        : "grace over");
                                store.put(closed);
                                checked.add(new Row(closed, s, null));
                            } else {
                                checked.add(new Row(c, s, null));
                            }
                        } catch (dev.keydesk.client.error.CancelledException e) {
                            throw e;
                        } catch (dev.keydesk.client.error.KeyApiException e) {
                            checked.add(new Row(c, null, ErrorMessages.describe(e).whatHappened()));
                        }
                    }
                    return new Checked(checked, store.loadWarning());
                })
                .onSuccess(result -> {
                    finish();
                    rows.setAll(newestFirst(result.rows()));
                    updateCount();
                    message.set(result.warning() != null ? result.warning() : rows.isEmpty()
                            ? "No rotation is in grace on this server." : "Checked " + timeOfDay(clock.instant()) + ".");
                    postWarnings();
                })
                .onFailure(error -> {
                    finish();
                    connectionFailures.test(error);
                    message.set(KeyForm.sentence(ErrorMessages.describe(error,
                            ErrorMessages.Action.read("check the rotations in grace")), false));
                })
                .onCancelled(() -> {
                    finish();
                    message.set("Check cancelled.");
                }));
    }

    private record Checked(List<Row> rows, String warning) {
    }

    /** What needs attention first: old keys still in use, then the quiet ones, then the closed; newest first within. */
    private static List<Row> newestFirst(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> {
            if (a.open() != b.open()) {
                return a.open() ? -1 : 1;
            }
            if (a.busy() != b.busy()) {
                return a.busy() ? -1 : 1;
            }
            return b.cutover().rotatedAt().compareTo(a.cutover().rotatedAt());
        });
        return sorted;
    }

    private void postWarnings() {
        for (Row r : rows) {
            String w = r.warning();
            if (w == null) {
                continue;
            }
            String id = r.cutover().oldKeyId() + "|" + r.status().state();
            if (warned.add(id)) {
                notices.post(new Notices.Notice("Old key still in use: " + r.cutover().oldName(), w, "Show",
                        showTracker));
            }
        }
    }

    public void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }

    private void finish() {
        busy.set(false);
        running = null;
    }

    private void updateCount() {
        openCount.set((int) rows.stream().filter(Row::open).count());
    }

    // ---- revoking early, forgetting ----------------------------------------------------------

    /** Whether the old key of {@code row} can be revoked from here, and if not why. */
    public ActionState revokeEarlyState(Row row) {
        if (row == null) {
            return ActionState.blocked("Select a rotation");
        }
        if (session.current().isEmpty()) {
            return ActionState.blocked("Not connected");
        }
        if (!row.open()) {
            return ActionState.blocked("The old key is already gone");
        }
        if (!session.holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        return ActionState.allowed();
    }

    /**
     * Revokes the old key now: at once when it is quiet (one click), after a warning when it was
     * used within the last hour (what still uses it gets 401 from then on).
     */
    public void revokeEarly(Row row) {
        Connection connection = session.current().orElse(null);
        if (connection == null || !revokeEarlyState(row).enabled() || busy.get()) {
            return;
        }
        Cutover c = row.cutover();
        if (row.busy() || row.status() == null) {
            String used = row.status() == null ? "It was not checked yet, so it may still be in use."
                    : "It was used " + row.lastUseText(clock.instant()) + (row.addressesText().isEmpty() ? ""
                    : " from " + row.addressesText()) + ": whatever still uses it gets 401 from now on.";
            if (!dialogs.confirmDestructive("Revoke the old key early", "Revoke “" + c.oldName() + "” ("
                            + c.oldPrefix() + "…) now? It is still in use.",
                    used + " Its replacement is " + c.newPrefix() + "…. Revoking cannot be undone.", "Revoke")) {
                return;
            }
        }
        busy.set(true);
        message.set("Revoking " + c.oldPrefix() + "…");
        running = tasks.submit(BackgroundTask.of("Revoking " + c.oldKeyId(), p -> {
                    try {
                        new Rotator(connection, clock).revokeOld(c.oldKeyId());
                    } catch (NotFoundException gone) {
                        // already gone: what the person wanted
                    }
                    Cutover closed = c.closed(clock.instant(), "revoked early");
                    store.put(closed);
                    return closed;
                })
                .onSuccess(closed -> {
                    finish();
                    replace(c, new Row(closed, null, null));
                    message.set("Revoked “" + c.oldName() + "” (" + c.oldPrefix() + "…). Its replacement "
                            + c.newPrefix() + "… stays.");
                    afterChange.run();
                })
                .onFailure(error -> {
                    finish();
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error,
                            ErrorMessages.Action.write("revoke “" + c.oldName() + "”")));
                    message.set("The old key was not revoked.");
                })
                .onCancelled(() -> {
                    finish();
                    message.set("Cancelled: refresh to see whether the old key was revoked.");
                }));
    }

    /** Stops following {@code row} (a closed one at once; an open one after asking). */
    public void forget(Row row) {
        Connection connection = session.current().orElse(null);
        if (connection == null || row == null || busy.get()) {
            return;
        }
        if (row.open() && !dialogs.confirm("Stop tracking this rotation?", "Stop tracking “" + row.cutover().oldName()
                        + "”?", "The old key stays as it is (it keeps working until its grace ends); only the "
                        + "tracker forgets it.")) {
            return;
        }
        busy.set(true);
        running = tasks.submit(BackgroundTask.<Void>of("Forgetting a rotation", p -> {
                    store.remove(row.cutover().profileId(), row.cutover().oldKeyId());
                    return null;
                })
                .onSuccess(v -> {
                    finish();
                    rows.removeIf(r -> r.cutover().oldKeyId().equals(row.cutover().oldKeyId()));
                    updateCount();
                })
                .onFailure(error -> {
                    finish();
                    message.set("The tracker's file could not be written: " + error.getClass().getSimpleName());
                })
                .onCancelled(this::finish));
    }

    private void replace(Cutover c, Row next) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).cutover().oldKeyId().equals(c.oldKeyId())) {
                rows.set(i, next);
            }
        }
        updateCount();
    }

    // ---- properties --------------------------------------------------------------------------

    public ObservableList<Row> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** How many old keys are still in grace (the tab's count). */
    public ReadOnlyIntegerProperty openCountProperty() {
        return openCount.getReadOnlyProperty();
    }

    Instant now() {
        return clock.instant();
    }

    /** "at 14:02" in the local zone, for "Checked at 14:02". */
    private static String timeOfDay(Instant t) {
        return "at " + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault()).format(t);
    }
}
