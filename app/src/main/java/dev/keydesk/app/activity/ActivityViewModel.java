package dev.keydesk.app.activity;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.Choice;
import dev.keydesk.app.keys.KeyNavigator;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.activity.ActivityFilter;
import dev.keydesk.core.activity.ActivitySummary;
import dev.keydesk.core.activity.AuditPaging;
import dev.keydesk.core.activity.AuditServerFilters;
import dev.keydesk.core.activity.EventCategory;
import dev.keydesk.core.activity.PollSchedule;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.keys.RelativeTime;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Activity workspace: the audit log across all keys, newest first, loaded a chunk at a time
 * as the list nears its end; filters (kind of event, key, address, time range); the last week per
 * kind and hour, and the addresses that failed to authenticate most; and, while the view is seen,
 * a poll for new events that slows down on errors and 429s.
 */
public final class ActivityViewModel {

    /** The time ranges offered; BETWEEN uses the two dates. */
    public enum Range {
        ANY("Any time", null), HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 hours", Duration.ofHours(24)),
        WEEK("Last 7 days", Duration.ofDays(7)), MONTH("Last 30 days", Duration.ofDays(30)),
        BETWEEN("Between dates…", null);

        private final String label;
        private final Duration back;

        Range(String label, Duration back) {
            this.label = label;
            this.back = back;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Which window the summary's charts show. */
    public enum Window { DAY, WEEK }

    /** Where the list is. */
    public enum ListState { IDLE, LOADING, READY, UNAVAILABLE, ERROR }

    /**
     * One event as the list shows it; texts computed once.
     *
     * @param key the key's name when the table knows it, else its id; "—" for none
     */
    public record Row(AuditEvent event, String when, String exact, String what, EventCategory category, String key,
                      String address, String actor, String detail) {

        public boolean newAddress() {
            return category == EventCategory.NEW_ADDRESS;
        }

        public boolean failedAuth() {
            return category == EventCategory.FAILED_AUTH;
        }

        public Instant at() {
            return event.at();
        }
    }

    static final Permission READ = Permission.of("access_tokens", Permission.READ);
    /** Matches wanted per chunk of the list, and the pages a chunk may read to find them. */
    static final int CHUNK = 100;
    static final int MAX_PAGES_PER_CHUNK = 5;
    /** Near the end: this many rows before the last one, the next chunk is asked for. */
    static final int PREFETCH_ROWS = 25;
    /** The summary reads at most this many pages of 1000 (beyond, its counts say "at least"). */
    static final int SUMMARY_PAGES = 20;
    static final int POLL_PAGES = 5;
    static final int TOP_ADDRESSES = 8;
    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(Locale.getDefault());

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final ZoneId zone;
    private final KeyNavigator navigator;
    private final Map<String, String> keyNames = new HashMap<>();
    private final Predicate<Throwable> connectionFailures;

    // ---- filters ---------------------------------------------------------------------------------
    private final Map<EventCategory, BooleanProperty> categories = new EnumMap<>(EventCategory.class);
    private final StringProperty keyFilter = new SimpleStringProperty(this, "keyFilter", "");
    private final StringProperty ipFilter = new SimpleStringProperty(this, "ipFilter", "");
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(this, "range", Range.ANY);
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final ObjectProperty<LocalDate> untilDate = new SimpleObjectProperty<>(this, "untilDate");
    private final ReadOnlyStringWrapper filterNote = new ReadOnlyStringWrapper(this, "filterNote", "");
    private boolean applyingFilters;

    // ---- the list --------------------------------------------------------------------------------
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsReadOnly = FXCollections.unmodifiableObservableList(rows);
    private final Set<String> listedIds = new HashSet<>();
    private final ReadOnlyObjectWrapper<ListState> listState = new ReadOnlyObjectWrapper<>(this, "listState",
            ListState.IDLE);
    private final ReadOnlyStringWrapper listMessage = new ReadOnlyStringWrapper(this, "listMessage", "");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private ActivityFilter listed = ActivityFilter.NONE;
    /** What this connection's server filters (learnt from its first refusal of several types). */
    private AuditServerFilters serverFilters = AuditServerFilters.FULL;
    private String cursor;
    private int scanned;
    private TaskHandle listLoad;
    private Object listToken;

    // ---- the summary -----------------------------------------------------------------------------
    private final ReadOnlyObjectWrapper<ActivitySummary> summary = new ReadOnlyObjectWrapper<>(this, "summary",
            ActivitySummary.EMPTY);
    private javafx.beans.binding.BooleanBinding auditLogAvailable;
    private final ObjectProperty<Window> window = new SimpleObjectProperty<>(this, "window", Window.DAY);
    private final ObservableList<ActivitySummary.AddressCount> topAddresses = FXCollections.observableArrayList();
    private final List<AuditEvent> week = new ArrayList<>();
    private final Set<String> weekIds = new HashSet<>();
    private boolean weekIncomplete;
    private Instant newest;
    private TaskHandle summaryLoad;

    // ---- polling ---------------------------------------------------------------------------------
    private final PollSchedule schedule = new PollSchedule();
    private final ReadOnlyObjectWrapper<Duration> nextPoll = new ReadOnlyObjectWrapper<>(this, "nextPoll",
            PollSchedule.INTERVAL);
    private final ReadOnlyBooleanWrapper polling = new ReadOnlyBooleanWrapper(this, "polling");
    private final ReadOnlyStringWrapper pollStatus = new ReadOnlyStringWrapper(this, "pollStatus", "");
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(this, "visible");
    private TaskHandle pollTask;
    private boolean loaded;

    /**
     * @param keys the Keys workspace's table: key names for the rows, keys to filter by
     * @param connectionFailures told of every failure first, so one about the connection itself
     *     (401, server gone) reaches the status bar
     */
    public ActivityViewModel(KeyTableViewModel keys, TaskRunner tasks, DialogService dialogs, Clock clock, ZoneId zone,
                             KeyNavigator navigator, Predicate<Throwable> connectionFailures) {
        this.session = keys.session();
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.zone = zone;
        this.navigator = navigator;
        this.connectionFailures = connectionFailures;
        keys.rowsReplacedProperty().addListener((obs, old, n) -> indexKeys(keys));
        indexKeys(keys);
        for (EventCategory c : EventCategory.values()) {
            BooleanProperty on = new SimpleBooleanProperty(this, c.name());
            on.addListener((obs, old, now) -> filtersChanged());
            categories.put(c, on);
        }
        keyFilter.addListener((obs, old, now) -> filtersChanged());
        ipFilter.addListener((obs, old, now) -> filtersChanged());
        range.addListener((obs, old, now) -> filtersChanged());
        fromDate.addListener((obs, old, now) -> filtersChanged());
        untilDate.addListener((obs, old, now) -> filtersChanged());
        session.connectionProperty().addListener((obs, old, now) -> connectionChanged());
        auditLogAvailable = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> session.current().map(c -> c.has(Capability.AUDIT_LOG)).orElse(true), session.connectionProperty());
        updatePollStatus();
    }

    // ---- visibility and polling -----------------------------------------------------------------

    /**
     * The view is seen (its tab in front, the window showing) or not. The first time it is seen
     * for a connection the list and the summary load; polling runs only while it is seen.
     */
    public void setVisible(boolean seen) {
        visible.set(seen);
        if (seen && !loaded && session.current().isPresent()) {
            refresh();
        }
        updatePollStatus();
    }

    /** Reloads the list and the summary (F5 in this workspace). */
    public void refresh() {
        if (session.current().isEmpty()) {
            return;
        }
        loaded = true;
        reload();
        loadSummary();
    }

    /**
     * Asks the server for events since the newest one seen. Called by the view's timer after
     * {@link #nextPollProperty()}; does nothing while hidden, not yet loaded, or already asking.
     */
    public void poll() {
        Optional<Connection> connection = session.current();
        if (!visible.get() || !loaded || connection.isEmpty() || pollTask != null || summaryLoad != null
                || !connection.get().has(Capability.AUDIT_LOG)) {
            return;
        }
        KeyApi api = connection.get().api();
        Instant since = newest == null ? clock.instant().minus(ActivitySummary.WEEK) : newest;
        Set<String> known = Set.copyOf(weekIds);
        polling.set(true);
        updatePollStatus();
        TaskHandle handle = tasks.submit(BackgroundTask.<AuditPaging.Chunk>of("Checking for new events",
                p -> AuditPaging.since(api, since, POLL_PAGES, known, p::isCancelled))
                .onSuccess(chunk -> {
                    pollTask = null;
                    polling.set(false);
                    if (!chunk.available()) {
                        nextPoll.set(schedule.afterFailure());
                    } else {
                        arrived(chunk.events());
                        nextPoll.set(schedule.afterSuccess());
                    }
                    updatePollStatus();
                })
                .onFailure(error -> {
                    pollTask = null;
                    polling.set(false);
                    if (error instanceof RateLimitedException limited) {
                        nextPoll.set(schedule.afterRateLimit(limited.retryAfter().orElse(null)));
                    } else {
                        nextPoll.set(schedule.afterFailure());
                    }
                    connectionFailures.test(error);
                    pollFailure = ErrorMessages.describe(error, "check for new audit events").whatHappened();
                    updatePollStatus();
                })
                .onCancelled(() -> {
                    pollTask = null;
                    polling.set(false);
                    updatePollStatus();
                }));
        pollFailure = null;
        if (!handle.isDone()) {
            pollTask = handle;
        }
    }

    private String pollFailure;

    private void updatePollStatus() {
        Duration every = nextPoll.get();
        String wait = every.toMinutes() >= 1 ? every.toMinutes() + " min" : every.toSeconds() + " s";
        if (session.current().isEmpty()) {
            pollStatus.set("");
        } else if (!visible.get()) {
            pollStatus.set("Paused while the view is hidden");
        } else if (polling.get()) {
            pollStatus.set("Checking for new events…");
        } else if (pollFailure != null) {
            pollStatus.set(pollFailure + " Next try in " + wait + ".");
        } else {
            pollStatus.set("Live: checks for new events every " + wait);
        }
    }

    /** New events from the poll: into the week's summary, and into the list when they match. */
    private void arrived(List<AuditEvent> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        addToWeek(fresh);
        summarize();
        List<Row> matching = new ArrayList<>();
        for (AuditEvent e : fresh) {
            if (listed.matches(e) && e.id() != null && listedIds.add(e.id())) {
                matching.add(row(e));
            }
        }
        if (!matching.isEmpty()) {
            matching.sort(Comparator.comparing(Row::at, Comparator.nullsLast(Comparator.reverseOrder())));
            rows.addAll(0, matching);
            listMessage.set(listText());
        }
    }

    // ---- the list -------------------------------------------------------------------------------

    private void filtersChanged() {
        if (applyingFilters) {
            return;
        }
        ActivityFilter next = currentFilter();
        filterNote.set(noteFor(next));
        if (loaded && !next.equals(listed)) {
            reload();
        }
    }

    /** Starts the list over for the current filters. */
    private void reload() {
        cancelListLoad();
        rows.clear();
        listedIds.clear();
        listed = currentFilter();
        cursor = null;
        scanned = 0;
        hasMore.set(true);
        loadMore();
    }

    /** The next chunk of older events (the view asks as the list nears its end). */
    public void loadMore() {
        Optional<Connection> connection = session.current();
        if (connection.isEmpty() || listLoad != null || !hasMore.get()) {
            return;
        }
        Optional<String> noAuditLog = connection.get().whyNot(Capability.AUDIT_LOG);
        if (noAuditLog.isPresent()) {
            // Said, not asked: the dialect knows there is nothing to read (Narrative keeps no audit log).
            hasMore.set(false);
            listState.set(ListState.UNAVAILABLE);
            listMessage.set(noAuditLog.get());
            return;
        }
        if (!session.holds(READ)) {
            listState.set(ListState.ERROR);
            listMessage.set("This admin key lacks access_tokens:read, which the audit log needs.");
            hasMore.set(false);
            return;
        }
        KeyApi api = connection.get().api();
        AuditServerFilters server = serverFilters;
        ActivityFilter filter = listed;
        String from = cursor;
        Object token = new Object();
        listToken = token;
        listState.set(ListState.LOADING);
        listMessage.set(rows.isEmpty() ? "Loading events…" : "Loading older events…");
        TaskHandle handle = tasks.submit(BackgroundTask.<AuditPaging.Chunk>of("Loading audit events",
                p -> AuditPaging.next(api, server, filter, from, CHUNK, MAX_PAGES_PER_CHUNK, p::isCancelled))
                .onSuccess(chunk -> {
                    if (listToken != token) {
                        return;
                    }
                    listLoad = null;
                    if (!chunk.available()) {
                        hasMore.set(false);
                        listState.set(ListState.UNAVAILABLE);
                        listMessage.set("This server keeps no audit log KeyDesk can read (no /v1/audit-events).");
                        return;
                    }
                    scanned += chunk.scanned();
                    serverFilters = chunk.server();
                    filterNote.set(noteFor(listed));
                    List<Row> built = new ArrayList<>(chunk.events().size());
                    for (AuditEvent e : chunk.events()) {
                        if (e.id() == null || listedIds.add(e.id())) {
                            built.add(row(e));
                        }
                    }
                    rows.addAll(built);
                    cursor = chunk.nextCursor();
                    hasMore.set(chunk.hasMore());
                    listState.set(ListState.READY);
                    listMessage.set(listText());
                })
                .onFailure(error -> {
                    if (listToken != token) {
                        return;
                    }
                    listLoad = null;
                    connectionFailures.test(error);
                    listState.set(ListState.ERROR);
                    listMessage.set(ErrorMessages.describe(error, "load the audit events").whatHappened());
                })
                .onCancelled(() -> {
                    if (listToken == token) {
                        listLoad = null;
                        listState.set(ListState.READY);
                        listMessage.set(listText());
                    }
                }));
        if (!handle.isDone()) {
            listLoad = handle;
        }
    }

    /** The view tells which row it just showed; near the end, the next chunk is asked for. */
    public void shown(int index) {
        if (index >= rows.size() - PREFETCH_ROWS && hasMore.get() && listLoad == null
                && listState.get() == ListState.READY) {
            loadMore();
        }
    }

    private void cancelListLoad() {
        listToken = null;
        if (listLoad != null) {
            TaskHandle running = listLoad;
            listLoad = null;
            running.cancel();
        }
    }

    private String listText() {
        int n = rows.size();
        String count = n + (n == 1 ? " event" : " events");
        if (hasMore.get()) {
            return n == 0 ? "No match among the " + scanned + " newest events so far — load more to search older ones"
                    : count + " · more load as you scroll";
        }
        return n == 0 ? (listed.isEmpty() ? "The audit log is empty" : "No event matches the filters") : "All " + count;
    }

    private Row row(AuditEvent e) {
        Instant now = clock.instant();
        EventCategory category = EventCategory.of(e.type()).orElse(null);
        String key = e.keyId() == null ? "—" : keyNames.getOrDefault(e.keyId(), e.keyId());
        return new Row(e, e.at() == null ? "" : RelativeTime.of(e.at(), now),
                e.at() == null ? "" : EXACT.format(e.at().atZone(zone)), EventCategory.describe(e.type()), category,
                key, e.ip() == null ? "" : e.ip(),
                e.actorKeyId() == null ? "" : keyNames.getOrDefault(e.actorKeyId(), e.actorKeyId()),
                e.detailSummary() == null ? "" : e.detailSummary());
    }

    // ---- the summary ----------------------------------------------------------------------------

    private void loadSummary() {
        Optional<Connection> connection = session.current();
        // No audit log (Narrative): no week to sum up, rather than a week that looks quiet.
        if (connection.isEmpty() || !session.holds(READ) || !connection.get().has(Capability.AUDIT_LOG)) {
            return;
        }
        if (summaryLoad != null) {
            summaryLoad.cancel();
            summaryLoad = null;
        }
        KeyApi api = connection.get().api();
        Instant since = clock.instant().minus(ActivitySummary.WEEK);
        Object token = new Object();
        summaryToken = token;
        TaskHandle handle = tasks.submit(BackgroundTask.<AuditPaging.Chunk>of("Counting the week's events",
                p -> AuditPaging.since(api, since, SUMMARY_PAGES, Set.of(), p::isCancelled))
                .onSuccess(chunk -> {
                    if (summaryToken != token) {
                        return;
                    }
                    summaryLoad = null;
                    week.clear();
                    weekIds.clear();
                    weekIncomplete = chunk.hasMore();
                    addToWeek(chunk.events());
                    summarize();
                })
                .onFailure(error -> {
                    if (summaryToken == token) {
                        summaryLoad = null;
                        connectionFailures.test(error);
                    }
                })
                .onCancelled(() -> {
                    if (summaryToken == token) {
                        summaryLoad = null;
                    }
                }));
        if (!handle.isDone()) {
            summaryLoad = handle;
        }
    }

    private Object summaryToken;

    private void addToWeek(List<AuditEvent> events) {
        for (AuditEvent e : events) {
            if (e.id() == null || weekIds.add(e.id())) {
                week.add(e);
                if (e.at() != null && (newest == null || e.at().isAfter(newest))) {
                    newest = e.at();
                }
            }
        }
    }

    private void summarize() {
        Instant now = clock.instant();
        Instant start = now.minus(ActivitySummary.WEEK);
        week.removeIf(e -> e.at() != null && e.at().isBefore(start));
        ActivitySummary s = ActivitySummary.of(week, now, weekIncomplete);
        summary.set(s);
        topAddresses.setAll(s.topFailedAddresses(TOP_ADDRESSES));
    }

    /** "12" or "at least 1,000" (when the week was too long to read at once). */
    public String countText(EventCategory category, Window w) {
        int n = summary.get().count(category, w == Window.DAY ? ActivitySummary.DAY : ActivitySummary.WEEK);
        return (summary.get().incomplete() ? "≥ " : "") + String.format(Locale.ROOT, "%,d", n);
    }

    /** Events per hour for the chart of the chosen window, oldest hour first. */
    public int[] perHour(EventCategory category) {
        return summary.get().perHour(category, window.get() == Window.DAY ? 24 : ActivitySummary.WEEK_HOURS);
    }

    // ---- filters --------------------------------------------------------------------------------

    public ActivityFilter currentFilter() {
        Set<EventCategory> on = EnumSet.noneOf(EventCategory.class);
        categories.forEach((c, p) -> {
            if (p.get()) {
                on.add(c);
            }
        });
        Instant now = clock.instant();
        Instant from = null;
        Instant until = null;
        Range r = range.get();
        if (r == Range.BETWEEN) {
            from = fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant();
            until = untilDate.get() == null ? null : untilDate.get().plusDays(1).atStartOfDay(zone).toInstant();
        } else if (r != null && r.back != null) {
            // Whole minutes, so that a filter built twice in a row is the same filter.
            from = now.minus(r.back).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        }
        return new ActivityFilter(on, resolveKey(keyFilter.get()), ipFilter.get(), from, until);
    }

    /** A key typed by id, or picked from the choices ("Name (prefix)"), as its id. */
    private String resolveKey(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String t = typed.trim();
        for (Choice<String> c : keyChoices) {
            if (c.label().equals(t) && c.value() != null) {
                return c.value();
            }
        }
        return t;
    }

    private final ObservableList<Choice<String>> keyChoices = FXCollections.observableArrayList();

    /** Names for the rows and choices for the key filter, from the key list as last loaded. */
    private void indexKeys(KeyTableViewModel keys) {
        if (keys.showingRevokedProperty().get()) {
            // Revoked keys' names are worth having for old events: add them, keep the live ones.
            keys.rows().forEach(r -> keyNames.putIfAbsent(r.id(), r.name()));
            return;
        }
        keyNames.clear();
        List<Choice<String>> choices = new ArrayList<>(keys.rows().size());
        for (KeyRow r : keys.rows()) {
            keyNames.put(r.id(), r.name());
            choices.add(new Choice<>(r.prefix().isEmpty() ? r.name() + " (" + r.id() + ")"
                    : r.name() + " (" + r.prefix() + ")", r.id()));
        }
        choices.sort(Comparator.comparing(Choice::label, String.CASE_INSENSITIVE_ORDER));
        keyChoices.setAll(choices);
    }

    /** The keys to pick from (the Keys workspace's), as "Name (prefix)" → id. */
    public ObservableList<Choice<String>> keyChoices() {
        return keyChoices;
    }

    /** Shows only {@code category} (a summary tile's click); again shows every kind. */
    public void only(EventCategory category) {
        boolean alone = categories.get(category).get()
                && categories.entrySet().stream().filter(e -> e.getKey() != category).noneMatch(e -> e.getValue().get());
        batch(() -> categories.forEach((c, p) -> p.set(!alone && c == category)));
    }

    /** Failed authentications from {@code ip} (a click on an address of the summary). */
    public void failuresFrom(String ip) {
        batch(() -> {
            categories.forEach((c, p) -> p.set(c == EventCategory.FAILED_AUTH));
            ipFilter.set(ip);
        });
    }

    /** Every event of the key {@code keyId}. */
    public void eventsOf(String keyId) {
        batch(() -> keyFilter.set(keyId));
    }

    public void clearFilters() {
        batch(() -> {
            categories.values().forEach(p -> p.set(false));
            keyFilter.set("");
            ipFilter.set("");
            range.set(Range.ANY);
            fromDate.set(null);
            untilDate.set(null);
        });
    }

    public boolean hasFilters() {
        return !currentFilter().isEmpty();
    }

    /** Several filter changes, one reload. */
    private void batch(Runnable changes) {
        applyingFilters = true;
        try {
            changes.run();
        } finally {
            applyingFilters = false;
        }
        filtersChanged();
    }

    private String noteFor(ActivityFilter f) {
        List<String> parts = serverFilters.appliedOnArrival(f);
        return parts.isEmpty() ? "" : "This server takes one kind of event at a time: " + String.join(", ", parts)
                + " are picked out here (older events are searched as you scroll).";
    }

    // ---- opening a row's key --------------------------------------------------------------------

    /**
     * Opens the row's key in the Keys workspace. An event that names no key, or names one the
     * table does not have (revoked, deleted), says so instead.
     */
    public void open(Row row) {
        if (row == null) {
            return;
        }
        String keyId = row.event().keyId();
        if (keyId == null) {
            dialogs.showInfo("No key", "This event names no key",
                    "A failed authentication with an unknown or malformed secret names no key"
                            + (row.address().isEmpty() ? "." : "; it came from " + row.address() + ".")
                            + " Filter by its address to see what else came from there.");
            return;
        }
        if (navigator.open(keyId)) {
            return;
        }
        Optional<Row> revocation = rows.stream()
                .filter(r -> keyId.equals(r.event().keyId()) && "key.revoked".equals(r.event().type())).findFirst();
        String details = revocation.map(r -> "It was revoked " + r.when() + " (" + r.exact() + ")"
                        + (r.actor().isEmpty() ? "" : " by " + r.actor()) + ": revoked keys are not in the key list.")
                .orElse("It is not among the server's keys: it was revoked or deleted, or the key list is older "
                        + "than this event (refresh the Keys workspace with F5).");
        dialogs.showInfo("Key not in the list", "Key " + keyId + " cannot be opened", details);
    }

    private void connectionChanged() {
        cancelListLoad();
        if (summaryLoad != null) {
            summaryLoad.cancel();
            summaryLoad = null;
        }
        if (pollTask != null) {
            pollTask.cancel();
            pollTask = null;
        }
        rows.clear();
        listedIds.clear();
        week.clear();
        weekIds.clear();
        newest = null;
        summary.set(ActivitySummary.EMPTY);
        topAddresses.clear();
        loaded = false;
        serverFilters = AuditServerFilters.FULL;
        filterNote.set("");
        pollFailure = null;
        nextPoll.set(schedule.afterSuccess());
        listState.set(ListState.IDLE);
        listMessage.set("");
        if (visible.get() && session.current().isPresent()) {
            refresh();
        }
        updatePollStatus();
    }

    // ---- properties -----------------------------------------------------------------------------

    public BooleanProperty categoryProperty(EventCategory category) {
        return categories.get(category);
    }

    /** The key filter: an id, or a choice's label. */
    public StringProperty keyFilterProperty() {
        return keyFilter;
    }

    /** The address filter (exact). */
    public StringProperty ipFilterProperty() {
        return ipFilter;
    }

    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> untilDateProperty() {
        return untilDate;
    }

    /** What the server does not filter (applied to what arrives), or "". */
    public ReadOnlyStringProperty filterNoteProperty() {
        return filterNote.getReadOnlyProperty();
    }

    public ObservableList<Row> rows() {
        return rowsReadOnly;
    }

    public ReadOnlyObjectProperty<ListState> listStateProperty() {
        return listState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty listMessageProperty() {
        return listMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /**
     * False where the server keeps no audit log (Narrative): the view then hides the week's tiles,
     * which would otherwise read as a quiet week, and the list says why.
     */
    public javafx.beans.binding.BooleanBinding auditLogAvailableProperty() {
        return auditLogAvailable;
    }

    public ReadOnlyObjectProperty<ActivitySummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** 24 hours or 7 days, for the charts. */
    public ObjectProperty<Window> windowProperty() {
        return window;
    }

    public ObservableList<ActivitySummary.AddressCount> topAddresses() {
        return topAddresses;
    }

    /** How long the view's timer waits before the next {@link #poll()}. */
    public ReadOnlyObjectProperty<Duration> nextPollProperty() {
        return nextPoll.getReadOnlyProperty();
    }

    /** True while a poll is asking the server; the view's timer starts over when it turns false. */
    public ReadOnlyBooleanProperty pollingProperty() {
        return polling.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pollStatusProperty() {
        return pollStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /** "3 minutes ago" for a time in the address list. */
    public String relative(Instant at) {
        return at == null ? "" : RelativeTime.of(at, clock.instant());
    }
}
