package dev.keydesk.client;

/**
 * The API a key server speaks. An enum, because each value is code in this client: a server cannot
 * add one. To find out which one a server speaks, {@link KeyApis#probeDialect}.
 */
public enum Dialect {
    /**
     * KeyDesk's own key API ({@code key-api.md}): {@code /v1/api-keys}, cursor paging, ETags,
     * disabling, the audit log and the version 1.1 extensions where the server has them.
     */
    KEYDESK("KeyDesk key API"),
    /**
     * The Narrative platform's access tokens: {@code /access-tokens/tokens} and {@code /whoami}.
     * Tokens carry only id, name, permissions and expiry.
     */
    NARRATIVE("Narrative access tokens");

    private final String label;

    Dialect(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
