package dev.keydesk.app.review;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.editor.KeyForm;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.incident.IncidentTexts;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.client.Capability;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.review.DueKeys;
import dev.keydesk.core.review.Narrowing;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.review.UsageLoader;
import dev.keydesk.core.rotation.Grace;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Review workspace: a set of keys (by default every key due for rotation), each key's usage
 * loaded in the background one after another, a proposal per key in an adjustable window, the
 * reviewer's decisions, and applying them: narrow in place (PATCH with If-Match), rotate with the
 * narrowed set ({@link RotationFlow}), or revoke the keys nothing used. Nothing is changed without a
 * confirmation that names the keys and what is removed.
 */
public final class ReviewViewModel {

    static final Permission READ = Permission.of("access_tokens", Permission.READ);
    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final AppSettings settings;
    private final Clock clock;
    private final RotationFlow rotation;
    private final GroupIncident revoke;
    private final CutoverViewModel tracker;
    private final Runnable afterChange;
    private final Predicate<Throwable> connectionFailures;
    private final RetryPolicy.Sleeper sleeper;

    private final ObservableList<KeyReviewViewModel> items = FXCollections.observableArrayList(
            item -> new Observable[] {item.decisionProperty(), item.loadStateProperty(), item.proposalProperty(),
                    item.outcomeProperty(), item.matrix().selection()});
    private final ObservableList<KeyReviewViewModel> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ObjectProperty<KeyReviewViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ReviewWindow> window = new SimpleObjectProperty<>(this, "window", ReviewWindow.DEFAULT);
    private final ObjectProperty<Grace> grace = new SimpleObjectProperty<>(this, "grace", Grace.DEFAULT);
    private final ObjectProperty<RotationFlow.Handover> handover =
            new SimpleObjectProperty<>(this, "handover", RotationFlow.Handover.ONE_BY_ONE);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Nothing to review yet");
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper(this, "unavailable", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper applying = new ReadOnlyBooleanWrapper(this, "applying");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper toRotate = new ReadOnlyBooleanWrapper(this, "toRotate");

    private final StringBinding summary;
    private final ObjectBinding<ActionState> narrowAction;
    private final ObjectBinding<ActionState> rotateAction;
    private final ObjectBinding<ActionState> revokeAction;

    private TaskHandle running;
    /** Counts up with each new set, so a load of an old set that finishes late is ignored. */
    private int generation;

    public ReviewViewModel(Session session, TaskRunner tasks, DialogService dialogs, AppSettings settings, Clock clock,
                           RotationFlow rotation, GroupIncident revoke, CutoverViewModel tracker,
                           Runnable afterChange, Predicate<Throwable> connectionFailures, RetryPolicy.Sleeper sleeper) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rotation = Objects.requireNonNull(rotation, "rotation");
        this.revoke = Objects.requireNonNull(revoke, "revoke");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");

        window.addListener((obs, old, w) -> items.forEach(i -> i.propose(w)));
        session.connectionProperty().addListener((obs, old, now) -> clear());
        summary = Bindings.createStringBinding(this::summarize, items);
        Observable[] deps = {items, session.connectionProperty(), loading, applying, rotation.busyProperty(),
                revoke.busyProperty()};
        narrowAction = Bindings.createObjectBinding(this::narrowState, deps);
        rotateAction = Bindings.createObjectBinding(this::rotateState, deps);
        revokeAction = Bindings.createObjectBinding(this::revokeState, deps);
    }

    // ---- the set -----------------------------------------------------------------------------

    /** Reviews {@code keys} (from the table, the expiry panel, Rotate…). */
    public void review(List<ApiKey> keys, boolean rotate) {
        Connection connection = session.current().orElse(null);
        if (connection == null) {
            return;
        }
        toRotate.set(rotate);
        setItems(connection, keys, keys.size() == 1
                ? (rotate ? "Rotate " : "Review ") + "“" + name(keys.get(0)) + "”"
                : "Review " + keys.size() + " keys");
        loadUsage(connection);
    }

    /** The default set: every key due for rotation (older than its type's rotation age), read fresh. */
    public void reviewDue() {
        Connection connection = session.current().orElse(null);
        if (connection == null || loading.get()) {
            return;
        }
        if (!connection.holds(READ)) {
            message.set(ActionState.lacks(READ).reason());
            return;
        }
        int gen = ++generation;
        toRotate.set(false);
        loading.set(true);
        progress.set(-1);
        progressText.set("Finding the keys due for rotation…");
        running = tasks.submit(BackgroundTask.of("Finding keys due for rotation",
                        p -> DueKeys.of(connection.api().listAllKeys(n -> p.message("Reading keys… " + n)),
                                clock.instant(), settings.expiryRules()))
                .onSuccess(due -> {
                    if (gen != generation) {
                        return;
                    }
                    loading.set(false);
                    var rules = settings.expiryRules();
                    setItems(connection, due, due.isEmpty() ? "No key is due for rotation"
                            : due.size() + (due.size() == 1 ? " key is" : " keys are") + " due for rotation (older than "
                            + rules.rotationDaysLive() + " days live, " + rules.rotationDaysTest() + " days test)");
                    loadUsage(connection);
                })
                .onFailure(error -> {
                    loading.set(false);
                    progressText.set("");
                    connectionFailures.test(error);
                    message.set(KeyForm.sentence(ErrorMessages.describe(error,
                            ErrorMessages.Action.read("list the keys due for rotation")), false));
                })
                .onCancelled(() -> {
                    loading.set(false);
                    progressText.set("");
                    message.set("Cancelled.");
                }));
    }

    private void setItems(Connection connection, List<ApiKey> keys, String heading) {
        cancelLoading();
        generation++;
        List<KeyReviewViewModel> next = new ArrayList<>();
        for (ApiKey k : keys) {
            next.add(new KeyReviewViewModel(k, connection.catalog(), connection.policy(), connection::holds,
                    connection.capabilities(), clock, connection.isConnectedKey(k.id())));
        }
        items.setAll(next);
        selected.set(next.isEmpty() ? null : next.get(0));
        title.set(heading);
        message.set("");
        unavailable.set("");
    }

    private void clear() {
        cancelLoading();
        generation++;
        items.clear();
        selected.set(null);
        title.set("Nothing to review yet");
        unavailable.set("");
        message.set("");
    }

    // ---- loading usage, one key at a time ----------------------------------------------------------

    private void loadUsage(Connection connection) {
        if (items.isEmpty()) {
            return;
        }
        int gen = generation;
        loading.set(true);
        progress.set(0);
        progressText.set("Checking what the server offers…");
        running = tasks.submit(BackgroundTask.of("Checking for usage per permission", p -> {
                    var caps = connection.api().capabilities();
                    return caps.has(Capability.USAGE) ? "" : "Usage per permission is unavailable on this server: "
                            + caps.whyNot(Capability.USAGE).orElse("it has no usage endpoint")
                            + " The keys' grants are shown; nothing is proposed.";
                })
                .onSuccess(why -> {
                    if (gen != generation) {
                        return;
                    }
                    unavailable.set(why);
                    loadNext(connection, gen, 0, why.isEmpty());
                })
                .onFailure(error -> loadFailed(gen, error))
                .onCancelled(() -> loadCancelled(gen)));
    }

    private void loadNext(Connection connection, int gen, int index, boolean withUsage) {
        if (gen != generation) {
            return;
        }
        if (index >= items.size()) {
            loading.set(false);
            progress.set(1);
            progressText.set("");
            running = null;
            return;
        }
        KeyReviewViewModel item = items.get(index);
        item.loading();
        progress.set((double) index / items.size());
        String what = (withUsage ? "Loading usage " : "Loading ") + (index + 1) + " of " + items.size() + ": "
                + item.label();
        progressText.set(what);
        running = tasks.submit(BackgroundTask.of(what, p -> loadOne(connection, item.key(), withUsage, p))
                .onSuccess(one -> {
                    if (gen != generation) {
                        return;
                    }
                    if (one.stopped() != null) {
                        item.failed(describe(one.stopped()));
                        loadFailed(gen, one.stopped());
                        return;
                    }
                    if (one.loaded() != null) {
                        item.loaded(one.loaded().key(), one.loaded().usage(), window.get());
                    } else {
                        item.failed(one.failure());
                    }
                    loadNext(connection, gen, index + 1, withUsage);
                })
                .onFailure(error -> {
                    item.failed(describe(error));
                    loadFailed(gen, error);
                })
                .onCancelled(() -> {
                    item.failed("Not loaded: cancelled.");
                    loadCancelled(gen);
                }));
        // A wait for the rate limit shows while it lasts.
        running.messageProperty().addListener((obs, old, text) -> {
            if (gen == generation && text != null && !text.isEmpty()) {
                progressText.set(text);
            }
        });
    }

    private record One(UsageLoader.Loaded loaded, String failure, Throwable stopped) {
    }

    private One loadOne(Connection connection, ApiKey key, boolean withUsage,
                        dev.keydesk.app.common.Progress p) throws InterruptedException {
        if (!withUsage) {
            return new One(new UsageLoader.Loaded(connection.api().getKey(key.id()), null), null, null);
        }
        One[] result = new One[1];
        Throwable stopped = new UsageLoader(connection.api(), sleeper).load(List.of(key), new UsageLoader.Listener() {
            @Override
            public void loading(int index, int total, ApiKey k) {
            }

            @Override
            public void loaded(ApiKey k, UsageLoader.Loaded loaded) {
                result[0] = new One(loaded, null, null);
            }

            @Override
            public void failed(ApiKey k, Throwable error) {
                result[0] = new One(null, describe(error), null);
            }

            @Override
            public void waiting(Duration wait) {
                p.message("Rate limited: waiting " + wait.toSeconds() + " s, as the server asked…");
            }

            @Override
            public boolean isCancelled() {
                return p.isCancelled();
            }
        });
        return stopped != null ? new One(null, null, stopped) : result[0];
    }

    private void loadFailed(int gen, Throwable error) {
        if (gen != generation) {
            return;
        }
        loading.set(false);
        progressText.set("");
        running = null;
        connectionFailures.test(error);
        message.set("Loading stopped: " + describe(error) + " Refresh (F5) to try again.");
    }

    private void loadCancelled(int gen) {
        if (gen != generation) {
            return;
        }
        loading.set(false);
        progressText.set("");
        running = null;
        message.set("Loading cancelled: the keys not loaded show no usage. Refresh (F5) to load them.");
    }

    private static String describe(Throwable error) {
        return ErrorMessages.describe(error, ErrorMessages.Action.read("load the key's usage")).whatHappened();
    }

    /**
     * Stops loading (the keys loaded so far keep their usage); a rotation in progress stops after
     * the key in flight, whose secret is still handed over.
     */
    public void cancel() {
        if (rotation.busyProperty().get()) {
            rotation.stop();
        }
        cancelLoading();
    }

    private void cancelLoading() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
        running = null;
        loading.set(false);
    }

    /** F5: the same set, loaded again (or the due keys when there is none). */
    public void refresh() {
        Connection connection = session.current().orElse(null);
        if (connection == null || loading.get()) {
            return;
        }
        if (items.isEmpty()) {
            reviewDue();
            return;
        }
        review(items.stream().map(KeyReviewViewModel::key).toList(), toRotate.get());
    }

    /** After a conflict: the key as it is now, and its proposal. */
    public void reload(KeyReviewViewModel item) {
        reloadThen(item, () -> { });
    }

    /** After a conflict: the key as it is now, with this reviewer's removals and additions on top. */
    public void reapply(KeyReviewViewModel item) {
        Set<Permission> removed = item.removed();
        Set<Permission> added = item.added();
        reloadThen(item, () -> item.reapply(removed, added));
    }

    private void reloadThen(KeyReviewViewModel item, Runnable then) {
        Connection connection = session.current().orElse(null);
        if (connection == null || loading.get()) {
            return;
        }
        loading.set(true);
        boolean withUsage = unavailable.get().isEmpty();
        item.loading();
        running = tasks.submit(BackgroundTask.of("Reloading " + item.key().id(),
                        p -> loadOne(connection, item.key(), withUsage, p))
                .onSuccess(one -> {
                    loading.set(false);
                    running = null;
                    if (one.loaded() == null) {
                        item.failed(one.failure() != null ? one.failure() : describe(one.stopped()));
                        return;
                    }
                    item.loaded(one.loaded().key(), one.loaded().usage(), window.get());
                    item.setConflict(false);
                    item.setOutcome("");
                    then.run();
                })
                .onFailure(error -> {
                    loading.set(false);
                    running = null;
                    connectionFailures.test(error);
                    item.failed(describe(error));
                })
                .onCancelled(() -> {
                    loading.set(false);
                    running = null;
                }));
    }

    // ---- applying ------------------------------------------------------------------------------

    private List<KeyReviewViewModel> toNarrow() {
        return items.stream().filter(KeyReviewViewModel::narrows).filter(i -> !i.isConnectedKey()).toList();
    }

    private List<KeyReviewViewModel> toRotateNow() {
        return items.stream().filter(KeyReviewViewModel::rotatable).toList();
    }

    private List<KeyReviewViewModel> toRevoke() {
        return items.stream().filter(KeyReviewViewModel::revokes).filter(i -> !i.isConnectedKey()).toList();
    }

    private ActionState common() {
        if (session.current().isEmpty()) {
            return ActionState.blocked("Not connected");
        }
        if (!session.holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        if (loading.get() || applying.get() || rotation.busyProperty().get() || revoke.busyProperty().get()) {
            return ActionState.blocked("Wait for the work in progress");
        }
        return null;
    }

    private ActionState narrowState() {
        ActionState c = common();
        return c != null ? c : toNarrow().isEmpty()
                ? ActionState.blocked("Accept or edit a proposal that removes permissions first") : ActionState.allowed();
    }

    private ActionState rotateState() {
        ActionState c = common();
        return c != null ? c : toRotateNow().isEmpty()
                ? ActionState.blocked("Accept (or edit) the keys to rotate first") : ActionState.allowed();
    }

    private ActionState revokeState() {
        ActionState c = common();
        return c != null ? c : toRevoke().isEmpty()
                ? ActionState.blocked("No accepted proposal is to revoke a key") : ActionState.allowed();
    }

    /** Narrows the accepted and edited keys in place, after a confirmation that names each and its removals. */
    public void narrow() {
        Connection connection = session.current().orElse(null);
        List<KeyReviewViewModel> batch = toNarrow();
        if (connection == null || !narrowState().enabled()) {
            return;
        }
        StringBuilder details = new StringBuilder("Each key keeps working with only the permissions below; its "
                + "secret does not change. A key someone else changed since you reviewed it is left alone.\n");
        batch.forEach(i -> details.append("\n• ").append(i.changeLine()));
        if (!dialogs.confirmDestructive("Narrow keys", "Narrow " + (batch.size() == 1 ? batch.get(0).label()
                        : batch.size() + " keys") + " on " + connection.profile().name() + "?", details.toString(),
                batch.size() == 1 ? "Narrow" : "Narrow " + batch.size() + " keys")) {
            return;
        }
        record Job(KeyReviewViewModel item, dev.keydesk.client.model.VersionedKey reviewed, Set<Permission> perms) {
        }
        List<Job> jobs = batch.stream().map(i -> new Job(i, i.versioned(), i.resultingPermissions())).toList();
        applying.set(true);
        progressText.set("Narrowing…");
        // Not kept in running: a new set of keys cancels a load, never a write in flight.
        tasks.submit(BackgroundTask.of("Narrowing " + jobs.size() + " keys", p -> {
                    List<Narrowing.Outcome> outcomes = new ArrayList<>();
                    for (int n = 0; n < jobs.size(); n++) {
                        p.update(n, jobs.size());
                        try {
                            outcomes.add(Narrowing.apply(connection.api(), jobs.get(n).reviewed(), jobs.get(n).perms()));
                        } catch (CancelledException e) {
                            throw e;
                        } catch (KeyApiException e) {
                            // about the connection itself: the rest would fail the same way
                            for (int rest = n; rest < jobs.size(); rest++) {
                                outcomes.add(new Narrowing.Outcome(jobs.get(rest).item().key().id(),
                                        Narrowing.Result.FAILED, null, "not sent: " + describe(e), e));
                            }
                            break;
                        }
                    }
                    return outcomes;
                })
                .onSuccess(outcomes -> {
                    applying.set(false);
                    progressText.set("");
                    int narrowed = 0;
                    for (int n = 0; n < outcomes.size(); n++) {
                        Narrowing.Outcome o = outcomes.get(n);
                        KeyReviewViewModel item = jobs.get(n).item();
                        switch (o.result()) {
                            case NARROWED -> {
                                narrowed++;
                                item.setOutcome("Narrowed: " + String.join(", ", o.key().key().permissions().stream()
                                        .map(Permission::value).toList()));
                                item.done();
                            }
                            case CONFLICT -> {
                                item.setConflict(true);
                                item.setOutcome(o.message());
                            }
                            default -> {
                                item.setOutcome("Not narrowed: " + o.message());
                                if (o.error() != null) {
                                    connectionFailures.test(o.error());
                                }
                            }
                        }
                    }
                    message.set("Narrowed " + narrowed + " of " + outcomes.size()
                            + (outcomes.size() == 1 ? " key." : " keys."));
                    afterChange.run();
                })
                .onFailure(error -> {
                    applying.set(false);
                    progressText.set("");
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error, ErrorMessages.Action.write("narrow the keys")));
                    afterChange.run();
                })
                .onCancelled(() -> {
                    applying.set(false);
                    progressText.set("");
                    message.set("Cancelled: refresh to see which keys were narrowed.");
                    afterChange.run();
                }));
    }

    /** Rotates the accepted and edited keys with their reviewed sets and the chosen grace. */
    public void rotate() {
        if (!rotateState().enabled()) {
            return;
        }
        List<KeyReviewViewModel> batch = toRotateNow();
        rotation.rotate(batch, grace.get(), handover.get(), () -> {
            message.set("Rotation finished: the old keys are in the cutover tracker.");
            afterChange.run();
            tracker.refresh();
        });
    }

    /**
     * Revokes the keys whose accepted proposal was to revoke them, through the incident engine: its
     * preview, the typed count, the run with its report; each key then shows its outcome.
     */
    public void revokeUnused() {
        if (!revokeState().enabled()) {
            return;
        }
        List<KeyReviewViewModel> batch = toRevoke();
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(i -> ids.add(i.key().id()));
        revoke.runOnKeys(IncidentAction.REVOKE, ids, "the reviewed keys nothing used", "review: unused key",
                result -> {
                    Map<String, KeyOutcome> outcomes = new HashMap<>();
                    result.outcomes().forEach(o -> outcomes.put(o.keyId(), o));
                    batch.forEach(i -> {
                        KeyOutcome o = outcomes.get(i.key().id());
                        i.setOutcome(o == null ? "Not revoked: it was no longer a key to revoke"
                                : outcomeText(o));
                    });
                }, afterChange);
    }

    /** "Revoked", "Already gone", or what went wrong: "Failed — the server answered 500 (req_…)". */
    private static String outcomeText(KeyOutcome o) {
        String label = IncidentTexts.capitalized(o.outcome().label());
        boolean asAsked = o.outcome() == Outcome.REVOKED || o.outcome() == Outcome.ALREADY_GONE;
        return asAsked || o.message() == null ? label : label + " — " + o.message();
    }

    private String summarize() {
        if (items.isEmpty()) {
            return "";
        }
        long accepted = count(KeyReviewViewModel.Decision.ACCEPTED);
        long edited = count(KeyReviewViewModel.Decision.EDITED);
        long skipped = count(KeyReviewViewModel.Decision.SKIPPED);
        long undecided = count(KeyReviewViewModel.Decision.UNDECIDED);
        long done = count(KeyReviewViewModel.Decision.DONE);
        List<String> parts = new ArrayList<>();
        parts.add(accepted + " accepted");
        parts.add(edited + " edited");
        parts.add(skipped + " skipped");
        parts.add(undecided + " to decide");
        if (done > 0) {
            parts.add(done + " done");
        }
        return String.join(" · ", parts);
    }

    private long count(KeyReviewViewModel.Decision d) {
        return items.stream().filter(i -> i.decisionProperty().get() == d).count();
    }

    private static String name(ApiKey k) {
        return k.name() == null ? k.id() : k.name();
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObservableList<KeyReviewViewModel> items() {
        return itemsView;
    }

    public ObjectProperty<KeyReviewViewModel> selectedProperty() {
        return selected;
    }

    /** The review window (7–90 days; default 30). */
    public ObjectProperty<ReviewWindow> windowProperty() {
        return window;
    }

    public ObjectProperty<Grace> graceProperty() {
        return grace;
    }

    public ObjectProperty<RotationFlow.Handover> handoverProperty() {
        return handover;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Why usage cannot be shown on this server; "" when it can. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyingProperty() {
        return applying.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The set came from Rotate…: the workspace offers rotating first. */
    public ReadOnlyBooleanProperty toRotateProperty() {
        return toRotate.getReadOnlyProperty();
    }

    public StringBinding summaryProperty() {
        return summary;
    }

    public ObjectBinding<ActionState> narrowActionProperty() {
        return narrowAction;
    }

    public ObjectBinding<ActionState> rotateActionProperty() {
        return rotateAction;
    }

    public ObjectBinding<ActionState> revokeActionProperty() {
        return revokeAction;
    }

    public RotationFlow rotation() {
        return rotation;
    }

    public CutoverViewModel tracker() {
        return tracker;
    }
}
