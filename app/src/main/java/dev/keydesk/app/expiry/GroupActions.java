package dev.keydesk.app.expiry;

import dev.keydesk.app.connection.Session;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyReviews;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.client.Capability;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.IncidentAction;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;

/**
 * What each bulk action of the expiry panel does, and whether it can run: extend through
 * {@link Rescheduling}'s preview and apply seam; revoke and freeze through the incident engine
 * ({@link GroupIncident}: its preview, a confirmation, a paced run, a report); rotate into the
 * review workspace with the group's keys (their usage, a proposal each, then rotation with grace).
 */
public final class GroupActions {

    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);

    private final Session session;
    private final GroupIncident incident;
    private final Rescheduling rescheduling;
    private final ExpiryDialogs dialogs;
    private final Runnable afterChange;
    private final KeyReviews reviews;

    /**
     * @param afterChange reloads the keys once the server's may differ
     * @param reviews opens the review workspace (a group's Rotate… starts there)
     */
    public GroupActions(Session session, GroupIncident incident, Rescheduling rescheduling, ExpiryDialogs dialogs,
                        Runnable afterChange, KeyReviews reviews) {
        this.session = session;
        this.incident = incident;
        this.rescheduling = rescheduling;
        this.dialogs = dialogs;
        this.afterChange = afterChange;
        this.reviews = reviews;
    }

    public ActionState state(GroupAction action, List<KeyRow> rows) {
        if (session.current().isEmpty()) {
            return ActionState.blocked("Not connected");
        }
        // What the dialect cannot do at all, with its reason (Narrative tokens cannot be frozen).
        Connection connection = session.current().get();
        Optional<String> cannot = action == GroupAction.FREEZE ? connection.whyNot(Capability.FREEZE)
                : action == GroupAction.EXTEND ? connection.whyNot(Capability.MOVE_EXPIRY) : Optional.empty();
        if (cannot.isPresent()) {
            return ActionState.blocked(cannot.get());
        }
        if (!session.holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        if (rows.isEmpty()) {
            return ActionState.blocked("No key is in this group");
        }
        if ((action == GroupAction.REVOKE || action == GroupAction.FREEZE) && incident.busyProperty().get()) {
            return ActionState.blocked("A revoke or freeze is running");
        }
        return ActionState.allowed();
    }

    /** The revoke or freeze in progress, for the panel's progress and Cancel. */
    public GroupIncident incident() {
        return incident;
    }

    /** Runs {@code action} on {@code rows} (the keys of the group called {@code what}). */
    public void run(GroupAction action, String what, List<KeyRow> rows, Window owner) {
        Optional<Connection> connection = session.current();
        if (connection.isEmpty() || !state(action, rows).enabled()) {
            return;
        }
        switch (action) {
            case EXTEND -> dialogs.openExtend(owner, rescheduling.extend(connection.get(),
                    rows.stream().map(KeyRow::key).toList(), what));
            case REVOKE -> incident.run(IncidentAction.REVOKE, what, List.copyOf(rows), afterChange);
            case FREEZE -> incident.run(IncidentAction.FREEZE, what, List.copyOf(rows), afterChange);
            case ROTATE -> reviews.review(rows.stream().map(KeyRow::key).toList(), true);
        }
    }
}
