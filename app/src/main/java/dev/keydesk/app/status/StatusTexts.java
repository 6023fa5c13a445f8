package dev.keydesk.app.status;

import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.core.common.ErrorMessages;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The status bar's wording, in one place so that it can be tested without a window. */
public final class StatusTexts {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private StatusTexts() {
    }

    /** E.g. {@code "9,847 / 10,000 requests left · resets in 42 min"}. */
    public static String rateLimit(RateLimitStatus status, Instant now, Locale locale) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        String left = numbers.format(Math.max(0, status.remaining())) + " / " + numbers.format(status.limit())
                + " requests left";
        if (status.reset() == null) {
            return left;
        }
        return left + " · resets " + inDuration(Duration.between(now, status.reset()));
    }

    /** "in 42 min", "in 1 h 5 min", "in 30 s", "now". Rounded up: a reset never comes earlier than said. */
    static String inDuration(Duration d) {
        long seconds = (d.toMillis() + 999) / 1000;
        if (seconds <= 0) {
            return "now";
        }
        if (seconds < 60) {
            return "in " + seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return "in " + minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return "in " + hours + " h" + (rest == 0 ? "" : " " + rest + " min");
    }

    /** E.g. {@code "Refreshed 3 min ago"}. */
    public static String lastRefresh(Instant refreshed, Instant now) {
        if (refreshed == null) {
            return "Not refreshed yet";
        }
        long seconds = Math.max(0, Duration.between(refreshed, now).getSeconds());
        if (seconds < 45) {
            return "Refreshed just now";
        }
        long minutes = Math.max(1, Math.round(seconds / 60.0));
        if (minutes < 60) {
            return "Refreshed " + minutes + " min ago";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return "Refreshed " + hours + " h ago";
        }
        return "Refreshed " + hours / 24 + " days ago";
    }

    /** E.g. {@code "Rate limited — you can retry in 12 s"}: the client gave up, the person decides. */
    public static String rateLimited(Duration left) {
        return rateLimited(left, null);
    }

    /**
     * {@link #rateLimited(Duration)} naming the limit the server named: the admin key's minute or
     * hour window, or, for {@code address_failed_auth}, "Too many failed authentications from this
     * address; every request from it waits 12 s" (the key is not to blame, and a valid one waits too).
     */
    public static String rateLimited(Duration left, String limitScope) {
        long seconds = secondsRoundedUp(left);
        if (RateLimitedException.ADDRESS_FAILED_AUTH.equals(limitScope)) {
            return seconds <= 0 ? "Too many failed authentications from this address; you can retry now"
                    : ErrorMessages.addressBlocked(Duration.ofSeconds(seconds));
        }
        String which = window(limitScope);
        return seconds <= 0 ? "Rate limited" + which + " — you can retry now"
                : "Rate limited" + which + " — you can retry in " + seconds + " s";
    }

    /** The wire name of the key's window a retry announcement names, or null. */
    private static String scope(RetryScheduled retry) {
        if (retry.limit() == null) {
            return null;
        }
        return switch (retry.limit()) {
            case KEY_MINUTE -> RateLimitedException.KEY_MINUTE;
            case KEY_HOUR -> RateLimitedException.KEY_HOUR;
            case ADDRESS_FAILED_AUTH -> RateLimitedException.ADDRESS_FAILED_AUTH;
            case OTHER -> null;
        };
    }

    /** " (per minute)", " (per hour)" or nothing, after "Rate limited". */
    private static String window(String limitScope) {
        return RateLimitedException.KEY_MINUTE.equals(limitScope) ? " (per minute)"
                : RateLimitedException.KEY_HOUR.equals(limitScope) ? " (per hour)" : "";
    }

    /**
     * While the client waits to repeat a request: {@code "Rate limited — retrying in 12 s"},
     * {@code "Server error — retrying (attempt 2 of 3)"}, {@code "Server not answering — retrying (attempt 2 of 3)"}.
     */
    public static String retrying(RetryScheduled retry, Instant now) {
        String attempt = "(attempt " + retry.nextAttempt() + " of " + retry.maxAttempts() + ")";
        return switch (retry.reason()) {
            case RATE_LIMITED -> {
                long seconds = secondsRoundedUp(Duration.between(now, retry.retryAt()));
                String what = retry.limit() == RetryScheduled.Limit.ADDRESS_FAILED_AUTH
                        ? "Address blocked after failed authentications" : "Rate limited" + window(scope(retry));
                yield seconds <= 0 ? what + " — retrying now" : what + " — retrying in " + seconds + " s";
            }
            case SERVER_ERROR -> "Server error — retrying " + attempt;
            case CONNECTION_FAILED -> "Server not answering — retrying " + attempt;
        };
    }

    /** The tooltip of {@link #retrying}: why, until when, and how to stop waiting. */
    public static String retryingDetails(RetryScheduled retry, ZoneId zone) {
        String why = switch (retry.reason()) {
            case RATE_LIMITED -> retry.limit() == RetryScheduled.Limit.ADDRESS_FAILED_AUTH
                    ? "The server answered 429: " + ErrorMessages.addressBlocked(retry.delay())
                            + ", valid admin keys too. The admin key is not the problem."
                    : scope(retry) == null ? "The server answered 429: the admin key is over its rate limit."
                    : "The server answered 429: " + ErrorMessages.rateLimitHit(scope(retry)) + ".";
            case SERVER_ERROR -> "The server answered HTTP " + retry.status() + ".";
            case CONNECTION_FAILED -> "The server did not answer.";
        };
        return why + " KeyDesk tries again by itself at " + CLOCK_TIME.format(retry.retryAt().atZone(zone))
                + " (attempt " + retry.nextAttempt() + " of " + retry.maxAttempts() + ")."
                + " To stop waiting, press Cancel (or Stop) where it is loading or saving.";
    }

    private static long secondsRoundedUp(Duration d) {
        return (Math.max(0, d.toMillis()) + 999) / 1000;
    }
}
