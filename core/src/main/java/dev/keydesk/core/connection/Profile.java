package dev.keydesk.core.connection;

import java.util.Objects;

/**
 * A saved connection. Holds where the admin key comes from, never the key itself.
 *
 * @param id stable, for preferences and the keyring entry
 * @param baseUrl null for the embedded local server (its address is chosen at start)
 * @param keySource where the admin key comes from
 * @param keyReference the environment variable's name for {@link KeySource#ENVIRONMENT}; unused otherwise
 */
public record Profile(String id, String name, String baseUrl, Environment environment, KeySource keySource,
                      String keyReference) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(keySource, "keySource");
    }

    public boolean isEmbedded() {
        return keySource == KeySource.EMBEDDED;
    }

    /** Where a profile's admin key is kept. Never a plain config file. */
    public enum KeySource {
        /** The embedded local server's bootstrap key, read from its data folder. */
        EMBEDDED,
        /** An environment variable, named by {@link Profile#keyReference()}. */
        ENVIRONMENT,
        /** The OS keyring (Secret Service, Keychain, Credential Manager). */
        KEYRING,
        /** Typed in for this session only, because no keyring is available. */
        SESSION_ONLY
    }
}
