package dev.keydesk.core.testing;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The real backend for the tests of core, the app and the command line: the local key server in-process on an ephemeral loopback port,
 * with its data in a temporary folder, and a real HTTP client holding its bootstrap admin key.
 */
public final class TestBackend implements AutoCloseable {

    private LocalKeyServer server;
    private final Secret adminSecret;
    private final KeyApi api;
    private final Connection connection;

    private TestBackend(LocalKeyServer server, Secret adminSecret, Environment environment) {
        this.server = server;
        this.adminSecret = adminSecret;
        this.api = client(adminSecret);
        Profile profile = new Profile("test", "Test server", server.baseUri().toString(), environment,
                Profile.KeySource.SESSION_ONLY, null);
        this.connection = new Connection(profile, api, api.whoami(), api.catalog(), api.policy());
    }

    /** Starts a fresh server in {@code dataDir} (a JUnit {@code @TempDir}) with {@code demoKeys} demo keys. */
    public static TestBackend start(Path dataDir, int demoKeys) {
        return start(dataDir, demoKeys, Environment.LOCAL);
    }

    public static TestBackend start(Path dataDir, int demoKeys, Environment environment) {
        LocalKeyServer server = LocalKeyServer.start(
                ServerOptions.builder().dataDir(dataDir).port(0).demoKeys(demoKeys).build());
        try {
            Secret secret = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
            return new TestBackend(server, secret, environment);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /** A client of this server holding {@code secret}, without retries (tests want the first answer). */
    public KeyApi client(Secret secret) {
        return KeyApis.builder().baseUrl(server.baseUri()).secret(secret).retryPolicy(RetryPolicy.none()).build();
    }

    /**
     * Runs {@code request} on a new client holding the admin key, for a test's own calls behind the
     * app's back. A fresh client each time: the shared one's pooled connection may have been closed
     * by the server while a test waited (Jetty drops idle connections after 30 s), and a client
     * without retries would then fail its next GET.
     */
    public <T> T call(Function<KeyApi, T> request) {
        try (KeyApi fresh = client(adminSecret)) {
            return request.apply(fresh);
        }
    }

    public LocalKeyServer server() {
        return server;
    }

    /** Stops the server behind the app's back (the server going away); {@link #restart()} brings it back. */
    public void stop() {
        server.close();
    }

    /**
     * Starts the server again on the same port with the same data, so the app's saved address and
     * admin key work again (a server that was down and is back).
     */
    public void restart() {
        server.close();
        server = LocalKeyServer.start(ServerOptions.builder().dataDir(server.dataDir()).port(server.port()).build());
    }

    public KeyApi api() {
        return api;
    }

    public Secret adminSecret() {
        return adminSecret;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        api.close();
        server.close();
        adminSecret.wipe();
    }
}
