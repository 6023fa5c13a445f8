package dev.keydesk.app.keys;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyType;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.keys.KeyFilter;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
import javafx.collections.transformation.SortedList;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key table's state and rules: loading (in the background, cancellable), the rows, the text
 * filter and quick filters, the selection (kept across reloads), and which actions the connected
 * admin key may perform. The view binds to it and forwards gestures; nothing here touches a node.
 */
public final class KeyTableViewModel {

    /**
     * Where loading is; the view shows an overlay, the table, an empty state or an error state.
     * CANCELLED: the person stopped a load before any had finished for this connection, so the
     * table holds nothing true to show (it must not claim "no keys").
     */
    public enum LoadState { IDLE, LOADING, READY, CANCELLED, ERROR }

    static final Permission READ = Permission.of("access_tokens", Permission.READ);
    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);

    private final Session session;
    private final TaskRunner tasks;
    private final Clock clock;
    private final Predicate<Throwable> connectionFailures;

    private final ObservableList<KeyRow> rows = FXCollections.observableArrayList();
    // Kept, not made per call: a read-only wrapper listens to its list weakly.
    private final ObservableList<KeyRow> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    // Sorted first, filtered second: a filter keeps the sorted order, so a keystroke costs one
    // predicate pass and never a re-sort (100,000 keys sorted by name: ~25 ms against ~200 ms
    // the other way round, bench ui-filter). Only a new sort order sorts.
    private final SortedList<KeyRow> sorted = new SortedList<>(rows);
    private final FilteredList<KeyRow> filtered = new FilteredList<>(sorted);

    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ObjectProperty<String> statusFilter = new SimpleObjectProperty<>(this, "statusFilter");
    private final ObjectProperty<String> typeFilter = new SimpleObjectProperty<>(this, "typeFilter");
    private final ObjectProperty<String> resourceFilter = new SimpleObjectProperty<>(this, "resourceFilter");
    private final ObjectProperty<Integer> expiringWithinDays = new SimpleObjectProperty<>(this, "expiringWithinDays");
    private final ReadOnlyObjectWrapper<KeySubset> subset = new ReadOnlyObjectWrapper<>(this, "subset");
    private final ReadOnlyBooleanWrapper showingRevoked = new ReadOnlyBooleanWrapper(this, "showingRevoked");
    private final ReadOnlyObjectWrapper<ActionState> revokedFilter =
            new ReadOnlyObjectWrapper<>(this, "revokedFilter", ActionState.blocked("Not connected"));
    private final ObservableList<Choice<String>> resourceChoices = FXCollections.observableArrayList();

    private final ReadOnlyObjectWrapper<LoadState> state = new ReadOnlyObjectWrapper<>(this, "state", LoadState.IDLE);
    private final ReadOnlyObjectWrapper<ActionState> revokeAllShownAction =
            new ReadOnlyObjectWrapper<>(this, "revokeAllShownAction", ActionState.blocked("Not connected"));
    /** True once a load has finished for the current connection: the rows are then real. */
    private boolean loadedOnce;
    private final ReadOnlyObjectWrapper<UserMessage> error = new ReadOnlyObjectWrapper<>(this, "error");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper(this, "progressMessage", "");
    private final ReadOnlyObjectWrapper<Instant> lastRefresh = new ReadOnlyObjectWrapper<>(this, "lastRefresh");
    private final ReadOnlyIntegerWrapper rowsReplaced = new ReadOnlyIntegerWrapper(this, "rowsReplaced");
    private final ReadOnlyIntegerWrapper revealed = new ReadOnlyIntegerWrapper(this, "revealed");

    private final ObservableList<KeyRow> selected = FXCollections.observableArrayList();
    private final ObservableList<KeyRow> selectedReadOnly = FXCollections.unmodifiableObservableList(selected);
    private final ReadOnlyObjectWrapper<KeyRow> focused = new ReadOnlyObjectWrapper<>(this, "focused");

    private final ReadOnlyObjectWrapper<ActionState> createAction = new ReadOnlyObjectWrapper<>(this, "createAction");
    private final ReadOnlyObjectWrapper<ActionState> editAction = new ReadOnlyObjectWrapper<>(this, "editAction");
    private final ReadOnlyObjectWrapper<ActionState> rotateAction = new ReadOnlyObjectWrapper<>(this, "rotateAction");
    private final ReadOnlyObjectWrapper<ActionState> reviewAction = new ReadOnlyObjectWrapper<>(this, "reviewAction");
    private final ReadOnlyObjectWrapper<ActionState> revokeAction = new ReadOnlyObjectWrapper<>(this, "revokeAction");
    private final ReadOnlyObjectWrapper<ActionState> refreshAction = new ReadOnlyObjectWrapper<>(this, "refreshAction");
    private final ReadOnlyObjectWrapper<ActionState> incidentAction = new ReadOnlyObjectWrapper<>(this, "incidentAction");
    private final ReadOnlyObjectWrapper<ActionState> freezeAction = new ReadOnlyObjectWrapper<>(this, "freezeAction");
    private final ReadOnlyObjectWrapper<ActionState> thawAction = new ReadOnlyObjectWrapper<>(this, "thawAction");
    private final ReadOnlyObjectWrapper<ActionState> copyPrefixAction = new ReadOnlyObjectWrapper<>(this, "copyPrefixAction");

    // What the connected server's dialect sends: columns without data are hidden, and the table says so.
    private final ReadOnlyObjectWrapper<Set<KeyColumn>> shownColumns =
            new ReadOnlyObjectWrapper<>(this, "shownColumns", Set.copyOf(EnumSet.allOf(KeyColumn.class)));
    private final ReadOnlyStringWrapper columnsNote = new ReadOnlyStringWrapper(this, "columnsNote", "");
    private final ReadOnlyStringWrapper columnsNoteDetails = new ReadOnlyStringWrapper(this, "columnsNoteDetails", "");
    private final ReadOnlyBooleanWrapper typeFilterShown = new ReadOnlyBooleanWrapper(this, "typeFilterShown", true);
    private final ObservableList<Choice<String>> statusChoices = FXCollections.observableArrayList(statusChoices());

    private final BooleanBinding empty;
    private final BooleanBinding noMatches;
    private final StringBinding countText;

    private TaskHandle load;
    private Object loadToken;
    private boolean replacingRows;

    public KeyTableViewModel(Session session, TaskRunner tasks, Clock clock) {
        this(session, tasks, clock, error -> false);
    }

    /**
     * @param connectionFailures told about every load failure first; returns true when the failure
     *     concerned the connection itself (401, server gone), which the status bar then shows
     */
    public KeyTableViewModel(Session session, TaskRunner tasks, Clock clock,
                             Predicate<Throwable> connectionFailures) {
        this.session = session;
        this.connectionFailures = connectionFailures;
        this.tasks = tasks;
        this.clock = clock;

        filterText.addListener((obs, old, value) -> applyFilter());
        statusFilter.addListener((obs, old, value) -> {
            boolean revokedBefore = KeyStatus.REVOKED.equals(old);
            boolean revokedNow = KeyStatus.REVOKED.equals(value);
            if (revokedBefore != revokedNow) {
                // Revoked keys are another list: switching to or from it loads that list.
                showingRevoked.set(revokedNow);
                refresh();
            }
            applyFilter();
        });
        typeFilter.addListener((obs, old, value) -> applyFilter());
        resourceFilter.addListener((obs, old, value) -> applyFilter());
        expiringWithinDays.addListener((obs, old, value) -> applyFilter());
        subset.addListener((obs, old, value) -> applyFilter());

        empty = Bindings.createBooleanBinding(() -> state.get() == LoadState.READY && rows.isEmpty(), state, rows);
        noMatches = Bindings.createBooleanBinding(
                () -> state.get() == LoadState.READY && !rows.isEmpty() && filtered.isEmpty(), state, rows, filtered);
        countText = Bindings.createStringBinding(() -> filtered.size() == rows.size()
                ? rows.size() + (rows.size() == 1 ? " key" : " keys")
                : filtered.size() + " of " + rows.size() + " keys", rows, filtered);

        session.connectionProperty().addListener((obs, old, connection) -> connectionChanged(connection));
        connectionChanged(session.connectionProperty().get());
    }

    // ---- loading ------------------------------------------------------------------------------

    /**
     * Reloads every key in the background (the revoked ones while the "Revoked" status is chosen);
     * a load already running is cancelled first.
     */
    public void refresh() {
        Connection connection = session.connectionProperty().get();
        if (connection == null) {
            return;
        }
        boolean revokedList = showingRevoked.get();
        if (revokedList && !revokedFilter.get().enabled() && revokedFilter.get().reason() != null
                && !revokedFilter.get().reason().equals(CHECKING_REVOKED)) {
            cancelLoad();
            replaceRows(List.of());
            state.set(LoadState.ERROR);
            error.set(new UserMessage("Revoked keys cannot be listed", revokedFilter.get().reason(),
                    "Nothing was changed.", "Choose another status to see the keys that still exist.", null));
            updateActions();
            return;
        }
        if (!session.holds(READ)) {
            state.set(LoadState.ERROR);
            error.set(new UserMessage("Cannot list keys",
                    "This admin key lacks the access_tokens:read permission, so the server will not list keys.",
                    "Nothing was changed.",
                    "Connect with an admin key that holds access_tokens:read (Connections…).", null));
            return;
        }
        cancelLoad();
        KeyApi api = connection.api();
        Object token = new Object();
        loadToken = token;
        state.set(LoadState.LOADING);
        error.set(null);
        progress.unbind();
        progressMessage.unbind();
        progress.set(-1);
        String what = revokedList ? "revoked keys" : "keys";
        progressMessage.set("Loading " + what + "…");
        updateActions();
        TaskHandle handle = tasks.submit(BackgroundTask.<List<KeyRow>>of("Loading " + what, p -> {
            p.message("Loading " + what + "…");
            Consumer<Integer> onPage = count -> {
                p.update(count, -1);
                p.message("Loaded " + count + " " + what + "…");
            };
            // A server without the 1.1 status filter makes the client throw FeatureUnavailableException.
            List<ApiKey> keys = api.listAllKeys(revokedList ? KeyStatus.REVOKED : null, onPage);
            p.message("Preparing " + keys.size() + " " + what + "…");
            Instant now = clock.instant();
            List<KeyRow> built = new ArrayList<>(keys.size());
            for (ApiKey key : keys) {
                built.add(KeyRow.of(key, now));
            }
            return built;
        }).onSuccess(built -> {
            if (loadToken == token) {
                loaded(built);
            }
        }).onFailure(failure -> {
            if (loadToken == token) {
                failed(failure);
            }
        }).onCancelled(() -> {
            if (loadToken == token) {
                cancelled();
            }
        }));
        if (!handle.isDone()) {
            load = handle;
            progress.bind(handle.progressProperty());
            progressMessage.bind(handle.messageProperty());
        }
    }

    /** Stops a load in flight; the table keeps what it showed before. */
    public void cancelLoad() {
        if (load != null && !load.isDone()) {
            TaskHandle running = load;
            load = null;
            running.cancel();
        }
    }

    private void loaded(List<KeyRow> built) {
        load = null;
        loadToken = null;
        progress.unbind();
        progressMessage.unbind();
        replaceRows(built);
        loadedOnce = true;
        lastRefresh.set(clock.instant());
        state.set(LoadState.READY);
        updateActions();
    }

    private void failed(Throwable failure) {
        load = null;
        loadToken = null;
        progress.unbind();
        progressMessage.unbind();
        connectionFailures.test(failure);
        error.set(ErrorMessages.describe(failure, "load the keys"));
        state.set(LoadState.ERROR);
        updateActions();
    }

    private void cancelled() {
        load = null;
        loadToken = null;
        progress.unbind();
        progressMessage.unbind();
        // What was shown before stays; a first load that was cancelled says so (not "no keys").
        state.set(loadedOnce ? LoadState.READY : LoadState.CANCELLED);
        updateActions();
    }

    private void connectionChanged(Connection connection) {
        checkRevokedList(connection);
        cancelLoad();
        loadToken = null;
        loadedOnce = false;
        replaceRows(List.of());
        showWhatTheDialectSends(connection);
        resourceChoices.setAll(resourceChoicesOf(connection));
        if (resourceFilter.get() != null && connection != null
                && connection.catalog().resource(resourceFilter.get()).isEmpty()) {
            resourceFilter.set(null);
        }
        if (connection == null) {
            state.set(LoadState.IDLE);
            error.set(null);
            updateActions();
        } else {
            updateActions();
            refresh();
        }
    }

    /**
     * Columns, quick filters and actions follow what the server can do: a column without data is
     * hidden (and the note says which and why), the type filter goes where keys have no type, and
     * "Frozen" (disabled) goes from the status filter where keys cannot be disabled.
     */
    private void showWhatTheDialectSends(Connection connection) {
        Capabilities capabilities = connection == null ? null : connection.capabilities();
        shownColumns.set(capabilities == null ? Set.copyOf(EnumSet.allOf(KeyColumn.class))
                : Set.copyOf(KeyColumn.shown(capabilities)));
        columnsNote.set(capabilities == null ? "" : KeyColumn.hiddenNote(capabilities));
        columnsNoteDetails.set(capabilities == null ? "" : KeyColumn.hiddenReasons(capabilities));
        boolean types = capabilities == null || capabilities.has(Capability.KEY_TYPES);
        typeFilterShown.set(types);
        if (!types) {
            typeFilter.set(null);
        }
        boolean freeze = capabilities == null || capabilities.has(Capability.FREEZE);
        statusChoices.setAll(statusChoices().stream()
                .filter(c -> freeze || !KeyStatus.DISABLED.equals(c.value())).toList());
        if (!freeze && KeyStatus.DISABLED.equals(statusFilter.get())) {
            statusFilter.set(null);
        }
    }

    /** Replaces the rows and keeps the selected keys selected (by id) if they are still there. */
    private void replaceRows(List<KeyRow> built) {
        Set<String> keep = new LinkedHashSet<>();
        selected.forEach(r -> keep.add(r.id()));
        String focusedId = focused.get() == null ? null : focused.get().id();
        replacingRows = true;
        try {
            rows.setAll(built);
        } finally {
            replacingRows = false;
        }
        Map<String, KeyRow> byId = new HashMap<>();
        if (!keep.isEmpty()) {
            for (KeyRow row : built) {
                if (keep.contains(row.id())) {
                    byId.put(row.id(), row);
                }
            }
        }
        List<KeyRow> restored = new ArrayList<>();
        keep.forEach(id -> {
            KeyRow row = byId.get(id);
            if (row != null) {
                restored.add(row);
            }
        });
        selected.setAll(restored);
        focused.set(focusedId == null ? null : byId.get(focusedId));
        if (focused.get() == null && restored.size() == 1) {
            focused.set(restored.get(0));
        }
        rowsReplaced.set(rowsReplaced.get() + 1);
        updateActions();
    }

    // ---- filtering ----------------------------------------------------------------------------

    public KeyFilter currentFilter() {
        // The revoked list holds only revoked keys: the status chose the list, not a filter over it.
        String status = KeyStatus.REVOKED.equals(statusFilter.get()) ? null : statusFilter.get();
        return new KeyFilter(filterText.get(), status, typeFilter.get(), resourceFilter.get(),
                expiringWithinDays.get());
    }

    private void applyFilter() {
        KeyFilter filter = currentFilter();
        KeySubset only = subset.get();
        Predicate<KeyRow> predicate = filter.isEmpty() ? null : filter.toPredicate(clock.instant());
        if (only != null) {
            Set<String> ids = only.ids();
            Predicate<KeyRow> inSubset = row -> ids.contains(row.id());
            predicate = predicate == null ? inSubset : predicate.and(inSubset);
        }
        filtered.setPredicate(predicate);
        updateActions(); // "revoke all shown" depends on what is shown
    }

    /** Whether anything narrows the table: text, a quick filter (the Revoked list too), or a subset. */
    public boolean hasFilters() {
        return !currentFilter().isEmpty() || subset.get() != null || statusFilter.get() != null;
    }

    /** Clears the text, every quick filter and the subset (Escape). */
    public void clearFilters() {
        filterText.set("");
        statusFilter.set(null);
        typeFilter.set(null);
        resourceFilter.set(null);
        expiringWithinDays.set(null);
        subset.set(null);
    }

    /** Narrows the table to exactly {@code only} (an expiry group): the other filters are cleared first. */
    public void showSubset(KeySubset only) {
        clearFilters();
        subset.set(only);
    }

    /** Swaps the subset for an updated one (the same group after a reload), keeping the other filters. */
    public void replaceSubset(KeySubset only) {
        subset.set(only);
    }

    /** The subset the table is narrowed to, or null; the view shows its label with a way to end it. */
    public ReadOnlyObjectProperty<KeySubset> subsetProperty() {
        return subset.getReadOnlyProperty();
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<String> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<String> typeFilterProperty() {
        return typeFilter;
    }

    public ObjectProperty<String> resourceFilterProperty() {
        return resourceFilter;
    }

    public ObjectProperty<Integer> expiringWithinDaysProperty() {
        return expiringWithinDays;
    }

    /** The statuses to filter by; "Revoked" lists the revoked keys instead (see {@link #revokedFilterProperty()}). */
    public static List<Choice<String>> statusChoices() {
        return List.of(new Choice<>("Any status", null), new Choice<>("Active", KeyStatus.ACTIVE),
                new Choice<>("Frozen", KeyStatus.DISABLED), new Choice<>("Expired", KeyStatus.EXPIRED),
                new Choice<>("Revoked", KeyStatus.REVOKED));
    }

    static final String CHECKING_REVOKED = "Checking whether this server lists revoked keys…";

    /**
     * Whether the connection's server lists revoked keys: the client's capabilities, which it
     * probes with a request the first time (so in the background).
     */
    private void checkRevokedList(Connection connection) {
        if (connection == null) {
            revokedFilter.set(ActionState.blocked("Not connected"));
            return;
        }
        revokedFilter.set(ActionState.blocked(CHECKING_REVOKED));
        KeyApi api = connection.api();
        tasks.submit(BackgroundTask.<Optional<String>>of("Checking what the server offers",
                p -> api.capabilities().whyNot(Capability.REVOKED_LIST))
                .onSuccess(whyNot -> {
                    if (session.connectionProperty().get() == connection) {
                        revokedFilter.set(whyNot.map(ActionState::blocked).orElse(ActionState.allowed()));
                    }
                })
                .onFailure(error -> {
                    if (session.connectionProperty().get() == connection) {
                        revokedFilter.set(ActionState.blocked("Could not ask the server: "
                                + ErrorMessages.describe(error).whatHappened()));
                    }
                }));
    }

    /** Whether the "Revoked" status can be chosen on this connection, and if not, why. */
    public ReadOnlyObjectProperty<ActionState> revokedFilterProperty() {
        return revokedFilter.getReadOnlyProperty();
    }

    /** True while the table lists revoked keys (the history) instead of the keys that exist. */
    public ReadOnlyBooleanProperty showingRevokedProperty() {
        return showingRevoked.getReadOnlyProperty();
    }

    public static List<Choice<String>> typeChoices() {
        return List.of(new Choice<>("Any type", null), new Choice<>("Live", KeyType.LIVE),
                new Choice<>("Test", KeyType.TEST));
    }

    public static List<Choice<Integer>> expiryChoices() {
        return List.of(expiryChoice(null), expiryChoice(7), expiryChoice(30), expiryChoice(90));
    }

    /** The quick filter for keys expiring within {@code days} (null: any expiry). */
    public static Choice<Integer> expiryChoice(Integer days) {
        if (days == null) {
            return new Choice<>("Any expiry", null);
        }
        return new Choice<>("Expiring in " + days + (days == 1 ? " day" : " days"), days);
    }

    /**
     * What a person typed into the expiry filter: a number of days ("14", "14 days", or the
     * label itself), 1 to 3650; blank means any expiry. Empty for anything else (the filter
     * keeps its value).
     */
    public static Optional<Choice<Integer>> parseExpiryChoice(String typed) {
        String t = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("any expiry")) {
            return Optional.of(expiryChoice(null));
        }
        Matcher m = TYPED_DAYS.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        int days = Integer.parseInt(m.group(1));
        return days < 1 || days > 3650 ? Optional.empty() : Optional.of(expiryChoice(days));
    }

    /** "14", "14 days", "14d", or the label "Expiring in 14 days" (lower-cased). */
    private static final Pattern TYPED_DAYS = Pattern.compile("(?:expiring in )?(\\d{1,4})(?: ?(?:days?|d))?");

    /** "Any resource" and the connected server's resources, by label. */
    public ObservableList<Choice<String>> resourceChoices() {
        return resourceChoices;
    }

    private static List<Choice<String>> resourceChoicesOf(Connection connection) {
        List<Choice<String>> choices = new ArrayList<>();
        choices.add(new Choice<>("Any resource", null));
        if (connection != null) {
            for (CatalogResource r : connection.catalog().resources()) {
                choices.add(new Choice<>(r.label() == null ? r.name() : r.label(), r.name()));
            }
        }
        return choices;
    }

    // ---- selection ----------------------------------------------------------------------------

    /** The view reports the table's selection here; ignored while rows are being replaced. */
    public void select(List<KeyRow> selection, KeyRow focusedRow) {
        if (replacingRows) {
            return;
        }
        selected.setAll(selection);
        focused.set(focusedRow != null ? focusedRow : selection.isEmpty() ? null : selection.get(0));
        updateActions();
    }

    /**
     * Selects the key {@code keyId} (another workspace opens it): filters that hide it are cleared;
     * false when no loaded row has that id (revoked, or not loaded yet).
     */
    public boolean reveal(String keyId) {
        Optional<KeyRow> row = findRow(keyId);
        if (row.isEmpty()) {
            return false;
        }
        if (!filtered.contains(row.get())) {
            clearFilters();
        }
        selected.setAll(row.get());
        focused.set(row.get());
        updateActions();
        revealed.set(revealed.get() + 1);
        return true;
    }

    /** The loaded row of {@code keyId}, if any. */
    public Optional<KeyRow> findRow(String keyId) {
        return rows.stream().filter(r -> r.id().equals(keyId)).findFirst();
    }

    /** Counts up each time {@link #reveal} selected a key: the view then selects it and scrolls to it. */
    public ReadOnlyIntegerProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    public boolean isReplacingRows() {
        return replacingRows;
    }

    public ObservableList<KeyRow> selected() {
        return selectedReadOnly;
    }

    /** The one key the details pane shows: the focused of the selected ones. */
    public ReadOnlyObjectProperty<KeyRow> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** Counts up each time the rows are replaced, after the selection was restored. */
    public ReadOnlyIntegerProperty rowsReplacedProperty() {
        return rowsReplaced.getReadOnlyProperty();
    }

    // ---- permissions gate the actions ----------------------------------------------------------

    private void updateActions() {
        boolean connected = session.connectionProperty().get() != null;
        ActionState noWrite = missing(WRITE);
        if (!connected) {
            ActionState offline = ActionState.blocked("Not connected");
            copyPrefixAction.set(offline);
            createAction.set(offline);
            editAction.set(offline);
            rotateAction.set(offline);
            reviewAction.set(offline);
            revokeAction.set(offline);
            refreshAction.set(offline);
            revokeAllShownAction.set(offline);
            incidentAction.set(offline);
            freezeAction.set(offline);
            thawAction.set(offline);
            return;
        }
        createAction.set(noWrite != null ? noWrite : ActionState.allowed());
        if (showingRevoked.get()) {
            ActionState gone = ActionState.blocked("Revoked keys cannot be changed");
            editAction.set(gone);
            rotateAction.set(gone);
            reviewAction.set(gone);
            revokeAction.set(gone);
            revokeAllShownAction.set(gone);
            incidentAction.set(gone);
            freezeAction.set(gone);
            thawAction.set(gone);
            ActionState noRead = missing(READ);
            refreshAction.set(noRead != null ? noRead : ActionState.allowed());
            return;
        }
        if (noWrite != null) {
            editAction.set(noWrite);
            rotateAction.set(noWrite);
            revokeAction.set(noWrite);
        } else {
            editAction.set(selected.size() == 1 ? ActionState.allowed()
                    : ActionState.blocked(selected.isEmpty() ? "Select a key to edit" : "Select one key to edit"));
            rotateAction.set(selected.size() == 1 ? ActionState.allowed()
                    : ActionState.blocked(selected.isEmpty() ? "Select a key to rotate" : "Select one key to rotate"));
            revokeAction.set(selected.isEmpty() ? ActionState.blocked("Select the keys to revoke")
                    : ActionState.allowed());
        }
        ActionState noReadForReview = missing(READ);
        reviewAction.set(noReadForReview != null ? noReadForReview
                : selected.isEmpty() ? ActionState.blocked("Select the keys to review") : ActionState.allowed());
        revokeAllShownAction.set(noWrite != null ? noWrite
                : filtered.isEmpty() ? ActionState.blocked("No keys are shown") : ActionState.allowed());
        incidentAction.set(selected.isEmpty() ? ActionState.blocked("Select the keys of the incident")
                : ActionState.allowed());
        Connection current = session.connectionProperty().get();
        ActionState noFreeze = current.has(Capability.FREEZE) ? null : ActionState.blocked("This server cannot freeze "
                + "keys: " + current.whyNot(Capability.FREEZE).orElse("it cannot disable them."));
        freezeAction.set(noFreeze != null ? noFreeze : noWrite != null ? noWrite : selected.isEmpty()
                ? ActionState.blocked("Select the keys to freeze")
                : selected.stream().noneMatch(r -> KeyStatus.ACTIVE.equals(r.status()))
                ? ActionState.blocked("None of the selected keys is active") : ActionState.allowed());
        thawAction.set(noFreeze != null ? noFreeze : noWrite != null ? noWrite : selected.isEmpty()
                ? ActionState.blocked("Select the keys to thaw")
                : selected.stream().noneMatch(KeyRow::frozen)
                ? ActionState.blocked("None of the selected keys is frozen") : ActionState.allowed());
        ActionState noRead = missing(READ);
        refreshAction.set(noRead != null ? noRead : ActionState.allowed());
        Connection connection = session.connectionProperty().get();
        copyPrefixAction.set(connection.whyNot(Capability.PREFIXES).map(ActionState::blocked)
                .orElse(selected.isEmpty() ? ActionState.blocked("Select the keys whose prefix to copy")
                        : ActionState.allowed()));
    }

    /** Copying the selected keys' prefixes: not where the server shows none (Narrative). */
    public ReadOnlyObjectProperty<ActionState> copyPrefixActionProperty() {
        return copyPrefixAction.getReadOnlyProperty();
    }

    /** The columns the connected server has data for (all of them while not connected). */
    public ReadOnlyObjectProperty<Set<KeyColumn>> shownColumnsProperty() {
        return shownColumns.getReadOnlyProperty();
    }

    /** "Prefix, Type, … are hidden: this server does not send them."; empty when none is hidden. */
    public ReadOnlyStringProperty columnsNoteProperty() {
        return columnsNote.getReadOnlyProperty();
    }

    /** The dialect's reasons for the hidden columns, for the note's tooltip. */
    public ReadOnlyStringProperty columnsNoteDetailsProperty() {
        return columnsNoteDetails.getReadOnlyProperty();
    }

    /** False where keys have no type (Narrative): the type filter would filter nothing. */
    public ReadOnlyBooleanProperty typeFilterShownProperty() {
        return typeFilterShown.getReadOnlyProperty();
    }

    /** The status filter's choices for the connected server ("Frozen" only where keys can be disabled). */
    public ObservableList<Choice<String>> statusFilterChoices() {
        return statusChoices;
    }

    private ActionState missing(Permission permission) {
        return session.holds(permission) ? null : ActionState.lacks(permission);
    }

    /**
     * Revoking every key the table shows (incident response: filter to what leaked, or clear the
     * filters for everything, then revoke all): allowed when keys are shown and the admin key may write.
     */
    public ReadOnlyObjectProperty<ActionState> revokeAllShownActionProperty() {
        return revokeAllShownAction.getReadOnlyProperty();
    }

    /** Opening the Incident workspace with the selected keys as its targets. */
    public ReadOnlyObjectProperty<ActionState> incidentActionProperty() {
        return incidentAction.getReadOnlyProperty();
    }

    /** Freezing the selected keys (some must be active); needs the write permission. */
    public ReadOnlyObjectProperty<ActionState> freezeActionProperty() {
        return freezeAction.getReadOnlyProperty();
    }

    /** Thawing the selected keys (some must be frozen); needs the write permission. */
    public ReadOnlyObjectProperty<ActionState> thawActionProperty() {
        return thawAction.getReadOnlyProperty();
    }

    /** "Freeze…" or "Freeze 3 keys…" (and the same for thaw). */
    public String selectionLabel(String verb) {
        return selected.size() > 1 ? verb + " " + selected.size() + " keys…" : verb + "…";
    }

    /** The revoke action's words for the selection: "Revoke…" or "Revoke 3 keys…". */
    public String revokeLabel() {
        return selected.size() > 1 ? "Revoke " + selected.size() + " keys…" : "Revoke…";
    }

    /** Reviewing the selected keys' grants against their usage (reading is enough). */
    public ReadOnlyObjectProperty<ActionState> reviewActionProperty() {
        return reviewAction.getReadOnlyProperty();
    }

    /** Rotating the one selected key: a replacement is created (which needs the write permission). */
    public ReadOnlyObjectProperty<ActionState> rotateActionProperty() {
        return rotateAction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> createActionProperty() {
        return createAction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> editActionProperty() {
        return editAction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> revokeActionProperty() {
        return revokeAction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> refreshActionProperty() {
        return refreshAction.getReadOnlyProperty();
    }

    // ---- what the view shows -------------------------------------------------------------------

    /** Every loaded key (the unfiltered source). */
    public ObservableList<KeyRow> rows() {
        return rowsReadOnly;
    }

    /** What the table shows: every loaded key in the sort order, minus those the filters hide. */
    public ObservableList<KeyRow> visibleRows() {
        return filtered;
    }

    /** The sort order (null: as loaded); the view binds it to the table's comparator. */
    public ObjectProperty<Comparator<? super KeyRow>> sortOrderProperty() {
        return sorted.comparatorProperty();
    }

    public ReadOnlyObjectProperty<LoadState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<UserMessage> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the total is unknown (paging through a server's keys). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastRefreshProperty() {
        return lastRefresh.getReadOnlyProperty();
    }

    /** Loaded, and the server has no keys at all. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** Keys exist, but the filters hide them all. */
    public BooleanBinding noMatchesProperty() {
        return noMatches;
    }

    /** "340 keys" or "12 of 340 keys". */
    public StringBinding countTextProperty() {
        return countText;
    }

    public Session session() {
        return session;
    }
}
