package dev.keydesk.client.error;

import java.time.Duration;
import java.util.Optional;

/** Too many requests (429); still limited after the client's own retries. */
public final class RateLimitedException extends KeyApiException {

    private final Duration retryAfter;

    public RateLimitedException(String message, int status, String code, String requestId, String param,
                                Duration retryAfter, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
