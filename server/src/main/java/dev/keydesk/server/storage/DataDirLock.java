package dev.keydesk.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Who is using a data folder: every running server holds a shared lock on {@code DIR/server.lock}
 * (several servers, in this JVM or others, may share a folder, as SQLite allows), and local
 * recovery needs it exclusively, so it can tell "a server is running here" and refuse. The OS
 * drops a dead process's lock, so a crash leaves nothing stale. Within one JVM, file locks cannot
 * overlap: a registry counts this JVM's servers per folder instead.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "server.lock";

    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path dir;
    private boolean released;

    private DataDirLock(Path dir) {
        this.dir = dir;
    }

    /** Thrown when the folder is in use by a server (or a recovery) and the caller must not go on. */
    public static final class InUseException extends IllegalStateException {
        InUseException(String message) {
            super(message);
        }
    }

    /** A running server's hold on {@code dir}; fails only while a recovery holds it. */
    public static DataDirLock shared(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held held = HELD.get(dir);
            if (held == null) {
                held = open(dir, true);
                if (held == null) {
                    throw new InUseException("The data folder " + dir + " is being recovered (--new-admin-key); "
                            + "start the server again in a moment.");
                }
                HELD.put(dir, held);
            }
            held.users++;
            return new DataDirLock(dir);
        }
    }

    /** Runs {@code work} while no server uses {@code dir}, or throws {@link InUseException}. */
    public static <T> T exclusive(Path dataDir, java.util.function.Supplier<T> work) {
        Path dir = dataDir.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.containsKey(dir)) {
                throw runningHere(dir);
            }
            Held held = open(dir, false);
            if (held == null) {
                throw runningHere(dir);
            }
            try {
                return work.get();
            } finally {
                release(held);
            }
        }
    }

    private static InUseException runningHere(Path dir) {
        return new InUseException("A KeyDesk server is running on the data folder " + dir
                + "; stop it first (quit the app or the keydesk-server process), then try again.");
    }

    private static Held open(Path dir, boolean shared) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock == null) {
                channel.close();
                return null;
            }
            return new Held(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock " + dir.resolve(FILE_NAME), e);
        }
    }

    private static void release(Held held) {
        try {
            held.lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(held.channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            Held held = HELD.get(dir);
            if (held != null && --held.users == 0) {
                HELD.remove(dir);
                release(held);
            }
        }
    }
}
