package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.PrivateFiles;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * What to do once keys are stopped, made concrete: replacements from each revoked key's
 * permissions (a revoke only), the summary for the security team, and a check of the audit log for
 * any use of the stopped keys since the run.
 */
public final class NextSteps {

    private final IncidentResult result;
    private final String summary;
    private final ReplacementWalk replacements;
    private final UseCheck useCheck;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    public NextSteps(IncidentResult result, Session session, TaskRunner tasks, DialogService dialogs, Clock clock,
                     ZoneId zone, ReplacementWalk.Forms forms) {
        this.result = result;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.summary = IncidentSummary.of(result, result.reportFolder());
        IncidentAction action = result.plan().action();
        List<ApiKey> revoked = result.outcomes().stream().filter(o -> o.outcome() == Outcome.REVOKED)
                .map(KeyOutcome::key).toList();
        this.replacements = action == IncidentAction.REVOKE ? new ReplacementWalk(revoked, forms) : null;
        List<KeyOutcome> stopped = result.outcomes().stream().filter(o -> o.outcome() == action.doneOutcome()).toList();
        this.useCheck = new UseCheck(session, tasks, clock, zone, stopped, result.startedAt());
    }

    /** Next steps follow a revoke or a freeze that stopped at least one key; a thaw has none. */
    public static boolean apply(IncidentResult result) {
        IncidentAction action = result.plan().action();
        return action != IncidentAction.THAW && result.count(action.doneOutcome()) > 0;
    }

    public IncidentResult result() {
        return result;
    }

    /** The text for the security team (no secret in it). */
    public String summary() {
        return summary;
    }

    /** Writes the summary to {@code file} (owner-only) in the background. */
    public void saveSummary(Path file) {
        byte[] bytes = summary.getBytes(StandardCharsets.UTF_8);
        tasks.submit(BackgroundTask.<Void>of("Saving the incident summary", p -> {
            PrivateFiles.write(file, bytes);
            return null;
        }).onSuccess(v -> dialogs.showInfo("Incident summary", "The summary is saved.", file.toString()))
                .onFailure(e -> dialogs.showError(ErrorMessages.describe(e, "save the incident summary"))));
    }

    /** The replacements walk; null after a freeze. */
    public ReplacementWalk replacements() {
        return replacements;
    }

    public UseCheck useCheck() {
        return useCheck;
    }
}
