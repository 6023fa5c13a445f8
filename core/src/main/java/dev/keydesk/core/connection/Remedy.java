package dev.keydesk.core.connection;

/** What a person can do about a failed connection; the app's action button, the CLI's hint. */
public enum Remedy {
    /** The key was refused or is missing: fix it (Connections…, or the variable), then connect again. */
    FIX_KEY,
    /** The server did not answer: try the same profile again. */
    RETRY,
    /** Something about the profile is wrong (address, file): edit it. */
    EDIT_PROFILE
}
