package dev.keydesk.core.connection;

import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The local key server, run inside the app on a loopback port chosen by the OS, with its data in
 * the app-data folder. It is what a fresh install connects to, so KeyDesk is useful at once.
 * {@link #start} and {@link #borrow} block (database, migrations): call them through the
 * TaskRunner. Thread-safe.
 *
 * <p>The server runs while a connection uses it ({@link #start} until {@link #release}) or while
 * a probe borrows it; whoever is last stops it, so a "Test connection" never leaves it running
 * and never stops it under a connection that started meanwhile.
 */
public final class EmbeddedServer implements AutoCloseable {

    /** A started server, as the app needs to see it. */
    public interface Running extends AutoCloseable {
        URI baseUri();

        /** The file holding the bootstrap admin key (owner-only). */
        Path bootstrapKeyFile();

        @Override
        void close();
    }

    /** Starts a server; replaced in tests. */
    @FunctionalInterface
    public interface Launcher {
        Running launch(Path dataDir, int demoKeys);
    }

    /** The server did not start; the cause says why (it never holds a secret). */
    public static final class StartFailedException extends RuntimeException {
        StartFailedException(Path dataDir, Throwable cause) {
            super("the local server in " + dataDir + " did not start", cause);
        }
    }

    private final Path dataDir;
    private final Launcher launcher;
    /** Written under the lock; volatile so that {@link #isRunning()} can read it without waiting for a start. */
    private volatile Running running;
    private boolean usedByConnection;
    private int borrowers;

    public EmbeddedServer(Path dataDir) {
        this(dataDir, EmbeddedServer::launchLocalKeyServer);
    }

    public EmbeddedServer(Path dataDir, Launcher launcher) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    public Path dataDir() {
        return dataDir;
    }

    /** True when the server has never run here (no data folder, or an empty one): time to offer demo data. */
    public synchronized boolean isFirstStart() {
        if (running != null || !Files.isDirectory(dataDir)) {
            return running == null;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the server for a connection, unless it runs already. {@code demoKeys} only matters on
     * a first start (the server adds demo keys to an empty database only). It keeps running until
     * {@link #release()} or {@link #close()}.
     */
    public synchronized Running start(int demoKeys) {
        Running r = ensureRunning(demoKeys);
        usedByConnection = true;
        return r;
    }

    /**
     * Runs {@code use} against the server, starting it for the occasion if it does not run, and
     * stopping it afterwards unless a connection uses it by then.
     */
    public <T> T borrow(Function<Running, T> use) {
        Running r;
        synchronized (this) {
            r = ensureRunning(0);
            borrowers++;
        }
        try {
            return use.apply(r);
        } finally {
            synchronized (this) {
                borrowers--;
                stopIfUnused();
            }
        }
    }

    /**
     * A glance, safe on the FX thread: it never waits for a start in progress (which holds the lock
     * for seconds). Act through {@link #release()} and friends, which decide under the lock.
     */
    public boolean isRunning() {
        return running != null;
    }

    /** The connection no longer needs the server: it stops now, or when the last probe ends. */
    public synchronized void release() {
        usedByConnection = false;
        stopIfUnused();
    }

    /** Stops the server if it runs, whoever uses it (the app is quitting); it can be started again. */
    @Override
    public synchronized void close() {
        usedByConnection = false;
        stop();
    }

    private Running ensureRunning(int demoKeys) {
        if (running == null) {
            try {
                // The server creates the folder itself, owner-only: it holds key hashes and audit events.
                running = launcher.launch(dataDir, demoKeys);
            } catch (RuntimeException e) {
                throw new StartFailedException(dataDir, e);
            }
        }
        return running;
    }

    private void stopIfUnused() {
        if (!usedByConnection && borrowers == 0) {
            stop();
        }
    }

    private void stop() {
        if (running != null) {
            Running r = running;
            running = null;
            r.close();
        }
    }

    private static Running launchLocalKeyServer(Path dataDir, int demoKeys) {
        LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder()
                .dataDir(dataDir)
                .bindAddress("127.0.0.1")
                .port(0)
                .demoKeys(demoKeys)
                .build());
        return new Running() {
            @Override
            public URI baseUri() {
                return server.baseUri();
            }

            @Override
            public Path bootstrapKeyFile() {
                return server.bootstrapKeyFile();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
