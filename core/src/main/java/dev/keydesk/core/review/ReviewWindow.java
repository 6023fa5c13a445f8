package dev.keydesk.core.review;

/**
 * How far back a review looks: a grant counts as used when it was last used at most this many
 * days ago (exactly that long ago included). The server keeps {@value #MAX_DAYS} days of usage, so
 * a longer window would claim evidence nobody has.
 */
public record ReviewWindow(int days) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MIN_DAYS = 1;
    /** What the server keeps ({@code key-api.md}: the last 90 days). */
    public static final int MAX_DAYS = 90;

    public static final ReviewWindow DEFAULT = new ReviewWindow(DEFAULT_DAYS);

    public ReviewWindow {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException("a review window is " + MIN_DAYS + ".." + MAX_DAYS + " days: " + days);
        }
    }

    /** {@code days} brought within bounds, for values typed or read from settings. */
    public static ReviewWindow clamped(int days) {
        return new ReviewWindow(Math.max(MIN_DAYS, Math.min(MAX_DAYS, days)));
    }

    /** "30 days", "1 day". */
    public String label() {
        return days == 1 ? "1 day" : days + " days";
    }
}
