package dev.keydesk.core.rotation;

import java.time.Instant;

/**
 * What became of the old key once its replacement existed.
 *
 * @param endsAt when the old key stops working (its expiry now); null when it was not moved
 * @param marked whether its name now carries {@link RotationMarker#PREFIX}
 * @param message for people, for anything but {@link Result#MOVED}
 */
public record GraceResult(Result result, Instant endsAt, boolean marked, String message) {

    public enum Result {
        /** Its expiry was moved to the end of the grace (and its name marked). */
        MOVED,
        /** It already expires before the grace would end: marked, expiry left as it is. */
        ALREADY_SOONER,
        /** Grace "now": marked; it is to be revoked once the new secret has been handed over. */
        REVOKE_PENDING,
        /** The server cannot move expiries (no MOVE_EXPIRY): marked only where it could be. */
        NOT_MOVED,
        /** The server refused to change it (403: it holds more than the admin key). Nothing changed. */
        REFUSED,
        /** Another failure (the key is gone, a validation error). */
        FAILED
    }

    /** Whether the person must choose what happens to the old key (revoke now, or keep it as it is). */
    public boolean needsDecision() {
        return result == Result.REFUSED || result == Result.NOT_MOVED || result == Result.FAILED;
    }
}
