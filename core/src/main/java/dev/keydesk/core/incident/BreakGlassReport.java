package dev.keydesk.core.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where break-glass stands at the end of a run.
 *
 * @param completed the steps done, in order
 * @param failedStep the step that failed, or null
 * @param replacementId the replacement key's id once created (null before, or when its creation's
 *     answer was lost)
 * @param replacementName its name
 * @param replacementExpiresAt its expiry
 * @param message for people: exactly where things stand and what to do
 */
public record BreakGlassReport(String oldKeyId, List<BreakGlass.Step> completed, BreakGlass.Step failedStep,
                               String replacementId, String replacementName, Instant replacementExpiresAt,
                               String message) {

    public BreakGlassReport {
        completed = List.copyOf(completed);
    }

    public boolean succeeded() {
        return failedStep == null && completed.contains(BreakGlass.Step.STOP_OLD_KEY);
    }

    public Optional<BreakGlass.Step> failed() {
        return Optional.ofNullable(failedStep);
    }
}
