package dev.keydesk.client;

/**
 * Something a key service may or may not offer. Which ones a client has is
 * {@link KeyApi#capabilities()}; each absent one comes with a reason for people.
 *
 * <p>An enum, because the list is this client's (what it knows how to do), not the server's.
 */
public enum Capability {
    /** Lists come in pages with cursors ({@code listKeys} may return {@code hasMore}). */
    PAGING("paged lists"),
    /** Reads carry a version tag and updates honour {@code If-Match}: no edit overwrites another unseen. */
    ETAG("edit conflict detection (ETag / If-Match)"),
    /** A key can be disabled and enabled again (an update of {@code status}). */
    FREEZE("disabling and re-enabling keys"),
    /** {@code auditEvents} answers. */
    AUDIT_LOG("the audit log"),
    /** {@code usage(id)}: requests per permission, per day and per address. */
    USAGE("usage per permission"),
    /** {@code identify(secret)}: which key a leaked secret belongs to. */
    IDENTIFY("identifying a leaked secret"),
    /** {@code listKeys} with status {@code revoked} lists revoked keys. */
    REVOKED_LIST("the list of revoked keys"),
    /** A reason sent with an update or revoke is kept in the audit log. */
    AUDIT_REASON("a reason recorded with each change"),
    /** Keys have a type (live, test) chosen at creation. */
    KEY_TYPES("key types"),
    /** Keys show a prefix of their secret, which identifies them without revealing them. */
    PREFIXES("key prefixes"),
    /** Keys carry a description. */
    DESCRIPTIONS("key descriptions"),
    /** Keys say when they were created (and by whom). */
    CREATED_AT("creation times"),
    /** Keys say when (and from where) they were last used. */
    LAST_USED("last-used times"),
    /** Keys carry request counts (today, this month). */
    USAGE_COUNTS("request counts"),
    /** {@code whoami} names the calling key, so that e.g. a UI can warn before it revokes itself. */
    WHOAMI_NAMES_KEY("knowing which key is the caller's own"),
    /** A create that is retried after a lost answer never makes a second key. */
    IDEMPOTENT_CREATE("safe retries of a create"),
    /** An existing key's expiry can be changed. */
    MOVE_EXPIRY("changing a key's expiry"),
    /** A key may never expire. */
    NEVER_EXPIRES("keys that never expire"),
    /** {@code rateLimit()} asks the server for the calling key's budget. */
    RATE_LIMIT_STATUS("asking for the rate-limit budget");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    /** For people, e.g. "usage per permission". */
    public String label() {
        return label;
    }
}
