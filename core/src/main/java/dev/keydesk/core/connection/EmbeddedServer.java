package dev.keydesk.core.connection;

import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.Recovery;
import dev.keydesk.server.ServerOptions;
import dev.keydesk.server.storage.DataDirLock;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    /** Mints a new admin key for a data folder whose server is stopped; replaced in tests. */
    @FunctionalInterface
    public interface AdminKeyMinter {
        /**
         * @return the file that now holds the new key's secret (owner-only)
         * @throws DataDirLock.InUseException a server on the folder runs (in this process or another)
         */
        Path mint(Path dataDir);
    }

    /** A reset of the admin key did not happen; the message says why and what to do (never a secret). */
    public static final class ResetFailedException extends RuntimeException {
        private final boolean nothingChanged;

        ResetFailedException(String message, boolean nothingChanged, Throwable cause) {
            super(message, cause);
            this.nothingChanged = nothingChanged;
        }

        /** True when it is certain that no key and no file changed (refused before writing). */
        public boolean nothingChanged() {
            return nothingChanged;
        }
    }

    /** The server did not start; the cause says why (it never holds a secret). */
    public static final class StartFailedException extends RuntimeException {
        StartFailedException(Path dataDir, Throwable cause) {
            super("the local server in " + dataDir + " did not start", cause);
        }
    }

    private final Path dataDir;
    private final Launcher launcher;
    private final AdminKeyMinter minter;
    /** Written under the lock; volatile so that {@link #isRunning()} can read it without waiting for a start. */
    private volatile Running running;
    private boolean usedByConnection;
    private int borrowers;

    public EmbeddedServer(Path dataDir) {
        this(dataDir, EmbeddedServer::launchLocalKeyServer);
    }

    public EmbeddedServer(Path dataDir, Launcher launcher) {
        this(dataDir, launcher, dir -> Recovery.mintAdminKey(dir, Clock.systemUTC()).keyFile());
    }

    public EmbeddedServer(Path dataDir, Launcher launcher, AdminKeyMinter minter) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.minter = Objects.requireNonNull(minter, "minter");
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

    /**
     * Local recovery, for when the server refuses its own admin key (the bootstrap key was revoked,
     * say): stops the server if it runs here, mints a new {@code admin:*} key for the data folder
     * (its secret replaces {@code bootstrap.key}, owner-only; every other key stays as it is, the old
     * admin key stays revoked; the server audits it) and leaves the server stopped: the next
     * {@link #start} runs it with the new key. Blocks (database): call it through the TaskRunner.
     *
     * @return the file that now holds the new admin key
     * @throws ResetFailedException another KeyDesk (or a {@code keydesk-server}) holds the folder, or
     *     the folder has no server data to recover; the message says which
     */
    public synchronized Path resetAdminKey() {
        usedByConnection = false;
        stop();
        try {
            return minter.mint(dataDir);
        } catch (DataDirLock.InUseException e) {
            throw new ResetFailedException("Another KeyDesk app, keydesk command or keydesk-server is using the "
                    + "local server's folder " + dataDir + ", so its admin key cannot be reset now. Close it, then "
                    + "try again.", true, e);
        } catch (IllegalArgumentException e) {
            // Recovery's own sentences: no database, or no pepper to verify the other keys with.
            throw new ResetFailedException(e.getMessage(), true, e);
        } catch (RuntimeException e) {
            throw new ResetFailedException("The local server's admin key could not be reset ("
                    + e.getClass().getSimpleName() + "). Check that " + dataDir + " is yours and writable.", false, e);
        }
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
