package dev.keydesk.app.expiry;

import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.RevokeViewModel;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import javafx.stage.Window;

import java.util.List;
import java.util.Optional;

/**
 * What each bulk action of the expiry panel does, and whether it can run: the one place that
 * changes when the review workspace (rotate) and the incident engine (revoke, freeze) arrive.
 * Today: extend through {@link Rescheduling}'s preview and apply seam; revoke through the key
 * table's {@link RevokeViewModel} (typed confirmation, report); rotate and freeze present but
 * disabled, with the reason.
 */
public final class GroupActions {

    static final Permission WRITE = Permission.of("access_tokens", Permission.WRITE);

    static final String ROTATE_WAITS = "Rotating a group opens the review workspace, which is not built yet; "
            + "rotate one key at a time with Edit → Rotate…";
    static final String FREEZE_WAITS = "Freezing keys in bulk comes with the incident engine; "
            + "until then freeze one key in its editor (Edit…, untick Active)";

    private final Session session;
    private final RevokeViewModel revoke;
    private final Rescheduling rescheduling;
    private final ExpiryDialogs dialogs;
    private final Runnable afterChange;

    /** @param afterChange reloads the keys once the server's may differ */
    public GroupActions(Session session, RevokeViewModel revoke, Rescheduling rescheduling, ExpiryDialogs dialogs,
                        Runnable afterChange) {
        this.session = session;
        this.revoke = revoke;
        this.rescheduling = rescheduling;
        this.dialogs = dialogs;
        this.afterChange = afterChange;
    }

    public ActionState state(GroupAction action, List<KeyRow> rows) {
        if (session.current().isEmpty()) {
            return ActionState.blocked("Not connected");
        }
        switch (action) {
            case ROTATE:
                return ActionState.blocked(ROTATE_WAITS);
            case FREEZE:
                return ActionState.blocked(FREEZE_WAITS);
            default:
                break;
        }
        if (!session.holds(WRITE)) {
            return ActionState.lacks(WRITE);
        }
        if (rows.isEmpty()) {
            return ActionState.blocked("No key is in this group");
        }
        if (action == GroupAction.REVOKE && revoke.busyProperty().get()) {
            return ActionState.blocked("A revoke is running");
        }
        return ActionState.allowed();
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
            case REVOKE -> revoke.revoke(List.copyOf(rows), afterChange);
            case ROTATE, FREEZE -> {
                // disabled until the review workspace and the incident engine exist
            }
        }
    }
}
