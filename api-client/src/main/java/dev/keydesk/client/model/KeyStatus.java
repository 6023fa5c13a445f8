package dev.keydesk.client.model;

/**
 * The statuses the contract names. Kept as strings in {@link ApiKey#status()} because a server may
 * add values; these constants are for comparisons.
 */
public final class KeyStatus {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String EXPIRED = "expired";

    private KeyStatus() {
    }
}
