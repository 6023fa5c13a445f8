package dev.keydesk.app.incident;

import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Preview;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The words incident runs are told in, wherever they run (the Incident workspace, an expiry
 * group, the context menu), so that each says the same thing the same way.
 */
public final class IncidentTexts {

    private IncidentTexts() {
    }

    /** "1 key", "12 keys". */
    public static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    public static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** "45 s", "3 min 5 s", "2 h 10 min". */
    public static String duration(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + ((s % 3600) / 60) + " min");
    }

    /** The result in one line: "All 3 keys are revoked." or "2 of 5 keys were not revoked." */
    public static String headline(IncidentResult result) {
        IncidentAction action = result.plan().action();
        int asked = action.askedOutcomes().stream().mapToInt(result::count).sum();
        int other = result.notAsAsked().size();
        String cancelled = result.cancelled() ? "Cancelled. " : "";
        if (other == 0) {
            return cancelled + (asked == 1 ? "The key is " : "All " + asked + " keys are ") + action.pastTense() + ".";
        }
        return cancelled + other + " of " + (asked + other) + " keys were not " + action.pastTense() + ".";
    }

    /** The counts: "38 revoked, 2 already gone, 1 failed, 3 not attempted". */
    public static String counts(IncidentResult result) {
        IncidentAction action = result.plan().action();
        Map<Outcome, Integer> counts = result.counts();
        StringBuilder s = new StringBuilder().append(counts.get(action.doneOutcome())).append(' ')
                .append(action.pastTense());
        for (Outcome o : new Outcome[] {Outcome.ALREADY_GONE, Outcome.FAILED, Outcome.NOT_ATTEMPTED}) {
            if (counts.get(o) > 0) {
                s.append(", ").append(counts.get(o)).append(' ').append(o.label());
            }
        }
        return s.toString();
    }

    /** The skipped keys by reason: "3 already frozen, 1 expired: …"; empty when none. */
    public static String skippedByReason(Preview preview) {
        Map<String, Long> reasons = preview.skipped().stream().collect(Collectors.groupingBy(
                Preview.SkippedKey::reason, LinkedHashMap::new, Collectors.counting()));
        return reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The first skipped keys with their reason, one a line ("\n\nLeft out:\n• …"); empty when none. */
    public static String skippedList(Preview preview, int max) {
        if (preview.skipped().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n\nLeft out:");
        preview.skipped().stream().limit(max).forEach(k -> s.append("\n• ").append(k.key().name()).append(": ")
                .append(k.reason()));
        if (preview.skipped().size() > max) {
            s.append("\n• … and ").append(preview.skipped().size() - max).append(" more");
        }
        return s.toString();
    }
}
