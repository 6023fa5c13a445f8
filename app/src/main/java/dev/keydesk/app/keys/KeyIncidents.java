package dev.keydesk.app.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.incident.IncidentAction;

import java.util.List;

/**
 * What the key table hands to incident response (the incident feature implements it), so that the
 * table does not depend on how incidents are run.
 */
public interface KeyIncidents {

    /** Opens the Incident workspace with {@code keys} as the targets of {@code action}, to preview and confirm. */
    void planIncident(List<ApiKey> keys, IncidentAction action);

    /**
     * {@code action} (freeze or thaw) on {@code rows} the quick way: the engine's preview, a
     * confirmation, the run with progress above the table, its report. {@code afterChange} reloads.
     */
    void quickRun(List<KeyRow> rows, IncidentAction action, Runnable afterChange);

    /** For tables that offer no incident response (tests of the table alone). */
    KeyIncidents NONE = new KeyIncidents() {
        @Override
        public void planIncident(List<ApiKey> keys, IncidentAction action) {
        }

        @Override
        public void quickRun(List<KeyRow> rows, IncidentAction action, Runnable afterChange) {
        }
    };
}
