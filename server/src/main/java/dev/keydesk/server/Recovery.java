package dev.keydesk.server;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.OwnerOnlyFiles;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.keys.Bootstrap;
import dev.keydesk.server.keys.KeyStore;
import dev.keydesk.server.keys.NewKey;
import dev.keydesk.server.storage.DataDirLock;
import dev.keydesk.server.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Local recovery: a new {@code admin:*} key for a data folder whose admin key is lost, without
 * starting HTTP. Its secret replaces {@code DIR/bootstrap.key} (owner-only), which is where the
 * KeyDesk app's embedded server hands its admin key over, so the app picks it up. No other key is
 * touched; the event is audited ({@code key.created}, {@code detail.reason: local_recovery}).
 * The secret is never logged or printed.
 *
 * <p>The folder's server must be stopped: while one runs (in this JVM or another process), this
 * refuses with {@link DataDirLock.InUseException} and changes nothing.
 */
public final class Recovery {

    public static final String NAME = "Recovery admin";

    /** The new key's id and the file that holds its secret. */
    public record Result(String keyId, Path keyFile) {}

    private Recovery() {}

    /** Mints the key; see the class comment. Throws {@link IllegalArgumentException} if {@code dataDir} has no database. */
    public static Result mintAdminKey(Path dataDir, Clock clock) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(Database.FILE_NAME))) {
            throw new IllegalArgumentException("No KeyDesk database in " + dir + " (expected "
                    + Database.FILE_NAME + "); start the server there once instead.");
        }
        String envPepper = System.getenv(SecretHasher.PEPPER_ENV);
        if ((envPepper == null || envPepper.isBlank()) && !Files.isRegularFile(dir.resolve(SecretHasher.PEPPER_FILE))) {
            // A new pepper would make every existing key unverifiable.
            throw new IllegalArgumentException("No pepper for " + dir + ": set " + SecretHasher.PEPPER_ENV
                    + " as the server had it, or restore " + dir.resolve(SecretHasher.PEPPER_FILE) + ".");
        }
        return DataDirLock.exclusive(dir, () -> {
            SecretHasher hasher = SecretHasher.load(dir, envPepper);
            long now = clock.instant().getEpochSecond();
            Path file = dir.resolve(Bootstrap.FILE_NAME);
            try (Database db = Database.open(dir)) {
                String id = db.write(h -> {
                    NewKey key = NewKey.mint(hasher, NAME, "Minted locally with --new-admin-key; replace it with "
                            + "named keys and revoke the admin key that was lost.", "live", List.of(Catalog.ADMIN), now,
                            null, null);
                    KeyStore.insert(h, key.record());
                    AuditLog.record(h, now, AuditLog.KEY_CREATED, null, key.record().id(), null,
                            Map.of("name", NAME, "reason", "local_recovery"));
                    writeReplacing(file, key.secret() + "\n");
                    return key.record().id();
                });
                return new Result(id, file);
            }
        });
    }

    /** Writes an owner-only file in place of {@code file}: a new file, then moved over the old one. */
    private static void writeReplacing(Path file, String content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(tmp);
            OwnerOnlyFiles.writeNew(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicUnsupported) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
