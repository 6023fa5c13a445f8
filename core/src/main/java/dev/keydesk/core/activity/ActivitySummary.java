package dev.keydesk.core.activity;

import dev.keydesk.client.model.AuditEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last week of the audit log at a glance: per category, how many events in the last 24 hours
 * and 7 days and how many in each hour; and which addresses failed to authenticate most.
 */
public final class ActivitySummary {

    public static final Duration DAY = Duration.ofHours(24);
    public static final Duration WEEK = Duration.ofDays(7);
    public static final int WEEK_HOURS = (int) WEEK.toHours();

    /** One address's failed authentications in the week. */
    public record AddressCount(String ip, int count, Instant last) {
    }

    public static final ActivitySummary EMPTY = new ActivitySummary(Instant.EPOCH, new EnumMap<>(EventCategory.class),
            List.of(), false);

    private final Instant now;
    /** Per category, per hour of the week: index 0 is the oldest hour, the last the current one. */
    private final Map<EventCategory, int[]> hourly;
    private final List<AddressCount> failedByAddress;
    private final boolean incomplete;

    private ActivitySummary(Instant now, Map<EventCategory, int[]> hourly, List<AddressCount> failedByAddress,
                            boolean incomplete) {
        this.now = now;
        this.hourly = hourly;
        this.failedByAddress = failedByAddress;
        this.incomplete = incomplete;
    }

    /**
     * @param events any events; those outside the last week are ignored
     * @param incomplete the events are not the whole week (a reading cap was reached)
     */
    public static ActivitySummary of(Collection<AuditEvent> events, Instant now, boolean incomplete) {
        Map<EventCategory, int[]> hourly = new EnumMap<>(EventCategory.class);
        for (EventCategory c : EventCategory.values()) {
            hourly.put(c, new int[WEEK_HOURS]);
        }
        Map<String, int[]> failedCounts = new HashMap<>();
        Map<String, Instant> failedLast = new HashMap<>();
        Instant start = now.minus(WEEK);
        for (AuditEvent e : events) {
            if (e.at() == null || !e.at().isAfter(start) || e.at().isAfter(now)) {
                continue;
            }
            int hour = WEEK_HOURS - 1 - (int) Duration.between(e.at(), now).toHours();
            EventCategory.of(e.type()).ifPresent(c -> hourly.get(c)[hour]++);
            if ("auth.failed".equals(e.type()) && e.ip() != null) {
                failedCounts.computeIfAbsent(e.ip(), ip -> new int[1])[0]++;
                failedLast.merge(e.ip(), e.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        List<AddressCount> byAddress = new ArrayList<>();
        failedCounts.forEach((ip, n) -> byAddress.add(new AddressCount(ip, n[0], failedLast.get(ip))));
        byAddress.sort(Comparator.comparingInt(AddressCount::count).reversed()
                .thenComparing(AddressCount::last, Comparator.reverseOrder()).thenComparing(AddressCount::ip));
        return new ActivitySummary(now, hourly, List.copyOf(byAddress), incomplete);
    }

    /** Events of {@code category} in the last {@code window} (24 hours or 7 days, whole hours). */
    public int count(EventCategory category, Duration window) {
        int[] hours = hourly.get(category);
        if (hours == null) {
            return 0;
        }
        int n = (int) Math.min(WEEK_HOURS, window.toHours());
        int sum = 0;
        for (int i = WEEK_HOURS - n; i < WEEK_HOURS; i++) {
            sum += hours[i];
        }
        return sum;
    }

    /** Events per hour over the last {@code hours} hours (at most a week), oldest hour first. */
    public int[] perHour(EventCategory category, int hours) {
        int n = Math.max(0, Math.min(WEEK_HOURS, hours));
        int[] all = hourly.get(category);
        int[] out = new int[n];
        if (all != null) {
            System.arraycopy(all, WEEK_HOURS - n, out, 0, n);
        }
        return out;
    }

    /** The addresses with the most failed authentications in the week, most first. */
    public List<AddressCount> topFailedAddresses(int limit) {
        return failedByAddress.subList(0, Math.min(limit, failedByAddress.size()));
    }

    /** The summary missed part of the week (too many events to read at once): counts are "at least". */
    public boolean incomplete() {
        return incomplete;
    }

    public Instant at() {
        return now;
    }
}
