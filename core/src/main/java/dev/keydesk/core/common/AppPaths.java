package dev.keydesk.core.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where KeyDesk keeps its files: profiles (never secrets), the embedded server's data, logs, incident reports and the rotations in grace.
 * One root folder, so that a person (or a test) can move everything with one setting.
 */
public final class AppPaths {

    static final String APP_FOLDER = "KeyDesk";

    private final Path root;

    private AppPaths(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** A root chosen by the caller, e.g. a JUnit {@code @TempDir}. */
    public static AppPaths of(Path root) {
        return new AppPaths(root);
    }

    /**
     * The system property {@code keydesk.home}, else the environment variable {@code KEYDESK_HOME},
     * else the operating system's application-data folder.
     */
    public static AppPaths fromEnvironment() {
        return resolve(System::getProperty, System::getenv);
    }

    /** {@link #fromEnvironment()} with the lookups injected, so every branch can be tested. */
    static AppPaths resolve(Function<String, String> systemProperty, Function<String, String> environment) {
        String explicit = firstNonBlank(systemProperty.apply("keydesk.home"), environment.apply("KEYDESK_HOME"));
        if (explicit != null) {
            return of(Path.of(explicit));
        }
        Path home = Path.of(Objects.requireNonNullElse(systemProperty.apply("user.home"), "."));
        String os = Objects.requireNonNullElse(systemProperty.apply("os.name"), "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.apply("APPDATA");
            Path base = isBlank(appData) ? home.resolve("AppData").resolve("Roaming") : Path.of(appData);
            return of(base.resolve(APP_FOLDER));
        }
        if (os.startsWith("mac")) {
            return of(home.resolve("Library").resolve("Application Support").resolve(APP_FOLDER));
        }
        String xdg = environment.apply("XDG_DATA_HOME");
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = !isBlank(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return of(base.resolve(APP_FOLDER));
    }

    public Path root() {
        return root;
    }

    /** The embedded local server's database, pepper and bootstrap key file. */
    public Path embeddedServerDir() {
        return root.resolve("local-server");
    }

    /** Saved connection profiles: names, addresses, where keys come from; never a key. */
    public Path profilesFile() {
        return root.resolve("profiles.json");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** Incident reports, one folder per run ({@code <time>-<reference>}); owner-only. */
    public Path incidentsDir() {
        return root.resolve("incidents");
    }

    /** The rotations whose old keys are in grace (the cutover tracker): key ids, names, prefixes; never a secret. */
    public Path rotationsFile() {
        return root.resolve("rotations.json");
    }

    @Override
    public String toString() {
        return "AppPaths[" + root + "]";
    }

    private static String firstNonBlank(String a, String b) {
        return !isBlank(a) ? a : !isBlank(b) ? b : null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
