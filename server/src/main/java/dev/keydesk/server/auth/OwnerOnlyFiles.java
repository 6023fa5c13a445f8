package dev.keydesk.server.auth;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files and directories readable by their owner only, with the permissions set at creation. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code file} (it must not exist) as rw------- and writes {@code content}. */
    public static void writeNew(Path file, String content) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(EnumSet.of(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes);
                Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            if (!posix()) {
                var f = file.toFile();
                f.setReadable(false, false);
                f.setReadable(true, true);
                f.setWritable(false, false);
                f.setWritable(true, true);
            }
            writer.write(content);
        }
    }

    /**
     * Creates {@code dir} (and parents) as rwx------ if it does not exist yet. An existing folder is
     * left as it is (it may be shared, like /tmp); {@link #isSharedWithOthers} lets the caller warn.
     */
    public static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        if (posix()) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Whether users other than the owner may read or enter {@code dir} (POSIX only). */
    public static boolean isSharedWithOthers(Path dir) throws IOException {
        if (!posix()) {
            return false;
        }
        var perms = Files.getPosixFilePermissions(dir);
        return perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
    }
}
