package dev.keydesk.cli;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.Secret;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.OpenConnection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.incident.IncidentEngine;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One command's connection: where the server is ({@code --server}, {@code KEYDESK_SERVER}, a
 * profile, or the embedded local server), its admin key ({@code KEYDESK_API_KEY}, or the
 * profile's variable or keyring entry; never a flag), which API it speaks ({@code --dialect}), and
 * the client.
 */
final class CliSession implements AutoCloseable {

    static final String SERVER_VARIABLE = "KEYDESK_SERVER";
    static final String KEY_VARIABLE = "KEYDESK_API_KEY";

    private final Connector connector;
    private final OpenConnection open;
    private final Dialect dialect;
    private final URI baseUrl;

    private CliSession(Connector connector, OpenConnection open, Dialect dialect, URI baseUrl) {
        this.connector = connector;
        this.open = open;
        this.dialect = dialect;
        this.baseUrl = baseUrl;
    }

    static CliSession open(KeydeskCommand global, CliEnvironment env) {
        Profile profile = profile(global, env);
        Dialect dialect = global.dialect == null ? Dialect.KEYDESK : global.dialect.value;
        AtomicReference<URI> seenUrl = new AtomicReference<>();
        ApiFactory factory = (url, secret) -> {
            seenUrl.compareAndSet(null, url);
            return client(dialect, url, secret, env);
        };
        Connector connector = new Connector(env.connector().adminKeys(), env.connector().embedded(), factory);
        OpenConnection open = connector.open(profile, 0);
        return new CliSession(connector, open, dialect, seenUrl.get());
    }

    /** A client of {@code dialect} at {@code baseUrl} holding {@code secret} (which the caller still owns). */
    static KeyApi client(Dialect dialect, URI baseUrl, Secret secret, CliEnvironment env) {
        return KeyApis.builder().dialect(dialect).baseUrl(baseUrl).secret(secret).userAgent("KeyDesk-CLI")
                .clock(env.clock()).build();
    }

    /** Another client to the same server and dialect, e.g. with a break-glass replacement key. */
    KeyApi clientWith(Secret secret, CliEnvironment env) {
        return client(dialect, baseUrl, secret, env);
    }

    private static Profile profile(KeydeskCommand global, CliEnvironment env) {
        String server = global.server != null ? global.server : blankToNull(env.env().apply(SERVER_VARIABLE));
        if (global.profile != null && global.server != null) {
            throw new CliFailure(Exit.USAGE, "Choose one: --server or --profile.");
        }
        if (global.profile == null && server != null) {
            String key = env.env().apply(KEY_VARIABLE);
            if (key == null || key.isBlank()) {
                throw new CliFailure(Exit.USAGE, "No admin key for " + server + ": set " + KEY_VARIABLE
                        + " to the key (it is never taken from a flag, so it stays out of your shell history).");
            }
            return new Profile("cli", global.server != null ? "--server" : SERVER_VARIABLE, server,
                    isLoopback(server) ? Environment.LOCAL : Environment.PRODUCTION, Profile.KeySource.ENVIRONMENT,
                    KEY_VARIABLE);
        }
        if (global.profile == null || global.profile.equalsIgnoreCase("local")) {
            return ProfileStore.EMBEDDED;
        }
        ProfileStore store = new ProfileStore(env.paths().profilesFile());
        Optional<Profile> found = store.profiles().stream()
                .filter(p -> p.name().equalsIgnoreCase(global.profile) || p.id().equals(global.profile)).findFirst();
        return found.orElseThrow(() -> new CliFailure(Exit.USAGE, "No connection profile named “" + global.profile
                + "” in " + store.file() + ". Known: " + String.join(", ",
                store.profiles().stream().map(p -> p.isEmbedded() ? "local" : p.name()).toList()) + "."));
    }

    private static boolean isLoopback(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    Connection connection() {
        return open.connection();
    }

    KeyApi api() {
        return open.connection().api();
    }

    IncidentEngine engine() {
        return IncidentEngine.of(open.connection());
    }

    URI baseUrl() {
        return baseUrl;
    }

    String serverLabel() {
        Profile p = connection().profile();
        return p.isEmbedded() ? "the local server (" + baseUrl + ")" : p.name().toLowerCase(Locale.ROOT).equals("--server")
                || p.name().equals(SERVER_VARIABLE) ? baseUrl.toString() : "“" + p.name() + "” (" + baseUrl + ")";
    }

    @Override
    public void close() {
        try {
            open.close();
        } finally {
            if (connection().profile().isEmbedded()) {
                connector.embedded().release();
            }
        }
    }
}
