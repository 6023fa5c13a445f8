package dev.keydesk.core.rotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keydesk.core.common.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cutovers being followed, in one small owner-only JSON file in the app's data folder, so the
 * tracker survives a restart. It holds key ids, names and prefixes, never a secret (a
 * {@link Cutover} has no field for one). Every change is written at once, atomically.
 *
 * <p>A file that cannot be read is moved aside ({@code rotations.json.corrupt}) and reported through
 * {@link #loadWarning()}, never silently overwritten. Thread-safe; reads and writes touch the disk,
 * so call them off the UI thread.
 */
public final class CutoverStore {

    private static final int FORMAT_VERSION = 1;

    /** The file's shape. */
    record FileContent(int version, List<Cutover> cutovers) {
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final List<Cutover> cutovers = new ArrayList<>();
    private boolean loaded;
    private String loadWarning;

    public CutoverStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** Every cutover of {@code profileId}, oldest first. */
    public synchronized List<Cutover> forProfile(String profileId) {
        load();
        return cutovers.stream().filter(c -> c.profileId().equals(profileId)).toList();
    }

    public synchronized List<Cutover> all() {
        load();
        return List.copyOf(cutovers);
    }

    public synchronized Optional<Cutover> find(String profileId, String oldKeyId) {
        load();
        return cutovers.stream().filter(c -> c.profileId().equals(profileId) && c.oldKeyId().equals(oldKeyId))
                .findFirst();
    }

    /** Adds or replaces the cutover of the same old key on the same profile. */
    public synchronized void put(Cutover cutover) throws IOException {
        load();
        List<Cutover> next = new ArrayList<>(cutovers);
        next.removeIf(c -> same(c, cutover));
        next.add(cutover);
        write(next);
    }

    /** Stops following a cutover (the person said "forget"). */
    public synchronized void remove(String profileId, String oldKeyId) throws IOException {
        load();
        List<Cutover> next = new ArrayList<>(cutovers);
        if (next.removeIf(c -> c.profileId().equals(profileId) && c.oldKeyId().equals(oldKeyId))) {
            write(next);
        }
    }

    /** Set when the file could not be read (it was moved aside); null otherwise. */
    public synchronized String loadWarning() {
        load();
        return loadWarning;
    }

    private static boolean same(Cutover a, Cutover b) {
        return a.profileId().equals(b.profileId()) && a.oldKeyId().equals(b.oldKeyId());
    }

    private void write(List<Cutover> next) throws IOException {
        PrivateFiles.write(file, json.writeValueAsBytes(new FileContent(FORMAT_VERSION, next)));
        cutovers.clear();
        cutovers.addAll(next);
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
            FileContent content = json.readValue(file.toFile(), FileContent.class);
            if (content.cutovers() != null) {
                content.cutovers().stream().filter(Objects::nonNull).forEach(cutovers::add);
            }
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                loadWarning = "The list of rotations in grace could not be read and was moved aside to " + aside
                        + "; the tracker starts empty.";
            } catch (IOException moveFailed) {
                loadWarning = "The list of rotations in grace (" + file + ") could not be read; the tracker starts empty.";
            }
        }
    }
}
