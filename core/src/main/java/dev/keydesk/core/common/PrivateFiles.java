package dev.keydesk.core.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: incident reports and exports name keys, their permissions and
 * where they are used from. Owner-only where the file system has POSIX permissions; elsewhere the
 * user's own folders already are.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents; the folders it creates are owner-only. */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            if (posix(parent)) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            // another run made it meanwhile
        }
        return absolute;
    }

    /** Opens {@code file} for appending, creating it owner-only if it does not exist. */
    public static OutputStream append(Path file) throws IOException {
        ensureFile(file);
        return Files.newOutputStream(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Replaces {@code file} with {@code content}: written to an owner-only temporary file, then moved over it. */
    public static void write(Path file, byte[] content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = createDirectories(absolute.getParent());
        Path temp = posix(parent)
                ? Files.createTempFile(parent, absolute.getFileName().toString(), ".tmp", attribute())
                : Files.createTempFile(parent, absolute.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException atomicNotSupported) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void ensureFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = createDirectories(absolute.getParent());
        if (Files.exists(absolute)) {
            return;
        }
        try {
            if (posix(parent)) {
                Files.createFile(absolute, attribute());
            } else {
                Files.createFile(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            // fine: appended to below
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean posix(Path anyPath) {
        return anyPath != null && anyPath.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
