package dev.keydesk.client.model;

import java.util.List;

/** The server's rules for expiries and key types. */
public record KeyPolicy(
        int maxLifetimeDays, int defaultLifetimeDays, boolean expirationRequired, List<String> keyTypes) {

    public KeyPolicy {
        keyTypes = List.copyOf(keyTypes);
    }

    /** The contract's defaults, for servers without a policy endpoint. */
    public static KeyPolicy defaults() {
        return new KeyPolicy(365, 90, true, List.of(KeyType.LIVE, KeyType.TEST));
    }
}
