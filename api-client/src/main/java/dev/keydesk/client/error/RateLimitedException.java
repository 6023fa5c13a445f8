package dev.keydesk.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Too many requests (429); still limited after the client's own retries, or at once under
 * {@link dev.keydesk.client.RetryPolicy#none()}.
 *
 * <p>{@link #limitScope()} says which limit was hit where the server names it: the calling key's
 * per-minute or per-hour budget, or the caller's address after too many failed authentications
 * (which blocks every request from that address, valid keys too, until {@link #retryAfter()}).
 */
public final class RateLimitedException extends KeyApiException {

    /** The calling key's per-minute window. */
    public static final String KEY_MINUTE = "key_minute";
    /** The calling key's per-hour window. */
    public static final String KEY_HOUR = "key_hour";
    /** Too many failed authentications from the caller's address: nothing from it gets through. */
    public static final String ADDRESS_FAILED_AUTH = "address_failed_auth";

    private final Duration retryAfter;
    private final String limitScope;

    public RateLimitedException(String message, int status, String code, String requestId, String param,
                                Duration retryAfter, String limitScope, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.retryAfter = retryAfter;
        this.limitScope = limitScope == null || limitScope.isBlank() ? null : limitScope;
    }

    public RateLimitedException(String message, int status, String code, String requestId, String param,
                                Duration retryAfter, Throwable cause) {
        this(message, status, code, requestId, param, retryAfter, null, cause);
    }

    /** How long the server asked to wait, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The limit hit, as the server named it: {@link #KEY_MINUTE}, {@link #KEY_HOUR},
     * {@link #ADDRESS_FAILED_AUTH}, or a value a server adds; empty when it did not say.
     */
    public Optional<String> limitScope() {
        return Optional.ofNullable(limitScope);
    }

    /** True when the caller's address, not the key, is blocked (too many failed authentications). */
    public boolean isAddressBlocked() {
        return ADDRESS_FAILED_AUTH.equals(limitScope);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
