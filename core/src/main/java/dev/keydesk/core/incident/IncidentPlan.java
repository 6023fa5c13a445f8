package dev.keydesk.core.incident;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do in an incident, decided before anything happens: an action, which keys, why, and
 * the incident's reference (e.g. {@code INC-2041}). The reason goes to the server's audit log with
 * every change ({@code Audit-Reason}) and into the report.
 *
 * @param reason one line, at most {@value #MAX_REASON_LENGTH} characters; may be blank
 * @param reference the incident's id in the team's tracker; may be blank
 */
public record IncidentPlan(IncidentAction action, TargetSelection targets, String reason, String reference) {

    /** The contract's limit for {@code Audit-Reason}. */
    public static final int MAX_REASON_LENGTH = 200;

    public IncidentPlan {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targets, "targets");
        reason = reason == null ? "" : reason.strip();
        reference = reference == null ? "" : reference.strip();
        reasonProblem(reason).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (reference.codePoints().anyMatch(Character::isISOControl) || reference.length() > 100) {
            throw new IllegalArgumentException("An incident reference must be one line of at most 100 characters.");
        }
    }

    /**
     * What the audit log is told: the reference and the reason ("INC-42: leaked in a CI log"),
     * cut to the contract's limit.
     */
    public String auditReason() {
        String text = reference.isEmpty() ? reason : reason.isEmpty() ? reference : reference + ": " + reason;
        return text.codePointCount(0, text.length()) <= MAX_REASON_LENGTH ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_REASON_LENGTH - 1)) + "…";
    }

    /** What is wrong with {@code reason}, for a form to show as the person types; empty when it is fine. */
    public static Optional<String> reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.empty();
        }
        String r = reason.strip();
        if (r.codePointCount(0, r.length()) > MAX_REASON_LENGTH) {
            return Optional.of("A reason can be at most " + MAX_REASON_LENGTH + " characters long.");
        }
        if (r.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            return Optional.of("A reason must be one line without control characters.");
        }
        return Optional.empty();
    }

    /** For people: "Revoke live keys AND holds datasets:write (INC-42: leaked)". */
    public String describe() {
        String verb = action.verb();
        String why = auditReason();
        return Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " " + targets.describe()
                + (why.isEmpty() ? "" : " (" + why + ")");
    }
}
