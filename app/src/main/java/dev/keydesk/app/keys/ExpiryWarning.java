package dev.keydesk.app.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The expiry warning above the key table: how many keys stop working within {@link #WITHIN_DAYS}
 * days, and how many already have (their owners' services are failing). Empty when neither.
 */
public record ExpiryWarning(int expiringSoon, int expired) {

    /** "Soon": the same week the table's urgency colours use. */
    public static final int WITHIN_DAYS = 7;

    public static final ExpiryWarning NONE = new ExpiryWarning(0, 0);

    public static ExpiryWarning of(List<KeyRow> rows, Instant now) {
        Instant limit = now.plus(Duration.ofDays(WITHIN_DAYS));
        int soon = 0;
        int gone = 0;
        for (KeyRow row : rows) {
            Instant at = row.expiresAt();
            if (at == null) {
                continue;
            }
            if (!at.isAfter(now)) {
                gone++;
            } else if (!at.isAfter(limit)) {
                soon++;
            }
        }
        return new ExpiryWarning(soon, gone);
    }

    public boolean isEmpty() {
        return expiringSoon == 0 && expired == 0;
    }

    /** "3 keys expire within 7 days · 2 keys have expired", or "" when there is nothing to say. */
    public String text() {
        String soon = expiringSoon == 0 ? ""
                : expiringSoon + (expiringSoon == 1 ? " key expires" : " keys expire") + " within " + WITHIN_DAYS + " days";
        String gone = expired == 0 ? ""
                : expired + (expired == 1 ? " key has expired" : " keys have expired") + " and no longer work"
                + (expired == 1 ? "s" : "");
        return soon.isEmpty() ? gone : gone.isEmpty() ? soon : soon + " · " + gone;
    }
}
