package dev.keydesk.app.keys;

import dev.keydesk.app.common.Workspaces;

/**
 * Opens a key from another workspace (an activity row, a notice): brings the Keys workspace
 * forward and selects the key there, so its details show.
 */
public final class KeyNavigator {

    private final KeyTableViewModel table;
    private final Workspaces workspaces;

    public KeyNavigator(KeyTableViewModel table, Workspaces workspaces) {
        this.table = table;
        this.workspaces = workspaces;
    }

    /** False, and nothing changes, when the table has no such key (revoked, or not loaded). */
    public boolean open(String keyId) {
        if (keyId == null || table.findRow(keyId).isEmpty()) {
            return false;
        }
        workspaces.show(Workspaces.Workspace.KEYS);
        return table.reveal(keyId);
    }
}
