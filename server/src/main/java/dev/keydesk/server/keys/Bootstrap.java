package dev.keydesk.server.keys;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.OwnerOnlyFiles;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On first start (no key has ever existed) creates the one bootstrap key, {@code admin:*} with no
 * expiry, and hands its secret over once through an owner-only file.
 */
public final class Bootstrap {

    public static final String FILE_NAME = "bootstrap.key";
    public static final String NAME = "Bootstrap admin";

    private Bootstrap() {}

    /** The bootstrap key's id if the database was empty and the key was created now. */
    public static Optional<String> createIfEmpty(Database db, SecretHasher hasher, Path dataDir, long now) {
        Path file = dataDir.resolve(FILE_NAME);
        return db.write(h -> {
            if (KeyStore.countAll(h) > 0) {
                return Optional.empty();
            }
            NewKey key = NewKey.mint(hasher, NAME, "Created on first start; replace it with named keys.", "live",
                    List.of(Catalog.ADMIN), now, null, null);
            KeyStore.insert(h, key.record());
            AuditLog.record(h, now, AuditLog.KEY_CREATED, null, key.record().id(), null,
                    Map.of("name", NAME, "reason", "bootstrap"));
            try {
                // A file left by an earlier database holds a secret that no longer works.
                Files.deleteIfExists(file);
                OwnerOnlyFiles.writeNew(file, key.secret() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            return Optional.of(key.record().id());
        });
    }
}
