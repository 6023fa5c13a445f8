package dev.keydesk.client.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {

    private RetryAfter() {
    }

    /** Null when absent or unreadable; never negative. */
    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (Double.isNaN(seconds) || seconds < 0) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(Math.min(seconds, 1e9) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
