package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.client.Capability;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.PrivateFiles;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentEngine;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentReport;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.IncidentRun;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Pause;
import dev.keydesk.core.incident.Preview;
import dev.keydesk.core.incident.RunOptions;
import dev.keydesk.core.incident.RunSnapshot;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The Incident workspace's state and rules. Planning: the {@link PlanForm}, its preview computed in
 * the background over the server's inventory (again after each change, the previous one
 * cancelled), and the typed confirmation (the count, and the profile's name on production).
 * Running: the engine's run, watched through {@link RunFeed} (coalesced onto the FX thread):
 * done, failed, remaining, rate, time left, the current pause and its countdown, concurrency,
 * break-glass steps; Cancel stops it cleanly. Finished: the outcomes (filterable), retry of the
 * keys that did not end as asked, the thaw of what a freeze froze, the report, and the
 * {@link NextSteps}.
 *
 * <p>Every method is called on the FX thread (tests: one thread, with a queueing executor).
 */
public final class IncidentViewModel {

    /** Where the workspace is. */
    public enum Phase { PLANNING, STARTING, RUNNING, FINISHED }

    /** Which rows the outcome table shows. */
    public enum OutcomeFilter {
        ALL("All keys"), NOT_AS_ASKED("Not as asked"), FAILED("Failed"), NOT_ATTEMPTED("Not attempted");

        private final String label;

        OutcomeFilter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Executor fxThread;
    private final Clock clock;
    private final ZoneId zone;
    private final Path reportsRoot;
    private final BreakGlassSupport breakGlass;
    private final ReplacementWalk.Forms replacementForms;
    private final Predicate<Throwable> connectionFailures;
    private final Runnable keysChanged;

    private final PlanForm form = new PlanForm();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.PLANNING);

    // ---- planning state
    private final ReadOnlyObjectWrapper<Preview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyBooleanWrapper previewCurrent = new ReadOnlyBooleanWrapper(this, "previewCurrent");
    private final ReadOnlyBooleanWrapper previewing = new ReadOnlyBooleanWrapper(this, "previewing");
    private final ReadOnlyStringWrapper previewProblem = new ReadOnlyStringWrapper(this, "previewProblem", "");
    private final ReadOnlyStringWrapper inventoryText = new ReadOnlyStringWrapper(this, "inventoryText", "");
    private final StringProperty typedCount = new SimpleStringProperty(this, "typedCount", "");
    private final StringProperty typedName = new SimpleStringProperty(this, "typedName", "");
    private final ReadOnlyBooleanWrapper nameRequired = new ReadOnlyBooleanWrapper(this, "nameRequired");
    private final ReadOnlyStringWrapper confirmPrompt = new ReadOnlyStringWrapper(this, "confirmPrompt", "");
    private final ReadOnlyObjectWrapper<ActionState> freezeState =
            new ReadOnlyObjectWrapper<>(this, "freezeState", ActionState.allowed());
    private final ReadOnlyObjectWrapper<ActionState> startState =
            new ReadOnlyObjectWrapper<>(this, "startState", ActionState.blocked("Not connected"));
    private List<ApiKey> inventory;
    private Instant inventoryAt;
    private Connection inventoryOf;
    private IncidentEngine previewEngine;
    private Connection previewConnection;
    private Object previewToken;
    private TaskHandle previewTask;

    // ---- run state
    private final ReadOnlyObjectWrapper<RunSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private final ReadOnlyStringWrapper countsText = new ReadOnlyStringWrapper(this, "countsText", "");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "");
    private final ReadOnlyStringWrapper timeLeftText = new ReadOnlyStringWrapper(this, "timeLeftText", "");
    private final ReadOnlyStringWrapper pauseText = new ReadOnlyStringWrapper(this, "pauseText", "");
    private final ReadOnlyStringWrapper concurrencyText = new ReadOnlyStringWrapper(this, "concurrencyText", "");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private final ObservableList<String> breakGlassLines = FXCollections.observableArrayList();
    private final ObservableList<OutcomeRow> outcomes = FXCollections.observableArrayList();
    private final FilteredList<OutcomeRow> shownOutcomes = new FilteredList<>(outcomes);
    private final ObjectProperty<OutcomeFilter> outcomeFilter =
            new SimpleObjectProperty<>(this, "outcomeFilter", OutcomeFilter.ALL);
    private final ReadOnlyStringWrapper reportFolderText = new ReadOnlyStringWrapper(this, "reportFolderText", "");
    private IncidentRun run;
    private boolean cancelRequested;
    private Preview running;

    // ---- finished state
    private final ReadOnlyObjectWrapper<IncidentResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper resultDetails = new ReadOnlyStringWrapper(this, "resultDetails", "");
    private final ReadOnlyStringWrapper breakGlassProblem = new ReadOnlyStringWrapper(this, "breakGlassProblem", "");
    private final ReadOnlyObjectWrapper<NextSteps> nextSteps = new ReadOnlyObjectWrapper<>(this, "nextSteps");
    private final ReadOnlyObjectWrapper<ActionState> retryState =
            new ReadOnlyObjectWrapper<>(this, "retryState", ActionState.blocked("Nothing to retry"));
    private final ReadOnlyObjectWrapper<ActionState> thawState =
            new ReadOnlyObjectWrapper<>(this, "thawState", ActionState.blocked("Nothing was frozen"));

    /**
     * @param fxThread runs engine news on the FX thread ({@code Platform::runLater} in the app)
     * @param reportsRoot where the engine saves each run's report (the incidents folder)
     * @param connectionFailures told of a failure first, so one about the connection reaches the status bar
     * @param keysChanged runs after a run, so the key table shows what is true now
     */
    public IncidentViewModel(Session session, TaskRunner tasks, DialogService dialogs, Executor fxThread, Clock clock,
                             ZoneId zone, Path reportsRoot, BreakGlassSupport breakGlass,
                             ReplacementWalk.Forms replacementForms, Predicate<Throwable> connectionFailures,
                             Runnable keysChanged) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.reportsRoot = reportsRoot;
        this.breakGlass = Objects.requireNonNull(breakGlass, "breakGlass");
        this.replacementForms = Objects.requireNonNull(replacementForms, "replacementForms");
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        this.keysChanged = Objects.requireNonNull(keysChanged, "keysChanged");

        form.planProperty().addListener((obs, old, now) -> updateStart());
        typedCount.addListener((obs, old, now) -> updateStart());
        typedName.addListener((obs, old, now) -> updateStart());
        outcomeFilter.addListener((obs, old, now) -> applyOutcomeFilter());
        session.connectionProperty().addListener((obs, old, now) -> connectionChanged(now));
        phase.addListener((obs, old, now) -> updateStart());
        updateStart();
    }

    // ---- planning ------------------------------------------------------------------------------

    /** Starts over with {@code keys} as the targets of {@code action}; false while a run is going. */
    public boolean prefill(List<ApiKey> keys, IncidentAction action) {
        if (!mayPlan()) {
            return false;
        }
        toPlanning();
        form.chooseKeys(keys, action);
        requestPreview();
        return true;
    }

    /** Starts over with {@code plan} (a retry, a thaw from a report); {@code labels} name its ids. */
    public boolean prefill(IncidentPlan plan, Map<String, String> labels) {
        if (!mayPlan()) {
            return false;
        }
        toPlanning();
        form.load(plan, labels);
        requestPreview();
        return true;
    }

    /** A new, empty plan (after a run, or to start over). */
    public void newIncident() {
        if (!mayPlan()) {
            return;
        }
        toPlanning();
        form.clear();
        requestPreview();
    }

    private boolean mayPlan() {
        if (phase.get() == Phase.STARTING || phase.get() == Phase.RUNNING) {
            dialogs.showInfo("Incident", "An incident run is going",
                    "Wait until it has finished (or cancel it) before you plan the next one.");
            return false;
        }
        return true;
    }

    private void toPlanning() {
        phase.set(Phase.PLANNING);
        typedCount.set("");
        typedName.set("");
        result.set(null);
        nextSteps.set(null);
        outcomes.clear();
        breakGlassLines.clear();
        breakGlassProblem.set("");
        snapshot.set(null);
        reportFolderText.set("");
        retryState.set(ActionState.blocked("Nothing to retry"));
        thawState.set(ActionState.blocked("Nothing was frozen"));
    }

    /**
     * Recomputes the preview of the form's plan in the background; a preview still being computed
     * is cancelled. The server's inventory is read once and reused until {@link #refreshInventory()}
     * or a run changes it. The view calls this once the person pauses typing.
     */
    public void requestPreview() {
        if (phase.get() != Phase.PLANNING) {
            return;
        }
        cancelPreview();
        IncidentPlan plan = form.plan();
        Connection connection = session.current().orElse(null);
        if (connection == null) {
            previewProblem.set("Not connected: choose a server in File › Connections… (Ctrl+K).");
            updateStart();
            return;
        }
        if (plan == null) {
            previewProblem.set(form.problemProperty().get());
            updateStart();
            return;
        }
        previewProblem.set("");
        previewing.set(true);
        List<ApiKey> known = inventoryOf == connection ? inventory : null;
        Instant knownAt = inventoryAt;
        Object token = new Object();
        previewToken = token;
        IncidentEngine engine = IncidentEngine.of(connection);
        updateStart();
        previewTask = tasks.submit(BackgroundTask.<Computed>of("Previewing the incident", p -> {
            List<ApiKey> keys = known;
            Instant at = knownAt;
            if (keys == null) {
                p.message("Reading the server's keys…");
                keys = connection.api().listAllKeys(null, n -> p.message("Read " + n + " keys…"));
                at = clock.instant();
            }
            return new Computed(keys, at, engine.preview(plan, keys, clock));
        }).onSuccess(c -> {
            if (previewToken != token) {
                return;
            }
            previewing.set(false);
            inventory = c.inventory();
            inventoryAt = c.at();
            inventoryOf = connection;
            inventoryText.set(inventory.size() + " keys on the server, as read at " + TIME.format(inventoryAt.atZone(zone))
                    + " (F5 reads them again)");
            previewEngine = engine;
            previewConnection = connection;
            preview.set(c.preview());
            updateStart();
        }).onFailure(error -> {
            if (previewToken != token) {
                return;
            }
            previewing.set(false);
            preview.set(null);
            connectionFailures.test(error);
            previewProblem.set(error instanceof IllegalArgumentException ? error.getMessage()
                    : ErrorMessages.describe(error, "preview the incident").whatHappened());
            updateStart();
        }).onCancelled(() -> {
            if (previewToken == token) {
                previewing.set(false);
                updateStart();
            }
        }));
    }

    private record Computed(List<ApiKey> inventory, Instant at, Preview preview) {
    }

    /** Reads the server's keys again, then previews (F5 in the workspace). */
    public void refreshInventory() {
        inventory = null;
        inventoryOf = null;
        requestPreview();
    }

    private void cancelPreview() {
        previewToken = null;
        if (previewTask != null && !previewTask.isDone()) {
            previewTask.cancel();
        }
        previewTask = null;
        previewing.set(false);
    }

    private void connectionChanged(Connection now) {
        if (phase.get() == Phase.STARTING || phase.get() == Phase.RUNNING) {
            return; // the run keeps its own client (break-glass switches the connection on purpose)
        }
        inventory = null;
        inventoryOf = null;
        preview.set(null);
        if (phase.get() == Phase.PLANNING) {
            requestPreview();
        }
        updateStart();
    }

    /** Whether the typed confirmation, the preview and the permissions allow the run. */
    private void updateStart() {
        Preview p = preview.get();
        IncidentPlan plan = form.plan();
        Connection connection = session.current().orElse(null);
        boolean current = p != null && plan != null && p.plan().equals(plan) && connection != null
                && connection == previewConnection;
        previewCurrent.set(current);
        Profile profile = connection == null ? null : connection.profile();
        nameRequired.set(TypedConfirmation.nameRequired(profile));
        int n = current ? p.count() : 0;
        String verb = form.actionProperty().get().verb();
        confirmPrompt.set(!current || n == 0 ? "" : nameRequired.get()
                ? "Type " + n + " and the profile's name, “" + profile.name() + "”, to " + verb + " "
                + IncidentTexts.keys(n) + " on this production server"
                : "Type " + n + " to " + verb + " " + IncidentTexts.keys(n) + " on “" + profile.name() + "” ("
                + profile.environment().label() + ")");
        startState.set(startBlocker(connection, current, p));
        freezeState.set(connection == null || connection.has(Capability.FREEZE) ? ActionState.allowed()
                : ActionState.blocked("This server cannot freeze or thaw keys: "
                + connection.whyNot(Capability.FREEZE).orElse("it cannot disable them.")));
    }

    private ActionState startBlocker(Connection connection, boolean current, Preview p) {
        if (phase.get() != Phase.PLANNING) {
            return ActionState.blocked(phase.get() == Phase.FINISHED ? "The run is over: start a new incident"
                    : "The incident is running");
        }
        if (connection == null) {
            return ActionState.blocked("Not connected");
        }
        if (!connection.holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        if (form.plan() == null) {
            return ActionState.blocked(form.problemProperty().get());
        }
        if (previewing.get() || !current) {
            return ActionState.blocked(previewProblem.get().isEmpty() ? "Wait for the preview" : previewProblem.get());
        }
        if (p.count() == 0) {
            return ActionState.blocked("No key to " + p.plan().action().verb());
        }
        if (!TypedConfirmation.countMatches(typedCount.get(), p.count())) {
            return ActionState.blocked("Type " + p.count() + " to confirm");
        }
        if (nameRequired.get() && !TypedConfirmation.nameMatches(typedName.get(), connection.profile())) {
            return ActionState.blocked("Type the profile's name, “" + connection.profile().name() + "”, to confirm");
        }
        return ActionState.allowed();
    }

    // ---- running -------------------------------------------------------------------------------

    /** Starts the confirmed run: the engine runs it on its own threads; news arrives through {@link RunFeed}. */
    public void start() {
        if (!startState.get().enabled()) {
            return;
        }
        Preview p = preview.get();
        IncidentEngine engine = previewEngine;
        Connection connection = previewConnection;
        RunOptions.Builder options = RunOptions.builder().reportsRoot(reportsRoot);
        if (p.breakGlass()) {
            options.breakGlass(breakGlass.forRun(connection));
        }
        RunOptions built = options.build();
        RunFeed feed = new RunFeed(fxThread, this::apply);
        running = p;
        run = null;
        cancelRequested = false;
        cancelling.set(false);
        outcomes.clear();
        breakGlassLines.clear();
        breakGlassProblem.set("");
        result.set(null);
        nextSteps.set(null);
        pauseText.set("");
        concurrencyText.set("");
        rateText.set("");
        timeLeftText.set("");
        progress.set(0);
        countsText.set("0 of " + IncidentTexts.keys(p.count()) + " done");
        stateText.set("Starting…");
        phase.set(Phase.STARTING);
        tasks.submit(BackgroundTask.<IncidentRun>of("Starting the incident run", task -> engine.start(p, built, feed))
                .onSuccess(started -> {
                    run = started;
                    started.reportFolder().ifPresent(f -> reportFolderText.set(f.toString()));
                    // If the engine cannot finish its report, the future fails and no listener hears of it.
                    started.result().whenComplete((r, error) -> {
                        if (error != null) {
                            fxThread.execute(() -> runFailed(error));
                        }
                    });
                    if (cancelRequested) {
                        started.cancel();
                    }
                    if (phase.get() == Phase.STARTING) {
                        phase.set(Phase.RUNNING);
                    }
                })
                .onFailure(error -> {
                    phase.set(Phase.PLANNING);
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error, p.plan().action().verb() + " the keys"));
                }));
    }

    /** Stops the run cleanly (Cancel, Escape): nothing new starts, every key ends in a known state. */
    public void cancel() {
        if (phase.get() != Phase.STARTING && phase.get() != Phase.RUNNING) {
            return;
        }
        cancelRequested = true;
        cancelling.set(true);
        stateText.set("Stopping: nothing new starts; the requests in flight finish…");
        if (run != null) {
            run.cancel();
        }
    }

    /** One batch of engine news, on the FX thread. */
    private void apply(RunFeed.Batch b) {
        if (phase.get() == Phase.STARTING) {
            phase.set(Phase.RUNNING);
        }
        if (phase.get() != Phase.RUNNING) {
            return;
        }
        b.outcomes().forEach(o -> outcomes.add(new OutcomeRow(o)));
        b.steps().forEach(s -> breakGlassLines.add((s.done() ? "✓ " : "• ") + IncidentTexts.capitalized(s.step().label())
                + ": " + s.message()));
        if (b.cancelling()) {
            cancelling.set(true);
        }
        if (b.concurrency() != null) {
            concurrencyText.set(b.concurrency() + " requests at a time (" + b.concurrencyWhy() + ")");
        }
        if (b.snapshot() != null) {
            show(b.snapshot());
        }
        showPause(b.pause(), b.pauseRemaining());
        if (b.finished() != null) {
            finish(b.finished());
        }
    }

    private void show(RunSnapshot s) {
        snapshot.set(s);
        IncidentAction action = running.plan().action();
        progress.set(s.total() == 0 ? 1 : (double) s.done() / s.total());
        StringBuilder counts = new StringBuilder().append(s.done()).append(" of ").append(IncidentTexts.keys(s.total()))
                .append(" done · ").append(s.count(action.doneOutcome())).append(' ').append(action.pastTense());
        if (s.count(Outcome.ALREADY_GONE) > 0) {
            counts.append(" · ").append(s.count(Outcome.ALREADY_GONE)).append(" already gone");
        }
        counts.append(" · ").append(s.count(Outcome.FAILED)).append(" failed · ").append(s.remaining()).append(" remaining");
        if (s.count(Outcome.NOT_ATTEMPTED) > 0) {
            counts.append(" · ").append(s.count(Outcome.NOT_ATTEMPTED)).append(" not attempted");
        }
        countsText.set(counts.toString());
        rateText.set(s.perSecond() > 0 ? String.format(Locale.ROOT, "%.1f keys/s", s.perSecond()) : "—");
        timeLeftText.set(s.estimatedTimeLeft().filter(d -> !d.isZero()).map(d -> "about " + IncidentTexts.duration(d)
                + " left").orElse(s.remaining() == 0 ? "finishing" : "—"));
        if (concurrencyText.get().isEmpty()) {
            concurrencyText.set(s.concurrency() + " requests at a time (it adapts to the server)");
        }
        if (cancelling.get() || s.state() == RunSnapshot.State.CANCELLING) {
            stateText.set("Stopping: nothing new starts; " + s.inFlight() + " in flight finish…");
        } else if (s.state() == RunSnapshot.State.PAUSED) {
            stateText.set("Paused");
        } else {
            stateText.set(s.state() == RunSnapshot.State.STARTING ? "Starting…" : "Running: "
                    + IncidentTexts.capitalized(action.verb()) + " " + IncidentTexts.keys(s.total()));
        }
    }

    private void showPause(Pause pause, Duration remaining) {
        if (pause == null) {
            pauseText.set("");
            return;
        }
        Duration left = remaining != null ? remaining : pause.remaining(clock.instant());
        pauseText.set(pause.message() + " Resuming in " + IncidentTexts.duration(left) + "; no key is given up.");
        // The engine's guess comes from the recent pace; the wait comes on top of it.
        RunSnapshot s = snapshot.get();
        Duration afterPause = s == null ? Duration.ZERO : s.estimatedTimeLeft().orElse(Duration.ZERO);
        if (s != null && s.currentPause().isPresent() && s.startedAt() != null && s.elapsed() != null) {
            // A snapshot taken during a pause counted the pause in already.
            afterPause = afterPause.minus(s.currentPause().get().remaining(s.startedAt().plus(s.elapsed())));
            afterPause = afterPause.isNegative() ? Duration.ZERO : afterPause;
        }
        timeLeftText.set("about " + IncidentTexts.duration(left.plus(afterPause)) + " left, the wait included");
        if (!cancelling.get()) {
            stateText.set("Paused: waiting for the server's rate limit");
        }
    }

    private void finish(IncidentResult r) {
        phase.set(Phase.FINISHED);
        result.set(r);
        run = null;
        inventory = null; // the server's keys changed
        inventoryOf = null;
        outcomes.setAll(r.outcomes().stream().map(OutcomeRow::new).toList());
        applyOutcomeFilter();
        progress.set(1);
        pauseText.set("");
        cancelling.set(false);
        headline.set(IncidentTexts.headline(r));
        StringBuilder details = new StringBuilder(IncidentTexts.capitalized(IncidentTexts.counts(r))).append(" in ")
                .append(IncidentTexts.duration(Duration.between(r.startedAt(), r.endedAt()))).append('.');
        if (r.stopReason() != null) {
            details.append(' ').append(r.stopReason());
        }
        r.notes().forEach(n -> details.append(' ').append(n));
        resultDetails.set(details.toString());
        stateText.set(r.cancelled() ? "Cancelled" : "Finished");
        if (r.breakGlass() != null && !r.breakGlass().succeeded()) {
            breakGlassProblem.set("Break-glass stopped at “" + r.breakGlass().failed().map(s -> s.label()).orElse("?")
                    + "”. " + r.breakGlass().message());
        }
        reportFolderText.set(r.reportFolder() == null ? "The report was not saved automatically: export it."
                : r.reportFolder().toString());
        retryState.set(r.retryPlan().isPresent() ? ActionState.allowed()
                : ActionState.blocked("Every key ended as asked"));
        thawState.set(r.plan().action() == IncidentAction.FREEZE && r.count(Outcome.FROZEN) > 0
                ? ActionState.allowed() : ActionState.blocked("Only a freeze that froze keys can be thawed from here"));
        nextSteps.set(NextSteps.apply(r) ? new NextSteps(r, session, tasks, dialogs, clock, zone, replacementForms)
                : null);
        keysChanged.run();
    }

    private void runFailed(Throwable error) {
        if (phase.get() == Phase.FINISHED) {
            return;
        }
        phase.set(Phase.FINISHED);
        run = null;
        stateText.set("The run stopped without its report");
        headline.set("The run ended without a complete report.");
        resultDetails.set("What was done is in the journal of the report folder. "
                + ErrorMessages.describe(error, "finish the run").whatHappened());
        keysChanged.run();
    }

    // ---- afterwards ----------------------------------------------------------------------------

    private void applyOutcomeFilter() {
        OutcomeFilter f = outcomeFilter.get() == null ? OutcomeFilter.ALL : outcomeFilter.get();
        IncidentResult r = result.get();
        IncidentAction action = r != null ? r.plan().action() : running != null ? running.plan().action()
                : IncidentAction.REVOKE;
        shownOutcomes.setPredicate(switch (f) {
            case ALL -> null;
            case NOT_AS_ASKED -> row -> !action.askedOutcomes().contains(row.kind());
            case FAILED -> row -> row.kind() == Outcome.FAILED;
            case NOT_ATTEMPTED -> row -> row.kind() == Outcome.NOT_ATTEMPTED;
        });
    }

    /** A new run over the keys that did not end as asked: back to planning, to preview and confirm again. */
    public void retryFailed() {
        IncidentResult r = result.get();
        if (r == null || !retryState.get().enabled()) {
            return;
        }
        Optional<IncidentPlan> retry = r.retryPlan();
        retry.ifPresent(plan -> prefill(plan, labels(r)));
    }

    /** After a freeze: a thaw of exactly what it froze, to preview and confirm. */
    public void thawWhatWasFrozen() {
        IncidentResult r = result.get();
        if (r == null || !thawState.get().enabled()) {
            return;
        }
        prefill(IncidentReport.of(r).thawPlan(), labels(r));
    }

    /** Reads a freeze report (a run's folder or its report file) in the background, then plans its thaw. */
    public void thawFromReport(Path report) {
        if (!mayPlan()) {
            return;
        }
        tasks.submit(BackgroundTask.<IncidentReport>of("Reading the freeze report", p -> IncidentReport.read(report))
                .onSuccess(read -> {
                    IncidentPlan plan;
                    try {
                        plan = read.thawPlan();
                    } catch (IllegalArgumentException e) {
                        dialogs.showError(new UserMessage("Not a freeze report", e.getMessage(), "Nothing was changed.",
                                "Choose the report of a freeze (its folder's report.json).", null));
                        return;
                    }
                    Map<String, String> names = new HashMap<>();
                    read.keys().forEach(k -> names.put(k.id(), k.prefix() == null ? k.name() : k.name() + "  "
                            + k.prefix() + "…"));
                    prefill(plan, names);
                })
                .onFailure(e -> dialogs.showError(ErrorMessages.describe(e, "read the freeze report"))));
    }

    private static Map<String, String> labels(IncidentResult r) {
        Map<String, String> names = new HashMap<>();
        r.outcomes().forEach(o -> names.put(o.keyId(), PlanForm.ChosenKey.of(o.key()).label()));
        return names;
    }

    /** Writes the finished run's report to {@code file}: CSV for {@code .csv}, else JSON; owner-only. */
    public void exportReport(Path file) {
        IncidentResult r = result.get();
        if (r == null) {
            return;
        }
        IncidentReport report = IncidentReport.of(r);
        boolean csv = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        tasks.submit(BackgroundTask.<Void>of("Exporting the incident report", p -> {
            PrivateFiles.write(file, csv ? report.toCsv() : report.toJson());
            return null;
        }).onSuccess(v -> dialogs.showInfo("Incident report", "The report is exported.", file
                + "\n\nIt names the keys and their outcomes; it holds no secret."))
                .onFailure(e -> dialogs.showError(ErrorMessages.describe(e, "export the incident report"))));
    }

    /** The run's folder (where the report was saved automatically), if there is one. */
    public Optional<Path> reportFolder() {
        IncidentResult r = result.get();
        return r == null ? Optional.empty() : Optional.ofNullable(r.reportFolder());
    }

    /** The keys of a finished run that did not end as asked (for tests and the view's counts). */
    public List<KeyOutcome> notAsAsked() {
        IncidentResult r = result.get();
        return r == null ? List.of() : r.notAsAsked();
    }

    // ---- properties ----------------------------------------------------------------------------

    public PlanForm form() {
        return form;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public Phase phase() {
        return phase.get();
    }

    public ReadOnlyObjectProperty<Preview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Whether the preview shown is of the form's plan as it is now (not of an earlier edit). */
    public ReadOnlyBooleanProperty previewCurrentProperty() {
        return previewCurrent.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewingProperty() {
        return previewing.getReadOnlyProperty();
    }

    /** Why there is no preview (the plan is incomplete, the server refused); empty otherwise. */
    public ReadOnlyStringProperty previewProblemProperty() {
        return previewProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty inventoryTextProperty() {
        return inventoryText.getReadOnlyProperty();
    }

    /** Values to offer for a rule of {@code kind}: the key types, or the connected server's resources or permissions. */
    public List<String> suggestions(RuleKind kind) {
        Connection connection = session.current().orElse(null);
        if (connection == null) {
            return kind == RuleKind.TYPE ? List.of("live", "test") : List.of();
        }
        return switch (kind) {
            case TYPE -> List.of("live", "test");
            case RESOURCE -> connection.catalog().resources().stream().map(r -> r.name()).toList();
            case PERMISSION -> connection.catalog().resources().stream()
                    .flatMap(r -> r.access().stream().map(a -> r.name() + ":" + a)).toList();
            case UNUSED_FOR, EXPIRING_WITHIN -> List.of("7", "30", "90");
            default -> List.of();
        };
    }

    /**
     * The preview's "in use" line: how many targets were used in the last 24 hours and how many are
     * idle, or, where the server does not say when keys were used, that nobody can tell.
     */
    public String usageText(Preview p) {
        Connection c = previewConnection;
        if (c != null && !c.has(Capability.LAST_USED) && !c.has(Capability.USAGE_COUNTS)) {
            return "unknown: the server does not say when keys were last used, so KeyDesk cannot warn you which are "
                    + "still in use";
        }
        return p.usedRecently().size() + " used in the last 24 hours" + (p.usedRecently().isEmpty()
                || p.plan().action() == IncidentAction.THAW ? "" : " (their traffic will break)") + ", "
                + p.idle().size() + " idle";
    }

    /** Where a break-glass replacement would be kept, for the preview to say. */
    public String breakGlassNote() {
        return session.current().map(breakGlass::whereKept).orElse("");
    }

    public StringProperty typedCountProperty() {
        return typedCount;
    }

    public StringProperty typedNameProperty() {
        return typedName;
    }

    public ReadOnlyBooleanProperty nameRequiredProperty() {
        return nameRequired.getReadOnlyProperty();
    }

    /**
     * "Type 12 to revoke 12 keys on “Team server” (Sandbox)", or on production "Type 12 and the
     * profile's name, “Production EU”, to revoke 12 keys on this production server"; empty without
     * a current preview.
     */
    public ReadOnlyStringProperty confirmPromptProperty() {
        return confirmPrompt.getReadOnlyProperty();
    }

    /** The name to type on production (the name field's hint); empty elsewhere. */
    public String profileNameToType() {
        return nameRequired.get() ? session.current().map(c -> c.profile().name()).orElse("") : "";
    }

    /** Whether the server can freeze and thaw at all (the workspace's Freeze and Thaw choices). */
    public ReadOnlyObjectProperty<ActionState> freezeStateProperty() {
        return freezeState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> startStateProperty() {
        return startState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** 0..1 while running. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** "40 of 100 keys done · 38 revoked · 2 failed · 60 remaining". */
    public ReadOnlyStringProperty countsTextProperty() {
        return countsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeLeftTextProperty() {
        return timeLeftText.getReadOnlyProperty();
    }

    /** The current wait and why, with its countdown; empty while the run is not paused. */
    public ReadOnlyStringProperty pauseTextProperty() {
        return pauseText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty concurrencyTextProperty() {
        return concurrencyText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    /** Break-glass steps as they happen. */
    public ObservableList<String> breakGlassLines() {
        return breakGlassLines;
    }

    /** Where things stand when break-glass did not complete; empty otherwise. */
    public ReadOnlyStringProperty breakGlassProblemProperty() {
        return breakGlassProblem.getReadOnlyProperty();
    }

    /** Every key with an outcome so far (all of them once finished, in run order). */
    public ObservableList<OutcomeRow> outcomes() {
        return outcomes;
    }

    /** {@link #outcomes()} through {@link #outcomeFilterProperty()}; the table sorts a view of it. */
    public ObservableList<OutcomeRow> shownOutcomes() {
        return shownOutcomes;
    }

    public ObjectProperty<OutcomeFilter> outcomeFilterProperty() {
        return outcomeFilter;
    }

    public ReadOnlyObjectProperty<IncidentResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultDetailsProperty() {
        return resultDetails.getReadOnlyProperty();
    }

    /** The folder the report is saved in, once the run knows it. */
    public ReadOnlyStringProperty reportFolderTextProperty() {
        return reportFolderText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NextSteps> nextStepsProperty() {
        return nextSteps.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> retryStateProperty() {
        return retryState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> thawStateProperty() {
        return thawState.getReadOnlyProperty();
    }
}
