package dev.keydesk.client.model;

/** The key types the contract names; kept as strings in the models because a server may add more. */
public final class KeyType {

    public static final String LIVE = "live";
    public static final String TEST = "test";

    private KeyType() {
    }
}
