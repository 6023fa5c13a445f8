package dev.keydesk.client.error;

import dev.keydesk.client.Capability;

/**
 * This server (or its dialect) cannot do what was asked: an optional endpoint it lacks (it answered
 * 404 or 405), or a change its dialect cannot express (e.g. disabling a Narrative token). Nothing
 * was changed. {@link dev.keydesk.client.KeyApi#capabilities()} reports the same capability as
 * absent from then on, with the same reason, so that a UI can hide the feature instead.
 */
public final class FeatureUnavailableException extends KeyApiException {

    private final Capability capability;
    private final String reason;

    /**
     * @param reason why, for people, e.g. "Narrative tokens cannot be disabled; only revoked."
     * @param status the status of the answer that showed it, or 0 when the client knew beforehand
     */
    public FeatureUnavailableException(Capability capability, String reason, int status, String code,
                                       String requestId, Throwable cause) {
        super(reason, status, code, requestId, null, cause);
        this.capability = java.util.Objects.requireNonNull(capability, "capability");
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public Capability capability() {
        return capability;
    }

    /** The same sentence as {@link #getMessage()}. */
    public String reason() {
        return reason;
    }
}
