package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How late an expiry may be set: the server's policy allows at most {@code max_lifetime_days}
 * from the moment it receives the change. A margin below that keeps a request from crossing the
 * limit while it travels (clock skew, a slow network, a bulk change that takes minutes).
 */
public final class ExpiryCap {

    /** Below the policy's maximum: clock skew and the time the requests of a bulk change take. */
    public static final Duration MARGIN = Duration.ofMinutes(10);

    private ExpiryCap() {
    }

    /** The latest expiry the policy allows for a change sent at {@code now}. */
    public static Instant latest(KeyPolicy policy, Instant now) {
        return now.plus(Duration.ofDays(maxDays(policy))).minus(MARGIN);
    }

    /**
     * The latest expiry {@code key} may get: the one place where a per-key limit (by type, by
     * what the admin key may extend) belongs. Today every key has the policy's.
     */
    public static Instant latestFor(ApiKey key, KeyPolicy policy, Instant now) {
        return latest(policy, now);
    }

    /** The policy's maximum lifetime in days (at least one). */
    public static int maxDays(KeyPolicy policy) {
        return Math.max(1, policy.maxLifetimeDays());
    }

    /** A key set to expire "on" a day stops working at the end of it (the last second, local time). */
    public static Instant endOfDay(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    }

    /** The first day a new expiry may fall on: tomorrow (today would leave hours, not days). */
    public static LocalDate firstDay(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone).plusDays(1);
    }

    /** The last day a new expiry may fall on under the policy. */
    public static LocalDate lastDay(KeyPolicy policy, Instant now, ZoneId zone) {
        return LocalDate.ofInstant(latest(policy, now), zone);
    }
}
