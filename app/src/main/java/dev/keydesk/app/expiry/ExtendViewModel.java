package dev.keydesk.app.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.core.expiry.ExpiryCap;
import dev.keydesk.core.expiry.ExtendPlan;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * Extending a group's keys within the policy: "+N days" on each key's own expiry, or one new date
 * for all. Every change of an input recomputes the per-key preview; nothing is sent before the
 * person applies it.
 */
public final class ExtendViewModel {

    public enum Mode { BY_DAYS, TO_DATE }

    public static final int DEFAULT_DAYS = 30;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.getDefault());

    private final List<ApiKey> keys;
    private final String what;
    private final KeyPolicy policy;
    private final Clock clock;
    private final ZoneId zone;
    private final ExpiryChangesViewModel changes;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.BY_DAYS);
    private final ObjectProperty<Integer> days = new SimpleObjectProperty<>(this, "days", DEFAULT_DAYS);
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>(this, "date");

    ExtendViewModel(List<ApiKey> keys, String what, KeyPolicy policy, Clock clock, ZoneId zone,
                    ExpiryChangesViewModel changes) {
        this.keys = List.copyOf(keys);
        this.what = what;
        this.policy = policy;
        this.clock = clock;
        this.zone = zone;
        this.changes = changes;
        days.set(Math.min(DEFAULT_DAYS, maxDays()));
        date.set(LocalDate.now(clock.withZone(zone)).plusDays(Math.min(policy.defaultLifetimeDays(), maxDays())));
        mode.addListener((obs, old, now) -> recompute());
        days.addListener((obs, old, now) -> recompute());
        date.addListener((obs, old, now) -> recompute());
        recompute();
    }

    private void recompute() {
        var now = clock.instant();
        if (mode.get() == Mode.BY_DAYS) {
            Integer n = days.get();
            if (n == null || n < 1 || n > maxDays()) {
                changes.invalid("Choose 1 to " + maxDays() + " days: the policy allows no more");
                return;
            }
            changes.propose(ExtendPlan.byDays(keys, n, policy, now), "Expiry extended by " + n + " days in KeyDesk"
                    + (what == null ? "" : ": " + what));
        } else {
            LocalDate d = date.get();
            if (d == null) {
                changes.invalid("Choose the new expiry date");
            } else if (d.isBefore(minDate())) {
                changes.invalid("The new expiry must be after today");
            } else if (d.isAfter(maxDate())) {
                changes.invalid("The policy allows no date after " + DAY.format(maxDate()));
            } else {
                changes.propose(ExtendPlan.toDate(keys, d, zone, policy, now), "Expiry extended to " + d + " in KeyDesk"
                        + (what == null ? "" : ": " + what));
            }
        }
    }

    /** "Extend 12 keys — Expire within 7 days". */
    public String title() {
        return "Extend " + keys.size() + (keys.size() == 1 ? " key" : " keys") + (what == null ? "" : " — " + what);
    }

    /** What the policy allows, in words, with the date it stops at. */
    public String policyText() {
        return "The server lets a key live at most " + maxDays() + " days from now: no key is extended past "
                + DAY.format(maxDate()) + ". Keys that never expire are left as they are.";
    }

    public LocalDate minDate() {
        return ExpiryCap.firstDay(clock.instant(), zone);
    }

    public LocalDate maxDate() {
        return ExpiryCap.lastDay(policy, clock.instant(), zone);
    }

    /** Whether the date picker may offer {@code d}. */
    public boolean dateAllowed(LocalDate d) {
        return d != null && !d.isBefore(minDate()) && !d.isAfter(maxDate());
    }

    public int maxDays() {
        return ExpiryCap.maxDays(policy);
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Integer> daysProperty() {
        return days;
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public ExpiryChangesViewModel changes() {
        return changes;
    }

    public List<ApiKey> keys() {
        return keys;
    }
}
