package dev.keydesk.cli;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.narrative.NarrativeEnvironment;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.ConnectionProblem;
import dev.keydesk.core.connection.EmbeddedServer;
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

/**
 * One command's connection: where the server is ({@code --server}, {@code KEYDESK_SERVER}, a
 * profile, Narrative's own variables for {@code --dialect narrative}, or the embedded local server),
 * its admin key ({@code KEYDESK_API_KEY}, {@code NARRATIVE_API_KEY} / {@code NARRATIVE_API_TOKEN},
 * or the profile's variable or keyring entry; never a flag), which API it speaks ({@code --dialect},
 * or the profile's), and the client, made by the factory the app uses too.
 */
final class CliSession implements AutoCloseable {

    static final String SERVER_VARIABLE = "KEYDESK_SERVER";
    static final String KEY_VARIABLE = "KEYDESK_API_KEY";
    static final String USER_AGENT = "KeyDesk-CLI";

    private final Connector connector;
    private final ApiFactory factory;
    private final OpenConnection open;

    private CliSession(Connector connector, ApiFactory factory, OpenConnection open) {
        this.connector = connector;
        this.factory = factory;
        this.open = open;
    }

    static CliSession open(KeydeskCommand global, CliEnvironment env) {
        Profile profile = profile(global, env);
        ApiFactory factory = ApiFactory.http(USER_AGENT, env.clock());
        Connector connector = new Connector(env.connector().adminKeys(), env.connector().embedded(), factory);
        try {
            return new CliSession(connector, factory, connector.open(profile, 0));
        } catch (UnauthorizedException refused) {
            if (profile.isEmbedded()) {
                env.connector().embedded().release();
                throw localAdminRefused(env.connector().embedded(), refused);
            }
            throw refused;
        }
    }

    /**
     * The embedded server refused the admin key it wrote itself: the app's sentences, and the
     * command that mints a new one, instead of "fix your key", which nobody could.
     */
    static CliFailure localAdminRefused(EmbeddedServer embedded, UnauthorizedException refused) {
        UserMessage m = ConnectionProblem.localAdminRefused(embedded,
                ErrorMessages.describe(refused, ErrorMessages.Action.read("connect to the local server"))).message();
        return new CliFailure(Exit.USAGE, m.whatHappened() + " " + m.whatIsSafe() + "\n  To mint a new admin key "
                + "for this local folder (every other key stays as it is, the old admin key stays revoked), run: "
                + "keydesk reset-local-admin");
    }

    /** Another client to the same server and dialect, e.g. with a break-glass replacement key (which the caller still owns). */
    KeyApi clientWith(Secret secret, CliEnvironment env) {
        return factory.create(connection().profile().dialect(), baseUrl(), secret);
    }

    /**
     * The profile the flags and variables name. {@code --dialect narrative} without a profile or
     * {@code --server} goes where Narrative's own tools go: {@code NARRATIVE_API_URL} or
     * {@code NARRATIVE_ENVIRONMENT} (prod by default), with the token from {@code NARRATIVE_API_KEY}
     * or {@code NARRATIVE_API_TOKEN}.
     */
    static Profile profile(KeydeskCommand global, CliEnvironment env) {
        if (global.profile != null && global.server != null) {
            throw new CliFailure(Exit.USAGE, "Choose one: --server or --profile.");
        }
        Dialect asked = global.dialect == null ? null : global.dialect.value;
        if (global.profile != null) {
            Profile named = named(global.profile, env);
            if (asked != null && asked != named.dialect()) {
                throw new CliFailure(Exit.USAGE, "The profile “" + (named.isEmbedded() ? "local" : named.name())
                        + "” speaks " + named.dialect().label() + ", not " + asked.label()
                        + ": leave out --dialect, or choose another profile.");
            }
            return named;
        }
        if (asked == Dialect.NARRATIVE) {
            return narrative(global.server, env);
        }
        String server = global.server != null ? global.server : blankToNull(env.env().apply(SERVER_VARIABLE));
        if (server != null) {
            String key = env.env().apply(KEY_VARIABLE);
            if (key == null || key.isBlank()) {
                throw new CliFailure(Exit.USAGE, "No admin key for " + server + ": set " + KEY_VARIABLE
                        + " to the key (it is never taken from a flag, so it stays out of your shell history).");
            }
            return new Profile("cli", global.server != null ? "--server" : SERVER_VARIABLE, server,
                    isLoopback(server) ? Environment.LOCAL : Environment.PRODUCTION, Profile.KeySource.ENVIRONMENT,
                    KEY_VARIABLE);
        }
        return ProfileStore.EMBEDDED;
    }

    private static Profile named(String name, CliEnvironment env) {
        if (name.equalsIgnoreCase("local")) {
            return ProfileStore.EMBEDDED;
        }
        ProfileStore store = new ProfileStore(env.paths().profilesFile());
        Optional<Profile> found = store.profiles().stream()
                .filter(p -> p.name().equalsIgnoreCase(name) || p.id().equals(name)).findFirst();
        return found.orElseThrow(() -> new CliFailure(Exit.USAGE, "No connection profile named “" + name
                + "” in " + store.file() + ". Known: " + String.join(", ",
                store.profiles().stream().map(p -> p.isEmbedded() ? "local" : p.name()).toList()) + "."));
    }

    /** A Narrative account from {@code --server} or Narrative's variables, its token from theirs. */
    private static Profile narrative(String server, CliEnvironment env) {
        NarrativeEnvironment where;
        try {
            where = server != null ? NarrativeEnvironment.named(server) : NarrativeEnvironment.resolve(env.env());
            if (NarrativeEnvironment.tokenVariable(env.env()).isEmpty()) {
                throw new CliFailure(Exit.USAGE, "No Narrative token: set " + NarrativeEnvironment.API_KEY + " (or "
                        + NarrativeEnvironment.API_TOKEN + ") to it (it is never taken from a flag, so it stays out "
                        + "of your shell history).");
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Exit.USAGE, e.getMessage());
        }
        String url = where.baseUrl().toString();
        Environment environment = where.isProduction() ? Environment.PRODUCTION
                : NarrativeEnvironment.DEVELOPMENT.equals(where.baseUrl()) ? Environment.STAGING
                : isLoopback(url) ? Environment.LOCAL : Environment.PRODUCTION;
        String label = NarrativeEnvironment.CUSTOM.equals(where.name()) ? url : where.name();
        // The key reference is one of Narrative's token variables: AdminKeys then applies Narrative's rule.
        return new Profile("cli-narrative", "Narrative (" + label + ")", url, environment,
                Profile.KeySource.ENVIRONMENT, NarrativeEnvironment.API_KEY, Dialect.NARRATIVE);
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

    /** Where the server is; for the embedded one, the address it started on. */
    URI baseUrl() {
        return URI.create(connection().profile().baseUrl());
    }

    String serverLabel() {
        Profile p = connection().profile();
        URI baseUrl = baseUrl();
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
