package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.ErrorMessages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Break-glass for one run whose plan includes the admin key the run is connected with: (1) creates
 * a replacement with the same permissions and a short expiry, (2) hands its secret over once,
 * (3) switches the run's client to it, (4) stops the old key last, after every other key. If a step
 * fails it stops before the old key is touched, and {@link #report()} says exactly where things
 * stand. It runs on the run's coordinator thread (which alone touches its state) and reaches the
 * run only through {@link Run}.
 */
final class BreakGlassSequence {

    private static final int MAX_NAME = 100;

    /** What break-glass needs of the run it is part of. */
    interface Run {

        /** The client the run uses now. */
        KeyApi client();

        /** Step 3: the rest of the run, and the old key, go through {@code next}. */
        void switchTo(KeyApi next);

        /**
         * The replacement's create was rate limited (refused without acting): pauses the whole run
         * for the server's wait and waits it out. Returns false when the run was cancelled.
         */
        boolean waitOut(RateLimitedException e);

        /** Calls the listener; a listener that throws is ignored. */
        void tell(Consumer<IncidentListener> call);

        /**
         * Step 4's start, under the run's lock: asks {@code notSent} whether the old key goes; if it
         * gives a message, journals the old key as not attempted with it (still under the lock) and
         * tells the listener after; otherwise queues the old key. Returns whether it was queued.
         */
        boolean queueOldKey(NotSent notSent);

        /** Runs until nothing is left or in flight; returns the old key's outcome, or null. */
        KeyOutcome driveOldKey();

        /** Adds where break-glass stands to the run's journal. */
        void journal(BreakGlassReport report);
    }

    /** Decides, under the run's lock, whether the old key is sent. */
    @FunctionalInterface
    interface NotSent {
        /** Returns why the old key is not sent, or null to send it. */
        String message(boolean cancelled, boolean stopping, String stopReason);
    }

    private final BreakGlass bg;
    private final ApiKey old;
    private final IncidentAction action;
    private final String ref;
    private final KeyPolicy policy;
    private final Clock clock;
    private final Run run;
    private BreakGlassReport breakGlass;

    BreakGlassSequence(BreakGlass bg, ApiKey old, IncidentAction action, String reference, KeyPolicy policy,
                       Clock clock, Run run) {
        this.bg = bg;
        this.old = old;
        this.action = action;
        this.ref = reference;
        this.policy = policy;
        this.clock = clock;
        this.run = run;
    }

    /** Where break-glass stands; null before it began. */
    BreakGlassReport report() {
        return breakGlass;
    }

    /** Steps 1 to 3. Returns whether the old key may be stopped (step 4). */
    boolean replaceConnectedKey() {
        KeyApi client = run.client();
        List<BreakGlass.Step> done = new ArrayList<>();
        String name = replacementName(old, ref);
        Duration lifetime = bg.lifetime();
        if (policy != null && policy.maxLifetimeDays() > 0) {
            Duration max = Duration.ofDays(policy.maxLifetimeDays());
            lifetime = lifetime.compareTo(max) > 0 ? max : lifetime;
        }
        Instant expires = clock.instant().plus(lifetime);
        tellStep(BreakGlass.Step.CREATE_REPLACEMENT, false, "Creating “" + name + "” with the same permissions.");
        CreatedKey created;
        try {
            created = createWaitingOutPauses(client, new KeyCreateParams(name,
                    "Break-glass replacement of " + old.id() + (ref.isEmpty() ? "" : " for incident " + ref) + ".",
                    old.type(), old.permissions(), expires));
        } catch (KeyApiException | IllegalStateException e) {
            boolean unknown = answerLost(e);
            String msg = "The replacement admin key could not be created (" + (e instanceof KeyApiException k
                    ? describe(k, "create the replacement key") : e.getClass().getSimpleName())
                    + "). Nothing else of break-glass happened: the old admin key " + label(old)
                    + " was left alive and the run used it for the other keys."
                    + (unknown ? " The answer was lost, so a key named “" + name + "” may exist: look for it and "
                    + "revoke it." : "");
            return breakGlassFailed(done, BreakGlass.Step.CREATE_REPLACEMENT, null, name, expires, msg);
        }
        ApiKey replacement = created.key();
        if (created.secret().isEmpty()) {
            boolean revoked = revokeQuietly(client, replacement.id());
            return breakGlassFailed(done, BreakGlass.Step.CREATE_REPLACEMENT, replacement.id(), name, expires,
                    "The server created the replacement " + replacement.id() + " but sent no secret for it, so "
                            + (revoked ? "it was revoked again" : "it cannot be used; revoke it (it could not be "
                            + "revoked automatically)") + ". The old admin key " + label(old) + " was left alive.");
        }
        done.add(BreakGlass.Step.CREATE_REPLACEMENT);
        tellStep(BreakGlass.Step.CREATE_REPLACEMENT, true, "Created " + replacement.id() + ", expiring " + expires + ".");
        Secret secret = created.secret().get();
        try {
            tellStep(BreakGlass.Step.HAND_OVER_SECRET, false, "Handing over the secret of " + replacement.id() + ".");
            try {
                bg.handover().handOver(replacement, secret);
            } catch (Exception e) {
                boolean revoked = revokeQuietly(client, replacement.id());
                return breakGlassFailed(done, BreakGlass.Step.HAND_OVER_SECRET, replacement.id(), name, expires,
                        "The replacement " + replacement.id() + " was created, but its secret could not be handed over ("
                                + e.getClass().getSimpleName() + "), so "
                                + (revoked ? "it was revoked again" : "it could not be used; revoke it (it could not be "
                                + "revoked automatically)") + ". The old admin key " + label(old)
                                + " was left alive and the run used it for the other keys.");
            }
            done.add(BreakGlass.Step.HAND_OVER_SECRET);
            tellStep(BreakGlass.Step.HAND_OVER_SECRET, true, "The secret was handed over.");
            tellStep(BreakGlass.Step.SWITCH_CONNECTION, false, "Switching the connection to " + replacement.id() + ".");
            KeyApi next;
            try {
                next = bg.connectionSwitch().switchTo(replacement, secret);
                Optional<WhoAmI> who = next.whoami();
                if (who.isPresent() && who.get().callingKey().isPresent()
                        && !replacement.id().equals(who.get().callingKey().get().id())) {
                    throw new IllegalStateException("the switched connection is not the replacement key");
                }
            } catch (Exception e) {
                return breakGlassFailed(done, BreakGlass.Step.SWITCH_CONNECTION, replacement.id(), name, expires,
                        "The replacement " + replacement.id() + " was created and its secret handed over, but switching "
                                + "to it failed (" + (e instanceof KeyApiException k ? describe(k, "use the replacement key")
                                : e.getClass().getSimpleName()) + "). The old admin key " + label(old)
                                + " was left alive and the run used it for the other keys. Connect with the replacement, "
                                + "then " + action.verb() + " the old key.");
            }
            run.switchTo(next);
            done.add(BreakGlass.Step.SWITCH_CONNECTION);
            tellStep(BreakGlass.Step.SWITCH_CONNECTION, true, "The run now uses " + replacement.id() + ".");
            breakGlass = new BreakGlassReport(old.id(), done, null, replacement.id(), name, expires,
                    "The replacement " + replacement.id() + " is in use; the old admin key " + label(old)
                            + " will be " + action.pastTense() + " last.");
            return true;
        } finally {
            secret.wipe();
        }
    }

    private CreatedKey createWaitingOutPauses(KeyApi client, KeyCreateParams params) {
        while (true) {
            try {
                return client.createKey(params);
            } catch (RateLimitedException e) {
                // Refused without acting: safe to send again after the wait.
                if (!run.waitOut(e)) {
                    throw e;
                }
            }
        }
    }

    private boolean breakGlassFailed(List<BreakGlass.Step> done, BreakGlass.Step failed, String id, String name,
                                     Instant expires, String message) {
        tellStep(failed, false, message);
        breakGlass = new BreakGlassReport(old.id(), done, failed, id, name, expires, message);
        return false;
    }

    /** Step 4, after every other key: the old key through the replacement's connection. */
    void stopOldKey(boolean mayGo) {
        boolean queued = run.queueOldKey((cancelled, stopping, stopReason) -> {
            if (mayGo && !cancelled && !stopping) {
                return null;
            }
            String msg;
            if (!mayGo) {
                msg = "Left alive: " + breakGlass.message();
            } else if (cancelled) {
                msg = "Cancelled before the old admin key was " + action.pastTense() + ": the run was connected "
                        + "with the replacement " + breakGlass.replacementId() + "; the old key still works.";
            } else {
                msg = "Not attempted: " + stopReason;
            }
            if (mayGo) {
                breakGlass = new BreakGlassReport(old.id(), breakGlass.completed(), BreakGlass.Step.STOP_OLD_KEY,
                        breakGlass.replacementId(), breakGlass.replacementName(), breakGlass.replacementExpiresAt(), msg);
            }
            return msg;
        });
        if (!queued) {
            run.journal(breakGlass);
            return;
        }
        tellStep(BreakGlass.Step.STOP_OLD_KEY, false, "The old admin key " + label(old) + " goes last.");
        KeyOutcome o = run.driveOldKey();
        boolean asked = o != null && action.askedOutcomes().contains(o.outcome());
        List<BreakGlass.Step> done = new ArrayList<>(breakGlass.completed());
        String msg;
        if (asked) {
            done.add(BreakGlass.Step.STOP_OLD_KEY);
            msg = "Done: the old admin key " + label(old) + " was " + action.pastTense() + "; the connection uses the "
                    + "replacement " + breakGlass.replacementId() + " (expires " + breakGlass.replacementExpiresAt() + ").";
        } else {
            msg = "The replacement " + breakGlass.replacementId() + " is in use, but the old admin key " + label(old)
                    + " was not " + action.pastTense() + ": " + (o == null ? "unknown" : o.message());
        }
        breakGlass = new BreakGlassReport(old.id(), done, asked ? null : BreakGlass.Step.STOP_OLD_KEY,
                breakGlass.replacementId(), breakGlass.replacementName(), breakGlass.replacementExpiresAt(), msg);
        tellStep(BreakGlass.Step.STOP_OLD_KEY, asked, msg);
        run.journal(breakGlass);
    }

    private boolean revokeQuietly(KeyApi client, String id) {
        try {
            client.revokeKey(id);
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String replacementName(ApiKey old, String ref) {
        String oldName = old.name() == null || old.name().isBlank() ? old.id() : old.name();
        String suffix = ref.isEmpty() ? "" : " (" + ref + ")";
        String name = "Replaces " + oldName + suffix;
        if (name.length() > MAX_NAME) {
            int room = MAX_NAME - "Replaces ".length() - suffix.length() - 1;
            name = "Replaces " + oldName.substring(0, Math.max(1, room)) + "…" + suffix;
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private void tellStep(BreakGlass.Step step, boolean done, String message) {
        run.tell(l -> l.breakGlassStep(step, done, message));
    }

    /**
     * Whether a failed create may still have made the key: its answer was lost (dropped, garbled,
     * a 5xx after the server may have acted) or the run was cancelled while it was in flight.
     */
    static boolean answerLost(Exception e) {
        return e instanceof TransportException || e instanceof ServerException || e instanceof MalformedResponseException
                || (e instanceof UnexpectedStatusException u && u.status() >= 500)
                || (e instanceof CancelledException c && c.mayHaveReachedServer());
    }

    private static String describe(KeyApiException e, String verb) {
        return ErrorMessages.describe(e, ErrorMessages.Action.write(verb)).whatHappened();
    }

    private static String label(ApiKey key) {
        return Preview.label(key);
    }
}
