package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Extending keys within the policy: "+N days" on each key's own expiry (from now for a key that
 * has expired), or one new date for all. Every proposal is capped at what the policy allows for
 * that key; a key that would not move later is left alone, with the reason.
 */
public final class ExtendPlan {

    private ExtendPlan() {
    }

    /** Each key's expiry (or now, if that has passed) plus {@code days}, capped. */
    public static List<ExpiryChange> byDays(List<ApiKey> keys, int days, KeyPolicy policy, Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
        List<ExpiryChange> changes = new ArrayList<>(keys.size());
        for (ApiKey key : keys) {
            Instant from = key.expiresAt();
            if (from == null) {
                changes.add(ExpiryChange.skip(key, ExpiryChange.Note.NEVER_EXPIRES));
                continue;
            }
            Instant base = from.isAfter(now) ? from : now;
            changes.add(capped(key, base.plus(Duration.ofDays(days)), policy, now, ExpiryChange.Note.AT_LIMIT));
        }
        return List.copyOf(changes);
    }

    /** Every key to the end of {@code day} (local time in {@code zone}), capped; earlier keys only. */
    public static List<ExpiryChange> toDate(List<ApiKey> keys, LocalDate day, ZoneId zone, KeyPolicy policy,
                                            Instant now) {
        if (day.isBefore(ExpiryCap.firstDay(now, zone))) {
            throw new IllegalArgumentException("the new expiry must be after today: " + day);
        }
        Instant target = ExpiryCap.endOfDay(day, zone);
        List<ExpiryChange> changes = new ArrayList<>(keys.size());
        for (ApiKey key : keys) {
            if (key.expiresAt() == null) {
                changes.add(ExpiryChange.skip(key, ExpiryChange.Note.NEVER_EXPIRES));
            } else {
                changes.add(capped(key, target, policy, now, ExpiryChange.Note.NOT_LATER));
            }
        }
        return List.copyOf(changes);
    }

    /** {@code wanted}, held at the key's cap; skipped with {@code notLater} unless it moves the key later. */
    private static ExpiryChange capped(ApiKey key, Instant wanted, KeyPolicy policy, Instant now,
                                       ExpiryChange.Note notLater) {
        Instant cap = ExpiryCap.latestFor(key, policy, now);
        boolean capped = wanted.isAfter(cap);
        Instant to = capped ? cap : wanted;
        if (!to.isAfter(key.expiresAt())) {
            return ExpiryChange.skip(key, capped ? ExpiryChange.Note.AT_LIMIT : notLater);
        }
        return new ExpiryChange(key, key.expiresAt(), to, capped ? ExpiryChange.Note.CAPPED : ExpiryChange.Note.NONE);
    }
}
