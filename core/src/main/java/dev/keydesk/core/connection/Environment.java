package dev.keydesk.core.connection;

/** What a server is for; shown as a coloured badge so nobody mistakes production for a sandbox. */
public enum Environment {
    PRODUCTION("Production"),
    STAGING("Staging"),
    SANDBOX("Sandbox"),
    LOCAL("Local");

    private final String label;

    Environment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
