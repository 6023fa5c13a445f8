package dev.keydesk.app.connection;

/** What a server is for; shown as a coloured badge so nobody mistakes production for a sandbox. */
public enum Environment {
    PRODUCTION("Production", "env-production"),
    STAGING("Staging", "env-staging"),
    SANDBOX("Sandbox", "env-sandbox"),
    LOCAL("Local", "env-local");

    private final String label;
    private final String styleClass;

    Environment(String label, String styleClass) {
        this.label = label;
        this.styleClass = styleClass;
    }

    public String label() {
        return label;
    }

    public String styleClass() {
        return styleClass;
    }
}
