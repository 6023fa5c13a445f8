package dev.keydesk.core.connection;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.DialectProbe;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.AppPaths;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a profile into a live connection: finds its admin key (variable, keyring, session, or the
 * embedded server's key file), starts the embedded server when the profile is that one, builds the
 * client and asks the server who the key is, its catalog and its policy. The app and the command
 * line both connect through here.
 *
 * <p>Every method blocks (keyring, server start, HTTP): the app calls them through its task
 * runner. Thread-safe.
 */
public final class Connector implements AutoCloseable {

    private final AdminKeys adminKeys;
    private final EmbeddedServer embedded;
    private final ApiFactory apiFactory;

    public Connector(AdminKeys adminKeys, EmbeddedServer embedded, ApiFactory apiFactory) {
        this.adminKeys = Objects.requireNonNull(adminKeys, "adminKeys");
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.apiFactory = Objects.requireNonNull(apiFactory, "apiFactory");
    }

    /** The real thing: profiles' keys from {@code environment} and the OS keyring, the embedded server in {@code paths}. */
    public static Connector standard(AppPaths paths, Function<String, String> environment) {
        return new Connector(new AdminKeys(new OsKeyring(), environment),
                new EmbeddedServer(paths.embeddedServerDir()), ApiFactory.http());
    }

    public AdminKeys adminKeys() {
        return adminKeys;
    }

    public EmbeddedServer embedded() {
        return embedded;
    }

    /**
     * Connects to {@code profile}. {@code demoKeys} matters only on the embedded server's very
     * first start. The caller owns the result and closes it.
     *
     * @throws AdminKeyException when the admin key is not where the profile says
     * @throws EmbeddedServer.StartFailedException when the embedded server does not start
     * @throws IllegalArgumentException when the profile's address is not a URL
     * @throws dev.keydesk.client.error.KeyApiException when the server refuses or fails
     */
    public OpenConnection open(Profile profile, int demoKeys) {
        Objects.requireNonNull(profile, "profile");
        URI baseUrl;
        Secret secret;
        Profile shown = profile;
        if (profile.isEmbedded()) {
            EmbeddedServer.Running running = embedded.start(demoKeys);
            baseUrl = running.baseUri();
            secret = adminKeys.readKeyFile(running.bootstrapKeyFile());
            // The address is only known once the server runs; the status bar shows it.
            shown = profile.withBaseUrl(baseUrl.toString());
        } else {
            baseUrl = URI.create(Objects.requireNonNull(profile.baseUrl(), "baseUrl").trim());
            secret = adminKeys.resolve(profile);
        }
        KeyApi api = null;
        try {
            api = apiFactory.create(profile.dialect(), baseUrl, secret);
            Optional<WhoAmI> whoami = api.whoami();
            Catalog catalog = api.catalog();
            KeyPolicy policy = api.policy();
            // Taken here, off the UI thread: a dialect that probes its server does so now, once.
            Capabilities capabilities = api.capabilities();
            return new OpenConnection(new Connection(shown, api, whoami, catalog, policy, capabilities), secret);
        } catch (RuntimeException | Error e) {
            OpenConnection.dispose(api, secret);
            throw e;
        }
    }

    /**
     * Whoami for a profile that may not be saved yet, with {@code typedKey} when the person typed
     * one (it is copied, not taken). Leaves nothing open: an embedded server started for the probe
     * is stopped again, unless a connection uses it.
     */
    public Optional<WhoAmI> probe(Profile profile, Secret typedKey) {
        if (profile.isEmbedded()) {
            return embedded.borrow(running -> whoami(Dialect.KEYDESK, running.baseUri(),
                    adminKeys.readKeyFile(running.bootstrapKeyFile())));
        }
        URI baseUrl = URI.create(profile.baseUrl().trim());
        Secret secret = typedKey != null ? Secret.ofChars(typedKey.copyChars()) : adminKeys.resolve(profile);
        return whoami(profile.dialect(), baseUrl, secret);
    }

    /**
     * Which dialect the server of a profile that may not be saved yet speaks, asked with its admin
     * key ({@code typedKey} when the person typed one; it is copied, not taken). The embedded local
     * server speaks KeyDesk's, and is not asked.
     *
     * @throws AdminKeyException when the admin key is not where the profile says
     * @throws dev.keydesk.client.error.KeyApiException when the server cannot be reached
     */
    public DialectProbe detectDialect(Profile profile, Secret typedKey) {
        if (profile.isEmbedded()) {
            return DialectProbe.found(Dialect.KEYDESK, true, "KeyDesk's embedded local server.");
        }
        URI baseUrl = URI.create(profile.baseUrl().trim());
        Secret secret = typedKey != null ? Secret.ofChars(typedKey.copyChars()) : adminKeys.resolve(profile);
        try {
            return apiFactory.detect(baseUrl, secret);
        } finally {
            secret.wipe();
        }
    }

    /** Forgets session keys and stops the embedded server. */
    @Override
    public void close() {
        adminKeys.close();
        embedded.close();
    }

    /** Whoami once with a client of its own; closes it and wipes {@code secret}. */
    private Optional<WhoAmI> whoami(Dialect dialect, URI baseUrl, Secret secret) {
        KeyApi api = null;
        try {
            api = apiFactory.create(dialect, baseUrl, secret);
            return api.whoami();
        } finally {
            OpenConnection.dispose(api, secret);
        }
    }
}
