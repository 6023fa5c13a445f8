package dev.keydesk.core.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The whole run waits: the server said to (429 with {@code Retry-After}), or the rate-limit
 * budget it reported is spent until its window starts afresh. Nothing new is sent meanwhile and
 * no key is given up.
 *
 * @param limitScope which limit, as the server named it ({@code key_minute}, {@code key_hour},
 *     {@code address_failed_auth}); null when it did not say
 * @param length the whole wait, as announced
 * @param until when the run goes on, by the engine's clock
 * @param message for people: "Rate limited (the per-minute limit): resuming in 37 s"
 */
public record Pause(Reason reason, String limitScope, Duration length, Instant until, String message) {

    public enum Reason {
        /** The server answered 429 with a {@code Retry-After}. */
        RATE_LIMITED,
        /** The budget the server reported is spent; waiting for its reset avoids a 429. */
        BUDGET_SPENT
    }

    public Optional<String> scope() {
        return Optional.ofNullable(limitScope);
    }

    /** What is left of the wait at {@code now}. */
    public Duration remaining(Instant now) {
        Duration d = Duration.between(now, until);
        return d.isNegative() ? Duration.ZERO : d;
    }

    static String describeScope(String scope) {
        if (scope == null) {
            return "the rate limit";
        }
        return switch (scope) {
            case "key_minute" -> "the per-minute limit of this admin key";
            case "key_hour" -> "the per-hour limit of this admin key";
            case "address_failed_auth" -> "too many failed sign-ins from this address: the server blocks it";
            default -> "the limit “" + scope + "”";
        };
    }
}
