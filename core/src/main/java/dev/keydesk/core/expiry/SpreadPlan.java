package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreading a cluster: new expiries for keys that all break on one day, evenly across a range of
 * days the person chooses, so that their owners are not all woken on the same morning.
 *
 * <p>The range is held to what may be set: never before tomorrow, never after the policy's last
 * day; each key's new expiry is the end of its day, never later than that key's own cap. Keys are
 * placed in the order they expire now (then by name), the first on the range's first day and the
 * last on its last; when there are more keys than days, each day gets its share, the shares
 * differing by at most one.
 */
public final class SpreadPlan {

    /** The range actually used, after holding it to what may be set. */
    public record Range(LocalDate first, LocalDate last) {
        public long days() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }
    }

    private static final Comparator<ApiKey> ORDER = Comparator
            .comparing(ApiKey::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(k -> k.name() == null ? "" : k.name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(ApiKey::id);

    private SpreadPlan() {
    }

    /**
     * {@code [first, last]} held to tomorrow .. the policy's last day; empty when nothing of it is
     * left (the whole range is in the past, or beyond the policy).
     */
    public static java.util.Optional<Range> allowedRange(LocalDate first, LocalDate last, KeyPolicy policy,
                                                         Instant now, ZoneId zone) {
        LocalDate from = max(first, ExpiryCap.firstDay(now, zone));
        LocalDate to = min(last, ExpiryCap.lastDay(policy, now, zone));
        return from.isAfter(to) ? java.util.Optional.empty() : java.util.Optional.of(new Range(from, to));
    }

    /** The proposals, in the order the keys were placed; throws if no day of the range may be used. */
    public static List<ExpiryChange> evenly(List<ApiKey> keys, LocalDate first, LocalDate last, ZoneId zone,
                                            KeyPolicy policy, Instant now) {
        Range range = allowedRange(first, last, policy, now, zone).orElseThrow(() -> new IllegalArgumentException(
                "no day from " + first + " to " + last + " can be set under the policy"));
        List<ApiKey> ordered = keys.stream().sorted(ORDER).toList();
        int n = ordered.size();
        long days = range.days();
        List<ExpiryChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ApiKey key = ordered.get(i);
            if (key.expiresAt() == null) {
                changes.add(ExpiryChange.skip(key, ExpiryChange.Note.NEVER_EXPIRES));
                continue;
            }
            LocalDate day = range.first().plusDays(offset(i, n, days));
            changes.add(onDay(key, day, zone, policy, now));
        }
        return List.copyOf(changes);
    }

    /**
     * The day (0-based within the range) of key {@code i} of {@code n} over {@code days} days: one
     * key in the middle; up to one key a day, from the first day to the last with gaps that differ
     * by at most one day; more keys than days, shares of days that differ by at most one key.
     */
    static long offset(int i, int n, long days) {
        if (n == 1) {
            return (days - 1) / 2;
        }
        if (n <= days) {
            // i * (days - 1) / (n - 1), rounded half up, in integers
            return (2L * i * (days - 1) + (n - 1)) / (2L * (n - 1));
        }
        return (long) i * days / n;
    }

    private static ExpiryChange onDay(ApiKey key, LocalDate day, ZoneId zone, KeyPolicy policy, Instant now) {
        Instant from = key.expiresAt();
        if (LocalDate.ofInstant(from, zone).equals(day)) {
            return ExpiryChange.skip(key, ExpiryChange.Note.UNCHANGED);
        }
        Instant cap = ExpiryCap.latestFor(key, policy, now);
        Instant wanted = ExpiryCap.endOfDay(day, zone);
        boolean capped = wanted.isAfter(cap);
        Instant to = capped ? cap : wanted;
        ExpiryChange.Note note = to.isBefore(from) ? ExpiryChange.Note.EARLIER
                : capped ? ExpiryChange.Note.CAPPED : ExpiryChange.Note.NONE;
        return new ExpiryChange(key, from, to, note);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
