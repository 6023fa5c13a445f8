package dev.keydesk.core.incident;

import dev.keydesk.client.model.KeyStatus;

import java.util.Locale;
import java.util.Set;

/** What an incident run does to each target key. */
public enum IncidentAction {
    /** {@code DELETE}: the key stops at once, for good. */
    REVOKE("revoke", "revoked", null),
    /** {@code PATCH status=disabled}: the key stops until it is thawed. */
    FREEZE("freeze", "frozen", KeyStatus.DISABLED),
    /** {@code PATCH status=active}: a frozen key works again. */
    THAW("thaw", "thawed", KeyStatus.ACTIVE);

    private final String verb;
    private final String pastTense;
    private final String targetStatus;

    IncidentAction(String verb, String pastTense, String targetStatus) {
        this.verb = verb;
        this.pastTense = pastTense;
        this.targetStatus = targetStatus;
    }

    /** "revoke", "freeze", "thaw". */
    public String verb() {
        return verb;
    }

    /** "revoked", "frozen", "thawed". */
    public String pastTense() {
        return pastTense;
    }

    /** The status a key has once the action is done; null for revoke (the key is gone). */
    public String targetStatus() {
        return targetStatus;
    }

    /** The outcome a key ends with when this action worked on it. */
    public Outcome doneOutcome() {
        return switch (this) {
            case REVOKE -> Outcome.REVOKED;
            case FREEZE -> Outcome.FROZEN;
            case THAW -> Outcome.THAWED;
        };
    }

    /**
     * The outcomes that mean "ended as asked". A key already gone (404) counts for revoke and
     * freeze (it can do nothing either way), not for thaw (it will never work again).
     */
    public Set<Outcome> askedOutcomes() {
        return switch (this) {
            case REVOKE -> Set.of(Outcome.REVOKED, Outcome.ALREADY_GONE);
            case FREEZE -> Set.of(Outcome.FROZEN, Outcome.ALREADY_GONE);
            case THAW -> Set.of(Outcome.THAWED);
        };
    }

    /** Reads {@link #verb()} back (reports, the command line). */
    public static IncidentAction parse(String value) {
        for (IncidentAction a : values()) {
            if (a.verb.equalsIgnoreCase(value.trim()) || a.name().equalsIgnoreCase(value.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action “" + value + "” (revoke, freeze or thaw)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
