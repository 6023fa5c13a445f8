package dev.keydesk.cli;

import dev.keydesk.client.HttpKeyApi;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
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
 * profile's variable or keyring entry; never a flag), the client, and the client incident runs
 * use (without retries: the engine paces itself).
 */
final class CliSession implements AutoCloseable {

    static final String SERVER_VARIABLE = "KEYDESK_SERVER";
    static final String KEY_VARIABLE = "KEYDESK_API_KEY";

    private final Connector connector;
    private final OpenConnection open;
    private final KeyApi runClient;
    private final Secret runSecret;
    private final URI baseUrl;

    private CliSession(Connector connector, OpenConnection open, KeyApi runClient, Secret runSecret, URI baseUrl) {
        this.connector = connector;
        this.open = open;
        this.runClient = runClient;
        this.runSecret = runSecret;
        this.baseUrl = baseUrl;
    }

    static CliSession open(KeydeskCommand global, CliEnvironment env) {
        Profile profile = profile(global, env);
        // Until the client offers withRetryPolicy, runs get a client of their own, built from the
        // same address and key as the connection's (this factory sees both once).
        AtomicReference<URI> seenUrl = new AtomicReference<>();
        AtomicReference<Secret> seenSecret = new AtomicReference<>();
        ApiFactory factory = (url, secret) -> {
            if (seenUrl.compareAndSet(null, url)) {
                seenSecret.set(Secret.ofChars(secret.copyChars()));
            }
            return ApiFactory.http().create(url, secret);
        };
        Connector connector = new Connector(env.connector().adminKeys(), env.connector().embedded(), factory);
        OpenConnection open = connector.open(profile, 0);
        Secret runSecret = seenSecret.get();
        KeyApi runClient = runClient(seenUrl.get(), runSecret, env);
        return new CliSession(connector, open, runClient, runSecret, seenUrl.get());
    }

    /** A client for incident runs with {@code secret}: no retries of its own. */
    static KeyApi runClient(URI baseUrl, Secret secret, CliEnvironment env) {
        return HttpKeyApi.builder().baseUrl(baseUrl).secret(secret).retryPolicy(RetryPolicy.none())
                .userAgent("KeyDesk-CLI").clock(env.clock()).build();
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
        return IncidentEngine.of(open.connection(), runClient);
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
            runClient.close();
            open.close();
        } finally {
            if (runSecret != null) {
                runSecret.wipe();
            }
            if (connection().profile().isEmbedded()) {
                connector.embedded().release();
            }
        }
    }
}
