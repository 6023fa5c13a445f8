package dev.keydesk.core.incident;

/** How one target key ended: exactly one of these. */
public enum Outcome {
    /** The server confirmed the revoke (204, or a 404 after an attempt whose answer was lost). */
    REVOKED("revoked"),
    /** The first attempt met 404: someone or something revoked it before this run. */
    ALREADY_GONE("already gone"),
    /** The server confirmed the key is disabled. */
    FROZEN("frozen"),
    /** The server confirmed the key is active again. */
    THAWED("thawed"),
    /** It could not be done; the key's message and request id say why. */
    FAILED("failed"),
    /** The run was cancelled (or stopped) before anything was sent for this key that changed it. */
    NOT_ATTEMPTED("not attempted");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** For people and reports: "already gone", "not attempted". */
    public String label() {
        return label;
    }

    public static Outcome parse(String value) {
        for (Outcome o : values()) {
            if (o.label.equalsIgnoreCase(value.trim()) || o.name().equalsIgnoreCase(value.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome “" + value + "”");
    }
}
