package dev.keydesk.app.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.core.expiry.ExpiryCap;
import dev.keydesk.core.expiry.ExpiryChange;
import dev.keydesk.core.expiry.SpreadPlan;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Spreading the keys of one day across a range the person chooses, evenly and within the policy.
 * The range starts on the cluster's day (or tomorrow, if that is sooner) and runs two weeks, so
 * that by default no key loses time; an earlier start is allowed and the preview marks the keys
 * it moves forward.
 */
public final class SpreadViewModel {

    /** The default range: the cluster's day and the 13 after it. */
    public static final int DEFAULT_DAYS = 14;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.getDefault());

    private final List<ApiKey> keys;
    private final LocalDate day;
    private final KeyPolicy policy;
    private final Clock clock;
    private final ZoneId zone;
    private final ExpiryChangesViewModel changes;

    private final ObjectProperty<LocalDate> first = new SimpleObjectProperty<>(this, "first");
    private final ObjectProperty<LocalDate> last = new SimpleObjectProperty<>(this, "last");
    private final ReadOnlyStringWrapper spreadText = new ReadOnlyStringWrapper(this, "spreadText", "");

    SpreadViewModel(List<ApiKey> keys, LocalDate day, KeyPolicy policy, Clock clock, ZoneId zone,
                    ExpiryChangesViewModel changes) {
        this.keys = List.copyOf(keys);
        this.day = day;
        this.policy = policy;
        this.clock = clock;
        this.zone = zone;
        this.changes = changes;
        LocalDate start = day.isBefore(minDate()) ? minDate() : day;
        if (start.isAfter(maxDate())) {
            start = maxDate();
        }
        LocalDate end = start.plusDays(DEFAULT_DAYS - 1);
        first.set(start);
        last.set(end.isAfter(maxDate()) ? maxDate() : end);
        first.addListener((obs, old, now) -> recompute());
        last.addListener((obs, old, now) -> recompute());
        recompute();
    }

    private void recompute() {
        LocalDate from = first.get();
        LocalDate to = last.get();
        spreadText.set("");
        if (from == null || to == null) {
            changes.invalid("Choose the first and the last day");
        } else if (to.isBefore(from)) {
            changes.invalid("The last day is before the first");
        } else if (from.isBefore(minDate())) {
            changes.invalid("The first day must be after today");
        } else if (to.isAfter(maxDate())) {
            changes.invalid("The policy allows no date after " + DAY.format(maxDate()));
        } else {
            List<ExpiryChange> plan = SpreadPlan.evenly(keys, from, to, zone, policy, clock.instant());
            changes.propose(plan, "Expiry cluster of " + day + " spread over " + from + " to " + to + " in KeyDesk");
            Map<LocalDate, Long> perDay = plan.stream().collect(Collectors.groupingBy(
                    c -> LocalDate.ofInstant(c.sends() ? c.to() : c.from(), zone), Collectors.counting()));
            long most = perDay.values().stream().mapToLong(Long::longValue).max().orElse(0);
            spreadText.set("Afterwards: " + perDay.size() + (perDay.size() == 1 ? " day" : " days") + ", at most "
                    + most + (most == 1 ? " key" : " keys") + " on one day (there were " + keys.size() + " on "
                    + DAY.format(day) + ").");
        }
    }

    /** "Spread 12 keys expiring on 14 Jul 2026". */
    public String title() {
        return "Spread " + keys.size() + (keys.size() == 1 ? " key" : " keys") + " expiring on " + DAY.format(day);
    }

    public String policyText() {
        return "New expiries fall between tomorrow and " + DAY.format(maxDate())
                + " (the server's maximum lifetime), at the end of their day; never later than each key's cap.";
    }

    public LocalDate minDate() {
        return ExpiryCap.firstDay(clock.instant(), zone);
    }

    public LocalDate maxDate() {
        return ExpiryCap.lastDay(policy, clock.instant(), zone);
    }

    public boolean dateAllowed(LocalDate d) {
        return d != null && !d.isBefore(minDate()) && !d.isAfter(maxDate());
    }

    public ObjectProperty<LocalDate> firstProperty() {
        return first;
    }

    public ObjectProperty<LocalDate> lastProperty() {
        return last;
    }

    /** How the days look after the spread, for the preview's foot. */
    public ReadOnlyStringProperty spreadTextProperty() {
        return spreadText.getReadOnlyProperty();
    }

    public ExpiryChangesViewModel changes() {
        return changes;
    }

    public LocalDate day() {
        return day;
    }
}
