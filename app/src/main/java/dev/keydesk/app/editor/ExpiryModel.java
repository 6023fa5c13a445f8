package dev.keydesk.app.editor;

import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.core.expiry.ExpiryCap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The expiry part of the create and edit forms: a date (or "never", where the policy allows it)
 * within the server's policy. A key expires at the end of its chosen day, capped a little below
 * the policy's maximum ({@link ExpiryCap}) so that the request cannot cross the limit while it travels.
 */
public final class ExpiryModel {

    /** The quick picks the issue asks for; those beyond the policy's maximum are left out. */
    public static final List<Integer> QUICK_PICK_DAYS = List.of(30, 90, 180, 365);

    private final KeyPolicy policy;
    private final Clock clock;
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>();
    private final BooleanProperty never = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /** The value the form started with (edit): unchanged values are not re-validated or sent. */
    private LocalDate originalDate;
    private boolean originalNever;
    private boolean hasOriginal;

    public ExpiryModel(KeyPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        date.addListener((obs, old, now) -> recompute());
        never.addListener((obs, old, now) -> recompute());
        date.set(today().plusDays(Math.max(1, Math.min(policy.defaultLifetimeDays(), maxDays()))));
        recompute();
    }

    /** Starts from an existing key's expiry (null: never); that value counts as unchanged. */
    public void startFrom(Instant expiresAt) {
        hasOriginal = true;
        originalNever = expiresAt == null;
        originalDate = expiresAt == null ? null : LocalDate.ofInstant(expiresAt, zone());
        never.set(originalNever);
        if (originalDate != null) {
            date.set(originalDate);
        }
        recompute();
    }

    public boolean isChanged() {
        if (!hasOriginal) {
            return true;
        }
        if (never.get() != originalNever) {
            return true;
        }
        return !never.get() && !Objects.equals(date.get(), originalDate);
    }

    public List<Integer> quickPicks() {
        return QUICK_PICK_DAYS.stream().filter(d -> d <= maxDays()).toList();
    }

    public void pickDays(int days) {
        never.set(false);
        date.set(today().plusDays(days));
    }

    public boolean neverAllowed() {
        return !policy.expirationRequired();
    }

    public LocalDate minDate() {
        return today().plusDays(1);
    }

    public LocalDate maxDate() {
        return today().plusDays(maxDays());
    }

    /** Whether the date picker may offer this day. */
    public boolean dateAllowed(LocalDate d) {
        return d != null && !d.isBefore(minDate()) && !d.isAfter(maxDate());
    }

    /** What the server should get: null for never. Only meaningful when {@link #isValid()}. */
    public Instant toInstant() {
        if (never.get()) {
            return null;
        }
        Instant endOfDay = ExpiryCap.endOfDay(date.get(), zone());
        Instant cap = ExpiryCap.latest(policy, clock.instant());
        return endOfDay.isAfter(cap) ? cap : endOfDay;
    }

    public boolean isValid() {
        return error.get().isEmpty();
    }

    private void recompute() {
        error.set(validate());
        if (never.get()) {
            summary.set("Never expires");
        } else if (date.get() != null) {
            long days = ChronoUnit.DAYS.between(today(), date.get());
            summary.set("Expires " + date.get().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM))
                    + (days >= 0 ? " (in " + days + (days == 1 ? " day)" : " days)") : " (in the past)"));
        } else {
            summary.set("");
        }
    }

    private String validate() {
        if (hasOriginal && !isChanged()) {
            return "";
        }
        if (never.get()) {
            return neverAllowed() ? "" : "This server requires an expiry date";
        }
        LocalDate d = date.get();
        if (d == null) {
            return "Choose an expiry date";
        }
        if (d.isBefore(minDate())) {
            return "The expiry must be after today";
        }
        if (d.isAfter(maxDate())) {
            return "This server allows keys for at most " + maxDays() + " days (until "
                    + maxDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)) + ")";
        }
        return "";
    }

    private int maxDays() {
        return ExpiryCap.maxDays(policy);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone()));
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    public BooleanProperty neverProperty() {
        return never;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public KeyPolicy policy() {
        return policy;
    }
}
