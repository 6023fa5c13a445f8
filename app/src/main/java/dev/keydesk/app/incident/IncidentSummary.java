package dev.keydesk.app.incident;

import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentReport;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Preview;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The incident summary for the platform's security team: plain text that says what happened, when,
 * on which server, by whom, to how many keys, what did not work, and where the report is. It names
 * keys by id, name and prefix and never holds a secret (a run has none to give).
 */
public final class IncidentSummary {

    /** Listed one a line up to this many; beyond, the report has them. */
    static final int MAX_LISTED = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private IncidentSummary() {
    }

    /** The summary of {@code result}; {@code reportFolder} is where its report was saved (may be null). */
    public static String of(IncidentResult result, Path reportFolder) {
        IncidentAction action = result.plan().action();
        String ref = result.plan().reference().isBlank() ? "(no incident reference)" : result.plan().reference();
        StringBuilder s = new StringBuilder();
        s.append("Incident ").append(ref).append(": API keys ").append(action.pastTense()).append('\n');
        s.append("=".repeat(Math.min(72, 24 + ref.length()))).append("\n\n");
        line(s, "Reason", result.plan().reason().isBlank() ? "(none given)" : result.plan().reason());
        line(s, "Server", result.server().profile() + " (" + result.server().url() + ")");
        Preview.Caller by = result.preview().caller();
        line(s, "Run by", by.keyId() == null ? by.principal() : "admin key " + by.keyId()
                + (by.keyName() == null ? "" : " (" + by.keyName() + ")"));
        line(s, "Started", TIME.format(result.startedAt()));
        line(s, "Ended", TIME.format(result.endedAt()) + " (" + IncidentTexts.duration(
                Duration.between(result.startedAt(), result.endedAt())) + ")" + (result.cancelled() ? ", cancelled" : ""));
        line(s, "Targets", result.plan().targets().describe());
        line(s, "Outcome", IncidentTexts.headline(result) + " " + IncidentTexts.capitalized(IncidentTexts.counts(result))
                + ".");
        if (!result.preview().skipped().isEmpty()) {
            line(s, "Left as is", IncidentTexts.skippedByReason(result.preview()));
        }
        if (result.breakGlass() != null) {
            line(s, "Break-glass", result.breakGlass().message());
        }
        if (result.stopReason() != null) {
            line(s, "Stopped", result.stopReason());
        }
        result.notes().forEach(n -> line(s, "Note", n));

        List<KeyOutcome> done = result.outcomes().stream().filter(o -> o.outcome() == action.doneOutcome()
                || o.outcome() == Outcome.ALREADY_GONE).toList();
        s.append('\n').append(IncidentTexts.capitalized(action.pastTense())).append(" (").append(done.size())
                .append("):\n");
        list(s, done);
        List<KeyOutcome> other = result.notAsAsked();
        if (!other.isEmpty()) {
            s.append("\nNot ").append(action.pastTense()).append(" (").append(other.size()).append("):\n");
            list(s, other);
        }
        s.append('\n');
        if (reportFolder != null) {
            line(s, "Report", reportFolder.resolve(IncidentReport.JSON_FILE) + " (also " + IncidentReport.CSV_FILE + ")");
        } else {
            line(s, "Report", "not saved automatically; export it from KeyDesk");
        }
        s.append("\nNo secret is part of this summary or of the report.\n");
        return s.toString();
    }

    private static void list(StringBuilder s, List<KeyOutcome> outcomes) {
        outcomes.stream().limit(MAX_LISTED).forEach(o -> {
            s.append("  - ").append(o.keyId()).append("  ").append(o.key().name() == null ? "" : o.key().name());
            if (o.key().prefix() != null) {
                s.append("  (").append(o.key().prefix()).append("…)");
            }
            s.append("  ").append(o.outcome().label());
            if (o.outcome() == Outcome.FAILED || o.outcome() == Outcome.NOT_ATTEMPTED) {
                if (!o.message().isBlank()) {
                    s.append(": ").append(o.message());
                }
                if (o.requestId() != null) {
                    s.append(" [request ").append(o.requestId()).append(']');
                }
            }
            s.append('\n');
        });
        if (outcomes.size() > MAX_LISTED) {
            s.append("  … and ").append(outcomes.size() - MAX_LISTED).append(" more (see the report)\n");
        }
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(String.format(Locale.ROOT, "%-12s %s", label + ":", value)).append('\n');
    }
}
