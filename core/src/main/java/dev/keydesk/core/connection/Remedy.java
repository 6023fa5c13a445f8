package dev.keydesk.core.connection;

/** What a person can do about a failed connection; the app's action button, the CLI's hint. */
public enum Remedy {
    /** The key was refused or is missing: fix it (Connections…, or the variable), then connect again. */
    FIX_KEY,
    /** The server did not answer: try the same profile again. */
    RETRY,
    /** Something about the profile is wrong (address, file): edit it. */
    EDIT_PROFILE,
    /**
     * The embedded local server refused its own admin key (e.g. the bootstrap key was revoked):
     * mint a new admin key for its data folder ({@link EmbeddedServer#resetAdminKey}).
     */
    RESET_LOCAL_ADMIN
}
