package dev.keydesk.app.expiry;

import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.expiry.ExpiryCalendar;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.stage.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The expiry calendar: how many keys expire on each day (local time), for a month and for the
 * twelve months ahead; which days of the coming year are clusters ({@link ExpiryCalendar}'s
 * rule); the keys of the selected day, one of which can be opened; and "Spread" for a day whose
 * keys would all break together.
 */
public final class ExpiryCalendarViewModel {

    /** How a day is shaded: by how many keys expire on it, or as a cluster. */
    public enum Level { NONE, ONE, FEW, MANY, CLUSTER }

    /** Months in the strip: this one and the eleven after it. */
    public static final int STRIP_MONTHS = 12;
    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.getDefault());
    private static final DateTimeFormatter SHORT_DAY =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.getDefault());

    private final KeyTableViewModel table;
    private final Rescheduling rescheduling;
    private final ExpiryDialogs dialogs;
    private final Clock clock;
    private final ZoneId zone;

    private final ReadOnlyObjectWrapper<ExpiryCalendar> calendar = new ReadOnlyObjectWrapper<>(this, "calendar",
            ExpiryCalendar.of(List.of(), ZoneId.systemDefault()));
    private final ObjectProperty<YearMonth> month = new SimpleObjectProperty<>(this, "month");
    private final ReadOnlyObjectWrapper<LocalDate> selectedDay = new ReadOnlyObjectWrapper<>(this, "selectedDay");
    private final ObservableList<KeyRow> dayRows = FXCollections.observableArrayList();
    private final ObservableList<KeyRow> dayRowsReadOnly = FXCollections.unmodifiableObservableList(dayRows);
    private final ObservableList<ExpiryCalendar.Cluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<ExpiryCalendar.Cluster> clustersReadOnly =
            FXCollections.unmodifiableObservableList(clusters);
    private final ReadOnlyStringWrapper dayTitle = new ReadOnlyStringWrapper(this, "dayTitle", "");
    private final ReadOnlyObjectWrapper<ActionState> spreadAction =
            new ReadOnlyObjectWrapper<>(this, "spreadAction", ActionState.blocked("Select a day"));
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");
    private final ReadOnlyIntegerWrapper dayCount = new ReadOnlyIntegerWrapper(this, "dayCount");
    private final Map<String, KeyRow> rowsById = new HashMap<>();
    private LocalDate today;

    public ExpiryCalendarViewModel(KeyTableViewModel table, Rescheduling rescheduling, ExpiryDialogs dialogs,
                                   Clock clock) {
        this.table = table;
        this.rescheduling = rescheduling;
        this.dialogs = dialogs;
        this.clock = clock;
        this.zone = rescheduling.zone();
        this.today = LocalDate.now(clock.withZone(zone));
        month.set(YearMonth.from(today));
        month.addListener((obs, old, m) -> version.set(version.get() + 1));
        table.rowsReplacedProperty().addListener((obs, old, n) -> recompute());
        recompute();
    }

    private void recompute() {
        if (table.showingRevokedProperty().get()) {
            return; // revoked keys expire nowhere: the calendar keeps the last live load
        }
        today = LocalDate.now(clock.withZone(zone));
        rowsById.clear();
        List<ApiKey> keys = new ArrayList<>(table.rows().size());
        for (KeyRow row : table.rows()) {
            rowsById.put(row.id(), row);
            keys.add(row.key());
        }
        calendar.set(ExpiryCalendar.of(keys, zone));
        clusters.setAll(calendar.get().clusters(horizonStart(), horizonEnd()));
        showDay(selectedDay.get());
        version.set(version.get() + 1);
    }

    // ---- days ---------------------------------------------------------------------------------

    /** Selects {@code day} (and shows its month): its keys are listed. */
    public void select(LocalDate day) {
        if (day != null && !YearMonth.from(day).equals(month.get())) {
            month.set(YearMonth.from(day));
        }
        showDay(day);
        version.set(version.get() + 1);
    }

    private void showDay(LocalDate day) {
        selectedDay.set(day);
        if (day == null) {
            dayRows.clear();
            dayCount.set(0);
            dayTitle.set("Select a day to see the keys that expire on it");
            spreadAction.set(ActionState.blocked("Select a day"));
            return;
        }
        List<KeyRow> rows = new ArrayList<>();
        for (ApiKey k : calendar.get().keysOn(day)) {
            KeyRow row = rowsById.get(k.id());
            if (row != null) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(KeyRow::expiresAt).thenComparing(KeyRow::name, String.CASE_INSENSITIVE_ORDER));
        dayRows.setAll(rows);
        int n = rows.size();
        dayCount.set(n);
        String when = DAY.format(day);
        dayTitle.set(n == 0 ? when + ": no key expires"
                : when + ": " + n + (n == 1 ? " key expires" : " keys expire")
                + (isCluster(day) ? " — a cluster" : day.isBefore(today) ? " (past)" : ""));
        spreadAction.set(spreadStateFor(day, n));
    }

    private ActionState spreadStateFor(LocalDate day, int n) {
        if (table.session().current().isEmpty()) {
            return ActionState.blocked("Not connected");
        }
        if (day.isBefore(today)) {
            return ActionState.blocked("These keys have expired: extend them from the panel instead");
        }
        if (n < 2) {
            return ActionState.blocked("Spreading needs at least two keys on the day");
        }
        if (!table.session().holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        return ActionState.allowed();
    }

    /** Opens the spread dialog for the selected day's keys. */
    public void spread(Window owner) {
        Optional<Connection> connection = table.session().current();
        LocalDate day = selectedDay.get();
        if (connection.isEmpty() || day == null || !spreadAction.get().enabled()) {
            return;
        }
        dialogs.openSpread(owner, rescheduling.spread(connection.get(),
                dayRows.stream().map(KeyRow::key).toList(), day));
    }

    /** Selects the key in the table below and shows its details. */
    public boolean open(KeyRow row) {
        return row != null && table.reveal(row.id());
    }

    // ---- what a day looks like ----------------------------------------------------------------

    public int count(LocalDate day) {
        return calendar.get().count(day);
    }

    /** A cluster among the coming year's days (past days are not flagged: they cannot be spread). */
    public boolean isCluster(LocalDate day) {
        return calendar.get().isCluster(day, horizonStart(), horizonEnd());
    }

    public Level level(LocalDate day) {
        int n = count(day);
        if (n == 0) {
            return Level.NONE;
        }
        if (isCluster(day)) {
            return Level.CLUSTER;
        }
        return n == 1 ? Level.ONE : n < ExpiryCalendar.MIN_CLUSTER ? Level.FEW : Level.MANY;
    }

    /** "Tuesday, 14 July 2026: 12 keys expire, a cluster", for a cell's tooltip and screen readers. */
    public String describe(LocalDate day) {
        int n = count(day);
        return SHORT_DAY.format(day) + ": " + (n == 0 ? "no key expires"
                : n + (n == 1 ? " key expires" : " keys expire")) + (isCluster(day) ? " — a cluster" : "");
    }

    public LocalDate today() {
        return today;
    }

    /** The first day of the cluster search: today. */
    public LocalDate horizonStart() {
        return today;
    }

    /** The last day of the cluster search: a year from today, less a day. */
    public LocalDate horizonEnd() {
        return today.plusYears(1).minusDays(1);
    }

    /** The strip's months: this one and the eleven after it. */
    public List<YearMonth> stripMonths() {
        YearMonth first = YearMonth.from(today);
        List<YearMonth> months = new ArrayList<>(STRIP_MONTHS);
        for (int i = 0; i < STRIP_MONTHS; i++) {
            months.add(first.plusMonths(i));
        }
        return months;
    }

    /** Keys expiring in {@code m}. */
    public int total(YearMonth m) {
        return calendar.get().total(m.atDay(1), m.atEndOfMonth());
    }

    public void previousMonth() {
        month.set(month.get().minusMonths(1));
    }

    public void nextMonth() {
        month.set(month.get().plusMonths(1));
    }

    // ---- properties ---------------------------------------------------------------------------

    /** The month the month view shows. */
    public ObjectProperty<YearMonth> monthProperty() {
        return month;
    }

    public ReadOnlyObjectProperty<LocalDate> selectedDayProperty() {
        return selectedDay.getReadOnlyProperty();
    }

    public ObservableList<KeyRow> dayRows() {
        return dayRowsReadOnly;
    }

    /** How many keys the selected day has, for the Spread button's label. */
    public ReadOnlyIntegerProperty dayCountProperty() {
        return dayCount.getReadOnlyProperty();
    }

    /** The clusters of the coming year, by day. */
    public ObservableList<ExpiryCalendar.Cluster> clusters() {
        return clustersReadOnly;
    }

    public ReadOnlyStringProperty dayTitleProperty() {
        return dayTitle.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ActionState> spreadActionProperty() {
        return spreadAction.getReadOnlyProperty();
    }

    /** Counts up whenever what the calendar shows changed (new keys, another month, another day). */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }
}
