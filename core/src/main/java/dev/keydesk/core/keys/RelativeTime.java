package dev.keydesk.core.keys;

import java.time.Duration;
import java.time.Instant;

/**
 * Times as people read them in a table: "3 minutes ago", "in 12 days", "never". Coarse on
 * purpose; the details pane shows the exact instant.
 */
public final class RelativeTime {

    private RelativeTime() {
    }

    /** "just now", "5 minutes ago", "in 3 hours", "in 12 days", "2 months ago", "in 1 year". */
    public static String of(Instant then, Instant now) {
        Duration d = Duration.between(now, then);
        boolean future = !d.isNegative();
        Duration abs = d.abs();
        if (abs.toSeconds() < 60) {
            return future && abs.toSeconds() > 0 ? "in less than a minute" : "just now";
        }
        String amount = amount(abs);
        return future ? "in " + amount : amount + " ago";
    }

    /** "never", "in 12 days", "expired 3 days ago" (also "expired just now"). */
    public static String expiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return "never";
        }
        if (!expiresAt.isAfter(now)) {
            return "expired " + of(expiresAt, now);
        }
        return of(expiresAt, now);
    }

    /** "never" when the key was never used. */
    public static String lastUsed(Instant lastUsed, Instant now) {
        return lastUsed == null ? "never" : of(lastUsed, now);
    }

    private static String amount(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = d.toHours();
        if (hours < 24) {
            return plural(hours, "hour");
        }
        long days = d.toDays();
        if (days < 60) {
            return plural(days, "day");
        }
        if (days < 730) {
            return plural(days / 30, "month");
        }
        return plural(days / 365, "year");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
