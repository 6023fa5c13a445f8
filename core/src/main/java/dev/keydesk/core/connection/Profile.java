package dev.keydesk.core.connection;

import dev.keydesk.client.Dialect;

import java.util.Objects;

/**
 * A saved connection. Holds where the admin key comes from, never the key itself.
 *
 * @param id stable, for preferences and the keyring entry
 * @param baseUrl null for the embedded local server (its address is chosen at start)
 * @param keySource where the admin key comes from
 * @param keyReference the environment variable's name for {@link KeySource#ENVIRONMENT}; unused otherwise
 * @param dialect the API the server speaks: KeyDesk's own, or Narrative's access tokens
 */
public record Profile(String id, String name, String baseUrl, Environment environment, KeySource keySource,
                      String keyReference, Dialect dialect) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(dialect, "dialect");
        if (keySource == KeySource.EMBEDDED && dialect != Dialect.KEYDESK) {
            throw new IllegalArgumentException("the embedded local server speaks KeyDesk's dialect");
        }
    }

    /** A profile of a server that speaks KeyDesk's own key API. */
    public Profile(String id, String name, String baseUrl, Environment environment, KeySource keySource,
                   String keyReference) {
        this(id, name, baseUrl, environment, keySource, keyReference, Dialect.KEYDESK);
    }

    public boolean isEmbedded() {
        return keySource == KeySource.EMBEDDED;
    }

    /** The same profile at another address (the embedded server's, once it runs). */
    public Profile withBaseUrl(String url) {
        return new Profile(id, name, url, environment, keySource, keyReference, dialect);
    }

    /** The same profile speaking another dialect (what detection found). */
    public Profile withDialect(Dialect spoken) {
        return new Profile(id, name, baseUrl, environment, keySource, keyReference, spoken);
    }

    /** The same profile with its key kept elsewhere (no keyring: this session only). */
    public Profile withKeySource(KeySource source) {
        return new Profile(id, name, baseUrl, environment, source, keyReference, dialect);
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
