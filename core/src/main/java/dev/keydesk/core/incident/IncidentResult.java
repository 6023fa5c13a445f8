package dev.keydesk.core.incident;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A finished run: every target with exactly one outcome, in run order, and what the report holds.
 *
 * @param outcomes one per target of the preview, in the same order
 * @param cancelled whether Cancel was asked before the run ended
 * @param stopReason why the engine stopped early by itself (the admin key refused), or null
 * @param breakGlass where break-glass stands; null when the plan did not need it
 * @param reportFolder where the report was saved automatically; null when saving was off
 * @param notes things a person should know about the run (e.g. the reason could not reach the audit log)
 */
public record IncidentResult(Preview preview, Server server, Instant startedAt, Instant endedAt,
                             List<KeyOutcome> outcomes, boolean cancelled, String stopReason,
                             BreakGlassReport breakGlass, Path reportFolder, List<String> notes) {

    /** The server a run went to. */
    public record Server(String profile, String url) {
    }

    public IncidentResult {
        outcomes = List.copyOf(outcomes);
        notes = List.copyOf(notes);
    }

    public IncidentPlan plan() {
        return preview.plan();
    }

    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        outcomes.forEach(o -> counts.merge(o.outcome(), 1, Integer::sum));
        return counts;
    }

    public int count(Outcome outcome) {
        return counts().get(outcome);
    }

    /** True only when every target ended as the plan asked (see {@link IncidentAction#askedOutcomes()}). */
    public boolean allAsAsked() {
        Set<Outcome> asked = plan().action().askedOutcomes();
        return outcomes.stream().allMatch(o -> asked.contains(o.outcome()))
                && (breakGlass == null || breakGlass.succeeded());
    }

    /** The keys that did not end as asked (failed, not attempted), to run again as a set. */
    public List<KeyOutcome> notAsAsked() {
        Set<Outcome> asked = plan().action().askedOutcomes();
        return outcomes.stream().filter(o -> !asked.contains(o.outcome())).toList();
    }

    /**
     * A plan over the keys that did not end as asked, with the same action, reason and reference:
     * the retry of a run. Empty when there is nothing left to do. The connected key is included
     * when it is among them (break-glass runs again).
     */
    public Optional<IncidentPlan> retryPlan() {
        Set<String> ids = new LinkedHashSet<>();
        notAsAsked().forEach(o -> ids.add(o.keyId()));
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        boolean includesConnected = preview.caller().connectedKeyId().map(ids::contains).orElse(false);
        IncidentPlan p = plan();
        return Optional.of(new IncidentPlan(p.action(),
                TargetSelection.ofIds(ids).includingConnectedKey(includesConnected), p.reason(), p.reference()));
    }
}
