package dev.keydesk.app.incident;

import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.KeyIncidents;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.incident.IncidentAction;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Incident response as the key table (and the Identify dialog) reach it: several keys open the
 * Incident workspace with them as the targets; freeze and thaw of a selection, and one identified
 * key, go the quick way ({@link GroupIncident}: preview, confirmation, run, report).
 */
public final class IncidentLauncher implements KeyIncidents {

    private final IncidentViewModel workspace;
    private final GroupIncident quick;
    private final Workspaces workspaces;

    public IncidentLauncher(IncidentViewModel workspace, GroupIncident quick, Workspaces workspaces) {
        this.workspace = workspace;
        this.quick = quick;
        this.workspaces = workspaces;
    }

    @Override
    public void planIncident(List<ApiKey> keys, IncidentAction action) {
        workspaces.show(Workspaces.Workspace.INCIDENT);
        workspace.prefill(keys, action);
    }

    @Override
    public void quickRun(List<KeyRow> rows, IncidentAction action, Runnable afterChange) {
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> ids.add(r.id()));
        String subject = rows.size() == 1 ? "the selected key “" + rows.get(0).name() + "”" : "the selected keys";
        quick.runOnKeys(action, ids, subject, "KeyDesk: " + action.verb() + " " + subject.replace("“", "").replace("”", ""),
                afterChange);
    }

    /** Revoke or freeze the key a pasted secret belongs to, the quick way. */
    public void actOnIdentified(ApiKey key, IncidentAction action, Runnable afterChange) {
        String name = key.name() == null ? key.id() : key.name();
        quick.runOnKeys(action, Set.of(key.id()), "the key of the pasted secret, “" + name + "”",
                "KeyDesk: " + action.verb() + " the key of a leaked secret", afterChange);
    }
}
