package dev.keydesk.core.rotation;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.core.expiry.ExpiryGroup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where one cutover stands, read from the server: is the old key still used since the rotation (when
 * last, how many requests since, from which addresses), is the new one used yet, and is it time to
 * worry (the grace ends soon while the old key is busy).
 *
 * @param oldKey the old key as it is now; null once it is gone (revoked)
 * @param oldLastUsed its last use, whenever; null when never
 * @param requestsSince its requests since the rotation, from the daily counts less the rotation day's count
 *     before it; null where that is not known (then only the last use says whether it was used since)
 * @param addressesSince the addresses it was used from since the rotation, latest first
 * @param newKey the replacement as it is now; null when it is gone
 * @param warning set when the grace ends (or ended) while the old key is busy; null otherwise
 */
public record CutoverStatus(Cutover cutover, State state, ApiKey oldKey, Instant oldLastUsed, Long requestsSince,
                            List<KeyUsage.AddressUsage> addressesSince, ApiKey newKey, String warning) {

    /** A key used within this long counts as busy; quiet otherwise. */
    public static final Duration QUIET_AFTER = Duration.ofHours(1);
    /** Within this long of the grace's end, a busy old key is a warning. */
    public static final Duration WARN_BEFORE_END = Duration.ofHours(1);

    public enum State {
        /** The old key was used within {@link #QUIET_AFTER}: some service still has the old secret. */
        BUSY("Still in use"),
        /** The old key works but nothing used it within {@link #QUIET_AFTER}: safe to revoke early. */
        QUIET("Quiet"),
        /** The old key expired (the grace ended). */
        EXPIRED("Grace over"),
        /** The old key is revoked. */
        REVOKED("Revoked");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public CutoverStatus {
        addressesSince = List.copyOf(addressesSince);
    }

    /** Whether the old key was used at all after the rotation. */
    public boolean oldUsedSince() {
        return requestsSince != null ? requestsSince > 0
                : oldLastUsed != null && oldLastUsed.isAfter(cutover.rotatedAt());
    }

    /** Whether the replacement has been used (by anyone: the services that switched). */
    public boolean newUsed() {
        return newKey != null && newKey.lastUsed() != null;
    }

    public boolean isDone() {
        return state == State.EXPIRED || state == State.REVOKED;
    }

    /**
     * Reads the cutover's keys and the old key's usage; blocks. A server without usage per key
     * gives what the keys alone say (last use, no counts or addresses).
     */
    public static CutoverStatus check(KeyApi api, Cutover cutover, Instant now) {
        Objects.requireNonNull(cutover, "cutover");
        ApiKey old = find(api, cutover.oldKeyId());
        ApiKey replacement = find(api, cutover.newKeyId());
        KeyUsage usage = null;
        try {
            usage = api.usage(cutover.oldKeyId());
        } catch (CancelledException e) {
            throw e;
        } catch (FeatureUnavailableException | NotFoundException e) {
            // the keys alone then say what they can
        }
        return of(cutover, old, replacement, usage, now);
    }

    /** The status from what was read (null where nothing could be), as of {@code now}. */
    public static CutoverStatus of(Cutover cutover, ApiKey old, ApiKey replacement, KeyUsage usage, Instant now) {
        Instant lastUsed = latest(old == null ? null : old.lastUsed(), usage == null ? null
                : usage.permissions().stream().map(KeyUsage.PermissionUsage::lastUsed));
        Long since = null;
        List<KeyUsage.AddressUsage> addresses = List.of();
        if (usage != null) {
            addresses = usage.addresses().stream()
                    // The server keeps whole seconds: a use in the rotation's second counts as after it.
                    .filter(a -> a.lastSeen() != null
                            && !a.lastSeen().isBefore(cutover.rotatedAt().truncatedTo(ChronoUnit.SECONDS)))
                    .sorted(Comparator.comparing(KeyUsage.AddressUsage::lastSeen).reversed()).toList();
            if (cutover.baselineDay() != null && cutover.baselineRequests() != null) {
                // Exact, where the day's count before the rotation is known: times are only to the second.
                long after = usage.daily().stream().filter(d -> d.date().isAfter(cutover.baselineDay()))
                        .mapToLong(KeyUsage.DailyRequests::requests).sum();
                long thatDay = usage.daily().stream().filter(d -> d.date().equals(cutover.baselineDay()))
                        .mapToLong(KeyUsage.DailyRequests::requests).sum();
                since = after + Math.max(0, thatDay - cutover.baselineRequests());
            }
        }
        boolean usedSince = since != null ? since > 0 : lastUsed != null && lastUsed.isAfter(cutover.rotatedAt());
        if (since == null && !usedSince) {
            since = 0L;
        }
        if (!usedSince) {
            addresses = List.of();
        }
        State state;
        if (old == null || old.isRevoked()) {
            state = State.REVOKED;
        } else if (KeyStatus.EXPIRED.equals(old.status()) || ExpiryGroup.isExpired(old, now)) {
            state = State.EXPIRED;
        } else if (usedSince && !lastUsed.isBefore(now.minus(QUIET_AFTER))) {
            state = State.BUSY;
        } else {
            state = State.QUIET;
        }
        String warning = null;
        Instant end = old == null ? cutover.graceEndsAt() : old.expiresAt();
        if (state == State.BUSY && end != null && !end.isAfter(now.plus(WARN_BEFORE_END))) {
            long minutes = Math.max(0, Duration.between(now, end).toMinutes());
            warning = "The grace ends in " + (minutes == 0 ? "less than a minute" : minutes + " min")
                    + " and the old key is still in use: the services that use it will get 401 then. Hand them the "
                    + "new secret, or extend the old key's grace.";
        } else if (state == State.EXPIRED && end != null && lastUsed != null
                && !lastUsed.isBefore(end.minus(QUIET_AFTER))) {
            warning = "The grace ended while the old key was still in use: what used it now gets 401. Hand it the "
                    + "new secret.";
        }
        return new CutoverStatus(cutover, state, old, lastUsed, since, addresses, replacement, warning);
    }

    private static ApiKey find(KeyApi api, String id) {
        try {
            return api.getKey(id).key();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static Instant latest(Instant a, Stream<Instant> more) {
        Instant best = a;
        if (more != null) {
            for (Instant i : (Iterable<Instant>) more::iterator) {
                if (i != null && (best == null || i.isAfter(best))) {
                    best = i;
                }
            }
        }
        return best;
    }
}
