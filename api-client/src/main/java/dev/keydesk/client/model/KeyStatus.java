package dev.keydesk.client.model;

/**
 * The statuses the contract names. Kept as strings in {@link ApiKey#status()} because a server may
 * add values; these constants are for comparisons and list filters ({@link KeyListParams#status()}).
 */
public final class KeyStatus {

    public static final String ACTIVE = "active";
    /** Frozen: refused like a revoked key, but reversible by an update back to {@link #ACTIVE}. */
    public static final String DISABLED = "disabled";
    public static final String EXPIRED = "expired";
    /** Only in lists of revoked keys ({@code ?status=revoked}) and in identify answers. */
    public static final String REVOKED = "revoked";

    private KeyStatus() {
    }
}
