package dev.keydesk.core.rotation;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.expiry.ExpiryCap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Rotation with grace, one key at a time, for the app and the command line alike:
 * <ol>
 *   <li>{@link #createReplacement}: a new key with the old one's name, description and type and
 *       the reviewed permissions, expiring after the policy's default lifetime;</li>
 *   <li>{@link #startGrace}: the old key's name is marked ({@link RotationMarker}) and its expiry
 *       moved to the end of the grace (never later than it is, never past the policy), in one
 *       {@code PATCH} with {@code Audit-Reason: rotation};</li>
 *   <li>the caller hands the new secret over (shown once, or written to a file the person named), and
 *       for a grace of "now" revokes the old key ({@link #revokeOld}).</li>
 * </ol>
 * {@link #rotate} does the first two and returns the {@link Cutover} to track. Blocking: call it off
 * the UI thread.
 */
public final class Rotator {

    /** The audit log's reason for every change a rotation makes. */
    public static final String REASON = "rotation";

    private final Connection connection;
    private final Clock clock;

    public Rotator(Connection connection, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One rotation's result: the replacement (with its secret, for the caller to hand over) and the old key's grace. */
    public record Rotation(ApiKey old, CreatedKey replacement, GraceResult grace, Cutover cutover) {
    }

    /**
     * Creates the replacement and starts the old key's grace. A failed create throws (nothing was
     * changed); a grace the server refuses is in the result (the replacement exists either way).
     */
    public Rotation rotate(ApiKey old, Collection<Permission> permissions, Grace grace) {
        long[] baseline = baseline(old);
        Instant rotatedAt = clock.instant();
        CreatedKey created = createReplacement(old, permissions);
        if (created.secret().isEmpty()) {
            // A replayed create: the key exists, but nobody will ever have its secret. Useless, so
            // gone again; the old key is left untouched.
            try {
                connection.api().revokeKey(created.key().id(), ChangeOptions.reason(REASON));
            } catch (KeyApiException e) {
                throw new SecretLost(created.key(), false);
            }
            throw new SecretLost(created.key(), true);
        }
        GraceResult result = startGrace(old, grace);
        Cutover cutover = Cutover.started(connection.profile().id(), old, created.key(), rotatedAt, grace,
                result.endsAt() != null ? result.endsAt() : old.expiresAt(),
                baseline == null ? null : LocalDate.ofEpochDay(baseline[0]), baseline == null ? null : baseline[1]);
        return new Rotation(old, created, result, cutover);
    }

    /**
     * The server made the replacement but could not show its secret (an answer lost, then a replay).
     * The old key was left as it was.
     */
    public static final class SecretLost extends RuntimeException {
        private final ApiKey replacement;

        SecretLost(ApiKey replacement, boolean revoked) {
            super("The replacement " + replacement.id() + " was created but the server could not show its secret; "
                    + (revoked ? "it was revoked again." : "revoke it.") + " The old key was left as it was: rotate again.",
                    null, false, false);
            this.replacement = replacement;
        }

        public ApiKey replacement() {
            return replacement;
        }
    }

    /** The replacement of {@code old}: its name (without the marker), description and type, these permissions. */
    public CreatedKey createReplacement(ApiKey old, Collection<Permission> permissions) {
        List<Permission> perms = List.copyOf(new TreeSet<>(permissions));
        if (perms.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one permission");
        }
        Capabilities caps = connection.api().capabilities();
        String name = RotationMarker.unmarked(old.name()).strip();
        if (name.isEmpty()) {
            name = "Replacement of " + old.id();
        }
        String description = caps.has(Capability.DESCRIPTIONS) ? blankToNull(old.description()) : null;
        String type = caps.has(Capability.KEY_TYPES) ? old.type() : null;
        return connection.api().createKey(new KeyCreateParams(name, description, type, perms,
                replacementExpiry(connection.policy(), clock.instant())));
    }

    /** A new key lives the policy's default lifetime, within its maximum. */
    public static Instant replacementExpiry(KeyPolicy policy, Instant now) {
        int days = Math.max(1, Math.min(policy.defaultLifetimeDays() <= 0 ? ExpiryCap.maxDays(policy)
                : policy.defaultLifetimeDays(), ExpiryCap.maxDays(policy)));
        Instant wanted = now.plus(Duration.ofDays(days));
        Instant cap = ExpiryCap.latest(policy, now);
        return wanted.isAfter(cap) ? cap : wanted;
    }

    /** When the grace of {@code old} would end if it started now (null for "now"), within the policy. */
    public Instant graceEnd(ApiKey old, Grace grace) {
        if (grace.revokesAtOnce()) {
            return null;
        }
        Instant now = clock.instant();
        // Whole seconds: what the server keeps, so the tracker's end is the key's expiry exactly.
        Instant end = now.plus(grace.length()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant cap = ExpiryCap.latestFor(old, connection.policy(), now);
        return end.isAfter(cap) ? cap : end;
    }

    /**
     * Marks {@code old} and moves its expiry to the end of the grace. Never extends it: a key that
     * already expires sooner keeps its expiry. Without {@link Capability#MOVE_EXPIRY} only the name
     * is marked, and the result says the grace could not be set.
     */
    public GraceResult startGrace(ApiKey old, Grace grace) {
        KeyApi api = connection.api();
        boolean canMove = api.capabilities().has(Capability.MOVE_EXPIRY);
        Instant end = graceEnd(old, grace);
        boolean sooner = end != null && old.expiresAt() != null && !old.expiresAt().isAfter(end);
        boolean move = canMove && end != null && !sooner;
        KeyUpdateParams.Builder change = KeyUpdateParams.builder();
        boolean rename = !RotationMarker.isMarked(old.name());
        if (rename) {
            change.name(RotationMarker.mark(old.name()));
        }
        if (move) {
            change.expiresAt(end);
        }
        KeyUpdateParams params = change.build();
        Instant endsAt = move ? end : old.expiresAt();
        try {
            if (!params.isEmpty()) {
                endsAt = send(old.id(), params).expiresAt();
            }
        } catch (CancelledException e) {
            throw e;
        } catch (PermissionDeniedException e) {
            return new GraceResult(GraceResult.Result.REFUSED, old.expiresAt(), false,
                    "The server refused to change “" + old.name() + "”" + (e.isEscalation()
                            ? ": it holds permissions your admin key lacks, so its expiry cannot be moved."
                            : ".") + " Nothing was changed on it.");
        } catch (NotFoundException e) {
            return new GraceResult(GraceResult.Result.FAILED, null, false,
                    "“" + old.name() + "” is gone (revoked meanwhile?).");
        } catch (ValidationException | FeatureUnavailableException e) {
            return new GraceResult(GraceResult.Result.FAILED, old.expiresAt(), false,
                    "The grace could not be set on “" + old.name() + "”: " + ErrorMessages.describe(e).whatHappened());
        }
        if (grace.revokesAtOnce()) {
            return new GraceResult(GraceResult.Result.REVOKE_PENDING, old.expiresAt(), true, null);
        }
        if (!canMove) {
            return new GraceResult(GraceResult.Result.NOT_MOVED, old.expiresAt(), true,
                    "This server cannot change a key's expiry (" + api.capabilities().whyNot(Capability.MOVE_EXPIRY)
                            .orElse("no reason given") + "), so “" + RotationMarker.unmarked(old.name())
                            + "” keeps working " + (old.expiresAt() == null ? "until revoked." : "until " + old.expiresAt() + "."));
        }
        if (sooner) {
            return new GraceResult(GraceResult.Result.ALREADY_SOONER, endsAt, true,
                    "It already expires before the grace would end; its expiry was left as it is.");
        }
        return new GraceResult(GraceResult.Result.MOVED, endsAt, true, null);
    }

    /** Revokes the old key (grace "now", or early from the cutover tracker), with the rotation's reason. */
    public void revokeOld(String oldKeyId) {
        connection.api().revokeKey(oldKeyId, ChangeOptions.reason(REASON));
    }

    private ApiKey send(String id, KeyUpdateParams params) {
        KeyApi api = connection.api();
        for (int attempt = 0; ; attempt++) {
            String etag = api.getKey(id).etag();
            try {
                return api.updateKey(id, params, etag, ChangeOptions.reason(REASON)).key();
            } catch (PreconditionFailedException e) {
                // Changed between our read and our write: the marker and the grace still apply on top.
                if (attempt >= 1) {
                    throw e;
                }
            }
        }
    }

    /**
     * The old key's requests counted today (UTC) before the rotation, so that the tracker can tell
     * requests after it from those before; null where the server has no usage.
     */
    private long[] baseline(ApiKey old) {
        KeyApi api = connection.api();
        if (!api.capabilities().has(Capability.USAGE)) {
            return null;
        }
        try {
            KeyUsage usage = api.usage(old.id());
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            long count = usage.daily().stream().filter(d -> d.date().equals(today))
                    .mapToLong(KeyUsage.DailyRequests::requests).sum();
            return new long[] {today.toEpochDay(), count};
        } catch (CancelledException e) {
            throw e;
        } catch (KeyApiException e) {
            return null; // the tracker then goes by the last use alone
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
