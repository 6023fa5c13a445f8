package dev.keydesk.core.review;

import dev.keydesk.client.model.Permission;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What the server says about one permission of a key: when it was last used and how often in the
 * last 7, 30 and 90 days, and whether that puts it inside the review's window.
 *
 * @param granted whether the key holds it by name (false: an {@code admin:*} key exercised it)
 * @param lastUsed null when never used in what the server kept
 * @param requests7d null where the server does not say
 * @param requests90d null where the server does not say
 * @param usedInWindow last used at most the window's days ago (exactly that long ago included)
 */
public record GrantEvidence(Permission permission, boolean granted, Instant lastUsed, Long requests7d,
                            long requests30d, Long requests90d, boolean usedInWindow, int windowDays, Instant now) {

    /** Whole days since the last use (rounded down), or -1 when never used. */
    public long daysSinceLastUse() {
        return lastUsed == null ? -1 : Math.max(0, Duration.between(lastUsed, now).toDays());
    }

    public boolean neverUsed() {
        return lastUsed == null;
    }

    /** "7 d 12 · 30 d 340 · 90 d 1,020"; a figure the server did not give is "?". */
    public String counts() {
        return "7 d " + count(requests7d) + " · 30 d " + count(requests30d) + " · 90 d " + count(requests90d);
    }

    /**
     * When it was last used, against the window: "never used", "last used today", "last used 45 days
     * ago (before the 30-day window)".
     */
    public String lastUseText() {
        if (lastUsed == null) {
            return "never used";
        }
        if (permission.isAdminAll()) {
            return usedInWindow ? "stands for every permission; the key used the concrete ones listed"
                    : "stands for every permission; nothing used in the window";
        }
        long days = daysSinceLastUse();
        String when = days == 0 ? "last used today" : days == 1 ? "last used 1 day ago" : "last used " + days + " days ago";
        return usedInWindow ? when : when + " (before the " + windowDays + "-day window)";
    }

    /** The evidence in one line: "datasets:write — last used 64 days ago (before the 30-day window); 7 d 0 · …". */
    public String describe() {
        return permission.value() + " — " + lastUseText() + "; " + counts();
    }

    private static String count(Long n) {
        return n == null ? "?" : String.format(Locale.ROOT, "%,d", n);
    }
}
