package dev.keydesk.bench;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.Plan;
import dev.keydesk.server.ServerOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real local server in a throw-away data folder (no rate limit unless a plan is named), and its admin key. */
final class BenchServer implements AutoCloseable {

    private final Path dir;
    private final LocalKeyServer server;
    private final Secret admin;

    BenchServer(int demoKeys) {
        this(demoKeys, Plan.UNLIMITED);
    }

    BenchServer(int demoKeys, Plan plan) {
        try {
            dir = Files.createTempDirectory("keydesk-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = LocalKeyServer.start(ServerOptions.builder()
                .dataDir(dir).port(0).plan(plan).demoKeys(demoKeys).build());
        try {
            admin = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException(e);
        }
    }

    LocalKeyServer server() {
        return server;
    }

    Secret admin() {
        return admin;
    }

    KeyApi client(Secret secret) {
        return client(secret, server.baseUri());
    }

    /** A client without retries to {@code baseUrl} (e.g. a fault proxy in front of this server). */
    KeyApi client(Secret secret, java.net.URI baseUrl) {
        return KeyApis.builder().baseUrl(baseUrl).secret(secret).retryPolicy(RetryPolicy.none()).build();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        server.close();
        admin.wipe();
        BenchFiles.deleteTree(dir);
    }
}
