package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How many keys expire on each day (local time), and which days are clusters.
 *
 * <p>The cluster rule: a day is a cluster when at least {@link #MIN_CLUSTER} keys expire on it
 * <em>and</em> at least {@link #CLUSTER_FACTOR} times as many as on an average day of the range
 * looked at (every calendar day counted, those without expiries too). The first part keeps a small
 * server's two-keys-on-one-day from raising alarms; the second keeps a large server (hundreds of
 * expiries every day) from flagging every day. Two clusters never hide each other: each is
 * measured against the range's average day, not against the other days that have expiries.
 */
public final class ExpiryCalendar {

    public static final int MIN_CLUSTER = 5;
    public static final double CLUSTER_FACTOR = 3.0;

    /** One day that stands out. */
    public record Cluster(LocalDate day, int count) {
    }

    private final NavigableMap<LocalDate, List<ApiKey>> byDay;

    private ExpiryCalendar(NavigableMap<LocalDate, List<ApiKey>> byDay) {
        this.byDay = byDay;
    }

    public static ExpiryCalendar of(Collection<ApiKey> keys, ZoneId zone) {
        NavigableMap<LocalDate, List<ApiKey>> byDay = new TreeMap<>();
        for (ApiKey key : keys) {
            if (key.expiresAt() != null) {
                byDay.computeIfAbsent(LocalDate.ofInstant(key.expiresAt(), zone), d -> new ArrayList<>()).add(key);
            }
        }
        byDay.replaceAll((day, list) -> List.copyOf(list));
        return new ExpiryCalendar(byDay);
    }

    public int count(LocalDate day) {
        return keysOn(day).size();
    }

    public List<ApiKey> keysOn(LocalDate day) {
        return byDay.getOrDefault(day, List.of());
    }

    /** Keys expiring from {@code first} to {@code last}, both included. */
    public int total(LocalDate first, LocalDate last) {
        return byDay.subMap(first, true, last, true).values().stream().mapToInt(List::size).sum();
    }

    /** The most keys on any one day of the range (0 when none). */
    public int busiest(LocalDate first, LocalDate last) {
        return byDay.subMap(first, true, last, true).values().stream().mapToInt(List::size).max().orElse(0);
    }

    /** Whether {@code day} is a cluster among the days from {@code first} to {@code last}. */
    public boolean isCluster(LocalDate day, LocalDate first, LocalDate last) {
        if (day.isBefore(first) || day.isAfter(last)) {
            return false;
        }
        return count(day) >= clusterThreshold(first, last);
    }

    /** How many keys on one day of the range make a cluster (see the class comment). */
    public int clusterThreshold(LocalDate first, LocalDate last) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        double averageDay = days <= 0 ? 0 : (double) total(first, last) / days;
        return Math.max(MIN_CLUSTER, (int) Math.ceil(CLUSTER_FACTOR * averageDay));
    }

    /** The clusters of the range, by day. */
    public List<Cluster> clusters(LocalDate first, LocalDate last) {
        int threshold = clusterThreshold(first, last);
        List<Cluster> clusters = new ArrayList<>();
        byDay.subMap(first, true, last, true).forEach((day, keys) -> {
            if (keys.size() >= threshold) {
                clusters.add(new Cluster(day, keys.size()));
            }
        });
        return List.copyOf(clusters);
    }
}
