package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.core.activity.AuditPaging;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.KeyOutcome;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After a revoke (or freeze): did anything try to use the stopped keys since? Reads the audit log
 * from the run's start, newest first, and keeps the events of those keys, after each key was
 * stopped, that are uses — a refused authentication, a rate-limit hit, a use from a new address —
 * not the run's own changes. One paged read for all keys, not one request per key.
 */
public final class UseCheck {

    /** Pages of up to 1,000 events read at most: a flood bigger than that is said, not hidden. */
    static final int MAX_PAGES = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** One attempt to use a stopped key. */
    public record Use(String keyId, String keyName, Instant at, String type, String ip, String detail) {
    }

    private final Session session;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, KeyOutcome> stopped = new LinkedHashMap<>();
    private final Instant since;

    private final ObservableList<Use> uses = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private TaskHandle running;

    /**
     * @param stopped the keys the run stopped, each with its outcome (whose time is when it was stopped)
     * @param since the run's start
     */
    public UseCheck(Session session, TaskRunner tasks, Clock clock, ZoneId zone, List<KeyOutcome> stopped,
                    Instant since) {
        this.session = session;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        stopped.forEach(o -> this.stopped.put(o.keyId(), o));
        this.since = since;
        text.set(stopped.isEmpty() ? "No key was stopped, so there is nothing to check."
                : "Not checked yet: “Check now” reads the audit log since the run for any use of the "
                + IncidentTexts.keys(stopped.size()) + ".");
    }

    /** Whether {@code e} is an attempt to use one of the stopped keys after it was stopped. */
    boolean isUseAfterStop(AuditEvent e) {
        KeyOutcome o = e.keyId() == null ? null : stopped.get(e.keyId());
        if (o == null || e.at() == null || e.type() == null) {
            return false;
        }
        boolean change = e.type().startsWith("key.") && !e.type().equals("key.used_from_new_ip");
        // Audit times may be whole seconds: a use in the second the key was stopped counts.
        return !change && (o.finishedAt() == null
                || !e.at().isBefore(o.finishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    /** Reads the audit log in the background; the result replaces the last. */
    public void check() {
        Optional<Connection> connection = session.current();
        if (stopped.isEmpty() || checking.get()) {
            return;
        }
        if (connection.isEmpty()) {
            text.set("Not connected: connect to the server to check its audit log.");
            return;
        }
        var api = connection.get().api();
        checking.set(true);
        text.set("Reading the audit log since " + TIME.format(since.atZone(zone)) + "…");
        running = tasks.submit(BackgroundTask.<AuditPaging.Chunk>of("Checking the audit log for the stopped keys",
                p -> AuditPaging.since(api, since, MAX_PAGES, Set.of(), p::isCancelled))
                .onSuccess(this::show)
                .onFailure(error -> {
                    checking.set(false);
                    text.set("The check failed: " + ErrorMessages.describe(error, "read the audit log").whatHappened());
                })
                .onCancelled(() -> {
                    checking.set(false);
                    text.set("The check was stopped.");
                }));
    }

    private void show(AuditPaging.Chunk chunk) {
        checking.set(false);
        String at = TIME.format(clock.instant().atZone(zone));
        if (!chunk.available()) {
            uses.clear();
            text.set("This server keeps no audit log that KeyDesk can read, so it cannot check for use of the keys.");
            return;
        }
        List<Use> found = new ArrayList<>();
        for (AuditEvent e : chunk.events()) {
            if (isUseAfterStop(e)) {
                KeyOutcome o = stopped.get(e.keyId());
                found.add(new Use(e.keyId(), o.key().name(), e.at(), e.type(), e.ip(), e.detailSummary()));
            }
        }
        uses.setAll(found);
        String cut = chunk.hasMore() ? " Only the newest " + chunk.scanned() + " events were read: check again, "
                + "or filter the Activity workspace." : "";
        if (found.isEmpty()) {
            text.set("No use seen since the run: the audit log has no attempt to use the "
                    + IncidentTexts.keys(stopped.size()) + " after " + (stopped.size() == 1 ? "it was" : "they were")
                    + " stopped (checked at " + at + ", " + chunk.scanned() + " events read)." + cut);
        } else {
            long keys = found.stream().map(Use::keyId).distinct().count();
            text.set(found.size() + (found.size() == 1 ? " attempt" : " attempts") + " to use " + keys
                    + (keys == 1 ? " stopped key" : " stopped keys") + " since the run (checked at " + at
                    + "): whatever sent " + (found.size() == 1 ? "it" : "them") + " still holds the old secret." + cut);
        }
    }

    public void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }

    public ObservableList<Use> uses() {
        return uses;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
