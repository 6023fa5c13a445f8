package dev.keydesk.server;

import dev.keydesk.server.audit.AuditRoutes;
import dev.keydesk.server.auth.Authenticator;
import dev.keydesk.server.auth.OwnerOnlyFiles;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.demo.DemoData;
import dev.keydesk.server.http.ApiServer;
import dev.keydesk.server.http.Gate;
import dev.keydesk.server.keys.Bootstrap;
import dev.keydesk.server.keys.KeyRoutes;
import dev.keydesk.server.keys.UsageBuffer;
import dev.keydesk.server.keys.UsageStore;
import dev.keydesk.server.ratelimit.FailedAuthLimiter;
import dev.keydesk.server.ratelimit.RateLimiter;
import dev.keydesk.server.storage.DataDirLock;
import dev.keydesk.server.storage.Database;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key API on loopback, backed by an SQLite file in a data directory. Started in-process by
 * the app and the tests, or standalone from the command line.
 *
 * <pre>{@code
 * try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
 *     String admin = Files.readString(server.bootstrapKeyFile()).trim();
 *     // call server.baseUri() + "/v1/..." with "Authorization: Bearer " + admin
 * }
 * }</pre>
 */
public final class LocalKeyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKeyServer.class);

    private final Javalin http;
    private final Database db;
    private final UsageBuffer usage;
    private final DataDirLock lock;
    private final Path dataDir;
    private final URI baseUri;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKeyServer(Javalin http, Database db, UsageBuffer usage, DataDirLock lock, Path dataDir, String host,
            int port) {
        this.http = http;
        this.lock = lock;
        this.usage = usage;
        this.db = db;
        this.dataDir = dataDir;
        this.port = port;
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (host.equals("0.0.0.0")) {
            h = "127.0.0.1";
        } else if (host.equals("::")) {
            h = "[::1]";
        }
        this.baseUri = URI.create("http://" + h + ":" + port);
    }

    /** Opens (or creates) the database, then starts HTTP; returns once the server is listening. */
    public static LocalKeyServer start(ServerOptions options) {
        Path dir = options.dataDir().toAbsolutePath();
        try {
            OwnerOnlyFiles.createDirectory(dir);
            if (OwnerOnlyFiles.isSharedWithOthers(dir)) {
                LOG.warn("The data directory {} can be read by other users; it holds key hashes and audit "
                        + "events. Consider: chmod 700 {}", dir, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
        DataDirLock lock = DataDirLock.shared(dir);
        SecretHasher hasher;
        Database db;
        try {
            hasher = SecretHasher.load(dir, System.getenv(SecretHasher.PEPPER_ENV));
            db = Database.open(dir);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        UsageBuffer usage = null;
        try {
            long now = options.clock().instant().getEpochSecond();
            Optional<String> bootstrapId = Bootstrap.createIfEmpty(db, hasher, dir, now);
            if (bootstrapId.isPresent()) {
                LOG.info("Created the bootstrap admin key {}; its secret is in {} (readable by you only)",
                        bootstrapId.get(), dir.resolve(Bootstrap.FILE_NAME));
                if (options.demoKeys() > 0) {
                    long t0 = System.nanoTime();
                    DemoData.insert(db, hasher, options.demoKeys(), now, bootstrapId.get());
                    LOG.info("Added {} demo keys in {} ms", options.demoKeys(), (System.nanoTime() - t0) / 1_000_000);
                }
            }
            UsageStore.startRecording(db, now);
            usage = new UsageBuffer(db, options.clock());
            Gate gate = new Gate(new Authenticator(db, hasher, new FailedAuthLimiter(options.failedAuthPerMinute())),
                    new RateLimiter(options.perMinute(), options.perHour()), db, usage, options.clock());
            KeyRoutes keys = new KeyRoutes(db, hasher, gate, usage, options.expirationRequired());
            Javalin app = ApiServer.create(gate, keys, new AuditRoutes(db), options.expirationRequired(),
                    options.bindAddress(), options.port());
            app.start();
            LocalKeyServer server = new LocalKeyServer(app, db, usage, lock, dir, options.bindAddress(), app.port());
            LOG.info("KeyDesk local key server listening on {} (data in {})", server.baseUri, dir);
            return server;
        } catch (RuntimeException e) {
            if (usage != null) {
                usage.close();
            }
            db.close();
            lock.close();
            throw e;
        }
    }

    /** For example {@code http://127.0.0.1:54321}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code DIR/bootstrap.key}; it exists only if this data directory's database was created fresh. */
    public Path bootstrapKeyFile() {
        return dataDir.resolve(Bootstrap.FILE_NAME);
    }

    /** Stops HTTP, then closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            http.stop();
        } finally {
            try {
                usage.close();
            } finally {
                try {
                    db.close();
                } finally {
                    lock.close();
                }
            }
        }
    }
}
