package dev.keydesk.core.testing;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyType;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The real backend for the tests of core, the app and the command line: the local key server
 * in-process on an ephemeral loopback port, with its data in a temporary folder, and a real HTTP client holding its bootstrap admin key.
 */
public final class TestBackend implements AutoCloseable {

    private LocalKeyServer server;
    private final Secret adminSecret;
    private final KeyApi api;
    private final Connection connection;
    /** The server's clock (a test's {@link MutableClock}, or the system's). */
    private final Clock clock;

    private TestBackend(LocalKeyServer server, Secret adminSecret, Environment environment, Clock clock) {
        this.server = server;
        this.clock = clock;
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
        return start(dataDir, demoKeys, environment, options -> { });
    }

    /**
     * A fresh server with more settings, e.g. {@code o -> o.plan(Plan.FREE).clock(clock)} for a
     * rate-limit test on a {@link MutableClock}.
     */
    public static TestBackend start(Path dataDir, int demoKeys, Consumer<ServerOptions.Builder> options) {
        return start(dataDir, demoKeys, Environment.LOCAL, options);
    }

    private static TestBackend start(Path dataDir, int demoKeys, Environment environment,
                                     Consumer<ServerOptions.Builder> options) {
        ServerOptions.Builder builder = ServerOptions.builder().dataDir(dataDir).port(0).demoKeys(demoKeys);
        options.accept(builder);
        ServerOptions built = builder.build();
        LocalKeyServer server = LocalKeyServer.start(built);
        try {
            Secret secret = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
            return new TestBackend(server, secret, environment, built.clock());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the server list exactly {@code count} keys besides the admin key, by creating the ones
     * missing through the API (the demo data holds revoked keys, which the list leaves out). Tests
     * that revoke "N keys" start from here. Returns this backend.
     */
    public TestBackend withListedKeys(int count) {
        call(api -> {
            String adminId = api.whoami().orElseThrow().key().id();
            long listed = api.listAllKeys(null, n -> { }).stream().filter(k -> !k.id().equals(adminId)).count();
            if (listed > count) {
                throw new IllegalStateException("the demo data lists " + listed + " keys, more than " + count);
            }
            for (long i = listed; i < count; i++) {
                api.createKey(new KeyCreateParams("Top-up key #" + (i + 1), null, KeyType.LIVE,
                        List.of(Permission.parse("datasets:read")),
                        clock.instant().plus(Duration.ofDays(90)))).secret()
                        .ifPresent(Secret::wipe);
            }
            return null;
        });
        return this;
    }

    /** A client of this server holding {@code secret}, without retries (tests want the first answer). */
    public KeyApi client(Secret secret) {
        return client(secret, server.baseUri());
    }

    /** A client holding {@code secret} that goes to {@code baseUrl} (e.g. a {@link FaultProxy} in front of this server), without retries. */
    public KeyApi client(Secret secret, URI baseUrl) {
        return KeyApis.builder().baseUrl(baseUrl).secret(secret).retryPolicy(RetryPolicy.none()).build();
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

    /**
     * Uses a key for real, as a service would: {@code GET /v1/<resource>} (or POST with {@code write})
     * with {@code secret}; returns the status. The key's last use, usage and addresses move.
     */
    public int useKey(Secret secret, String resource, boolean write) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        server.baseUri().resolve("/v1/" + resource))
                .header("Authorization", "Bearer " + secret.reveal());
        request = write ? request.header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")) : request.GET();
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    /** A connection like {@link #connection()} whose client is {@code api} (e.g. one that goes through a {@link FaultProxy}). */
    public Connection connectionWith(KeyApi api) {
        return new Connection(connection.profile(), api, connection.whoami(), connection.catalog(), connection.policy());
    }

    @Override
    public void close() {
        api.close();
        server.close();
        adminSecret.wipe();
    }
}
