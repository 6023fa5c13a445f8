package dev.keydesk.core.connection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keydesk.client.Dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The saved connection profiles, in one small JSON file. It holds names, addresses, environments
 * and where each admin key comes from: never a key (there is no field for one).
 *
 * <p>Writes are atomic (a temporary file moved over the old one), so a crash never leaves half a
 * file. A file that cannot be read is moved aside as {@code profiles.json.corrupt-<time>} and
 * reported through {@link #loadWarning()}, rather than silently overwritten by the next save.
 * The built-in embedded profile is not stored: it always exists. A change takes effect in memory
 * only once the file is written, so after a failed write the store still says what the file says.
 *
 * <p>Thread-safe. {@link #save}, {@link #delete} and {@link #setLastUsed} write the file: call them
 * through the TaskRunner. Reads come from memory once the file has been loaded.
 */
public final class ProfileStore {

    /** The id of the built-in profile for the embedded local server. */
    public static final String EMBEDDED_ID = "local-embedded";

    public static final Profile EMBEDDED = new Profile(EMBEDDED_ID, "Local server (embedded)", null,
            Environment.LOCAL, Profile.KeySource.EMBEDDED, null);

    private static final int FORMAT_VERSION = 1;
    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private boolean loaded;
    private final List<Profile> saved = new ArrayList<>();
    private String lastUsedId;
    private String loadWarning;

    public ProfileStore(Path file) {
        this(file, Clock.systemDefaultZone());
    }

    ProfileStore(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The built-in embedded profile first, then the saved ones in the order they were added. */
    public synchronized List<Profile> profiles() {
        load();
        List<Profile> all = new ArrayList<>();
        all.add(EMBEDDED);
        all.addAll(saved);
        return List.copyOf(all);
    }

    public synchronized Optional<Profile> find(String id) {
        return profiles().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The profile used last, if it still exists. */
    public synchronized Optional<Profile> lastUsed() {
        load();
        return lastUsedId == null ? Optional.empty() : find(lastUsedId);
    }

    /** Set when the file could not be read; says where the old file was kept. */
    public synchronized Optional<String> loadWarning() {
        load();
        return Optional.ofNullable(loadWarning);
    }

    /** Adds the profile, or replaces the one with the same id. The built-in profile cannot be changed. */
    public synchronized void save(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        if (profile.id().equals(EMBEDDED_ID) || profile.isEmbedded()) {
            throw new IllegalArgumentException("the embedded profile is built in and cannot be changed");
        }
        load();
        List<Profile> next = new ArrayList<>(saved);
        int index = indexOf(profile.id());
        if (index >= 0) {
            next.set(index, profile);
        } else {
            next.add(profile);
        }
        commit(next, lastUsedId);
    }

    public synchronized void delete(String id) {
        if (EMBEDDED_ID.equals(id)) {
            throw new IllegalArgumentException("the embedded profile is built in and cannot be deleted");
        }
        load();
        int index = indexOf(id);
        if (index >= 0) {
            List<Profile> next = new ArrayList<>(saved);
            next.remove(index);
            commit(next, id.equals(lastUsedId) ? null : lastUsedId);
        }
    }

    public synchronized void setLastUsed(String id) {
        load();
        if (!Objects.equals(lastUsedId, id)) {
            commit(saved, id);
        }
    }

    /** The file the profiles live in, for messages about it. */
    public Path file() {
        return file;
    }

    /** A fresh id for a new profile; also the keyring account of its key. */
    public static String newId() {
        return "p-" + UUID.randomUUID();
    }

    private int indexOf(String id) {
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (!Files.exists(file)) {
            return;
        }
        try {
            StoredFile stored = json.readValue(file.toFile(), StoredFile.class);
            if (stored == null || stored.profiles() == null) {
                throw new IOException("no profiles list");
            }
            int skipped = 0;
            for (StoredProfile p : stored.profiles()) {
                Optional<Profile> profile = p == null ? Optional.empty() : p.toProfile();
                if (profile.isPresent() && indexOf(profile.get().id()) < 0) {
                    saved.add(profile.get());
                } else {
                    skipped++;
                }
            }
            lastUsedId = stored.lastUsed();
            if (skipped > 0) {
                loadWarning = skipped + " saved connection profile(s) in " + file.getFileName()
                        + " could not be read and were left out.";
            }
        } catch (IOException | RuntimeException e) {
            saved.clear();
            lastUsedId = null;
            loadWarning = moveAside();
        }
    }

    private String moveAside() {
        Path backup = file.resolveSibling(file.getFileName() + ".corrupt-" + LocalDateTime.now(clock).format(BACKUP_STAMP));
        try {
            Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
            return "The saved connection profiles could not be read (" + file.getFileName() + " is damaged). "
                    + "The file was kept as " + backup.getFileName() + " in " + file.getParent()
                    + "; KeyDesk started with the built-in local server only.";
        } catch (IOException moveFailed) {
            return "The saved connection profiles could not be read (" + file + " is damaged) and could not be "
                    + "moved aside; KeyDesk started with the built-in local server only.";
        }
    }

    /** Writes the new state, then adopts it; a failed write leaves memory as the file is. */
    private void commit(List<Profile> profiles, String lastUsed) {
        write(profiles, lastUsed);
        List<Profile> adopted = List.copyOf(profiles);
        saved.clear();
        saved.addAll(adopted);
        lastUsedId = lastUsed;
    }

    private void write(List<Profile> profileList, String lastUsed) {
        List<StoredProfile> profiles = profileList.stream().map(StoredProfile::of).toList();
        StoredFile stored = new StoredFile(FORMAT_VERSION, lastUsed, profiles);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try {
                json.writeValue(temp.toFile(), stored);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles could not be written as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + file, e);
        }
    }

    /** The file's shape. No field can hold a secret, so none can be written by mistake. */
    record StoredFile(int version, String lastUsed, List<StoredProfile> profiles) {
    }

    /**
     * One profile in the file. {@code dialect} came in later: a file written before it has none,
     * and its profiles are KeyDesk servers, which is all KeyDesk spoke then.
     */
    record StoredProfile(String id, String name, String baseUrl, String environment, String keySource,
                         String envVar, String dialect) {

        static StoredProfile of(Profile p) {
            return new StoredProfile(p.id(), p.name(), p.baseUrl(), p.environment().name(), p.keySource().name(),
                    p.keySource() == Profile.KeySource.ENVIRONMENT ? p.keyReference() : null, p.dialect().name());
        }

        Optional<Profile> toProfile() {
            try {
                Profile.KeySource source = Profile.KeySource.valueOf(keySource);
                if (id == null || name == null || baseUrl == null || source == Profile.KeySource.EMBEDDED
                        || EMBEDDED_ID.equals(id)) {
                    return Optional.empty();
                }
                // An unknown dialect (a newer KeyDesk's file) is not guessed: the profile is left out and reported.
                Dialect spoken = dialect == null ? Dialect.KEYDESK : Dialect.valueOf(dialect);
                return Optional.of(new Profile(id, name, baseUrl, Environment.valueOf(environment), source, envVar,
                        spoken));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
