package dev.keydesk.bench;

import dev.keydesk.app.BenchHook;
import dev.keydesk.app.Main;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cold start: a fresh JVM of the real app, on the embedded server seeded with N keys, until the
 * key table's rows are on screen; against a fresh JVM that shows an empty JavaFX window. Both
 * report their first rendered frame through {@link BenchHook}; the time is taken here, from just
 * before {@code ProcessBuilder.start} to that frame.
 */
@Command(name = "ui-start", mixinStandardHelpOptions = true,
        description = "Cold start to a painted table of N keys, against a bare JavaFX window (fresh JVMs).")
final class UiStartBench implements Runnable {

    @Option(names = "--keys", defaultValue = "1000", description = "keys on the embedded server (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--runs", defaultValue = "5", description = "measured launches of each (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "1", description = "warm-up launches of each (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--timeout", defaultValue = "60", description = "seconds one launch may take (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** Every launch gets the same JVM options; software rendering is what Xvfb offers. */
    private static final List<String> JVM_OPTIONS = List.of("-Dprism.order=sw", "-D" + BenchHook.PROPERTY + "=true");

    private record Launch(double wallMs, double sinceJvmStartMs, int rows) {
    }

    @Override
    public void run() {
        Path home = null;
        try (XDisplay display = XDisplay.open()) {
            home = Files.createTempDirectory("keydesk-ui-start");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            System.out.printf(Locale.ROOT, "ui-start: %,d keys, %d cores, Java %s, %s, prism.order=sw%n",
                    keys, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    display.describe());
            seed(AppPaths.of(home).embeddedServerDir());

            List<String> common = new ArrayList<>(List.of(java));
            common.addAll(JVM_OPTIONS);
            // Preferences (the theme) in the temp home too, so the person's settings play no part.
            common.addAll(List.of("-Djava.util.prefs.userRoot=" + home.resolve("prefs"),
                    "-Dkeydesk.home=" + home));
            List<String> bare = new ArrayList<>(common);
            bare.addAll(List.of("-cp", classpath(true), BareWindow.Launcher.class.getName()));
            List<String> app = new ArrayList<>(common);
            app.addAll(List.of("-cp", classpath(false), Main.class.getName()));

            double[] bareWall = new double[runs];
            double[] appWall = new double[runs];
            double[] bareJvm = new double[runs];
            double[] appJvm = new double[runs];
            // Interleaved, so that a slow spell of the machine hits both alike.
            for (int i = 0; i < warmup + runs; i++) {
                Launch b = launch(bare, display, home);
                Launch a = launch(app, display, home);
                if (a.rows() < keys) {
                    throw new IllegalStateException("the app painted a table of " + a.rows() + " rows, expected " + keys);
                }
                String label = i < warmup ? "warm-up" : "run " + (i - warmup + 1);
                System.out.printf(Locale.ROOT, "  %-8s bare window %6.0f ms (JVM-reported %5.0f); KeyDesk %6.0f ms (JVM-reported %5.0f, %,d rows)%n",
                        label, b.wallMs(), b.sinceJvmStartMs(), a.wallMs(), a.sinceJvmStartMs(), a.rows());
                if (i >= warmup) {
                    bareWall[i - warmup] = b.wallMs();
                    appWall[i - warmup] = a.wallMs();
                    bareJvm[i - warmup] = b.sinceJvmStartMs();
                    appJvm[i - warmup] = a.sinceJvmStartMs();
                }
            }
            Stats bw = new Stats(bareWall);
            Stats aw = new Stats(appWall);
            System.out.printf(Locale.ROOT, "RESULT ui-start: bare JavaFX window %s; KeyDesk with %,d keys %s; ratio %.2f%n",
                    bw.describe(), keys, aw.describe(), aw.median() / bw.median());
            System.out.printf(Locale.ROOT, "  (JVM-reported, from the JVM's start time: bare median %.0f ms, KeyDesk median %.0f ms, ratio %.2f)%n",
                    new Stats(bareJvm).median(), new Stats(appJvm).median(),
                    new Stats(appJvm).median() / new Stats(bareJvm).median());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            BenchFiles.deleteTree(home);
        }
    }

    /** Starts the server once in the app's embedded-server folder, so the app finds N keys and asks nothing. */
    private void seed(Path dataDir) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        LocalKeyServer.start(ServerOptions.builder().dataDir(dataDir).port(0).demoKeys(keys).build()).close();
        System.out.printf(Locale.ROOT, "  seeded %s with %,d demo keys in %.1f s%n",
                dataDir, keys, (System.nanoTime() - t0) / 1e9);
    }

    private Launch launch(List<String> command, XDisplay display, Path home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(home.resolve("launch.log").toFile());
        builder.environment().put("DISPLAY", display.name());
        builder.environment().remove("KEYDESK_HOME");
        long startEpochMs = System.currentTimeMillis();
        Process process = builder.start();
        CompletableFuture<String> marker = watchForMarker(process);
        try {
            String line = marker.get(timeoutSeconds, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the launch ended without " + BenchHook.MARKER + "; exit "
                        + process.waitFor() + ", stderr: " + home.resolve("launch.log") + "\n"
                        + Files.readString(home.resolve("launch.log")));
            }
            String[] parts = line.trim().split("\\s+");
            long sinceJvmStart = Long.parseLong(parts[1]);
            int rows = Integer.parseInt(parts[2]);
            long paintedEpochMs = Long.parseLong(parts[3]);
            // The app quits by itself after the report (and stops its embedded server); wait for that,
            // so the next launch finds the database free.
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the launch did not exit after reporting");
            }
            return new Launch(paintedEpochMs - startEpochMs, sinceJvmStart, rows);
        } catch (Exception e) {
            throw new IllegalStateException("launch failed: " + String.join(" ", command.subList(command.size() - 1, command.size())), e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Completes with the marker line (or null at the end of the output), and drains the output to its end. */
    private static CompletableFuture<String> watchForMarker(Process process) {
        CompletableFuture<String> marker = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(BenchHook.MARKER + " ")) {
                        marker.complete(line);
                    }
                }
                marker.complete(null);
            } catch (IOException e) {
                marker.completeExceptionally(e);
            }
        }, "ui-start-stdout");
        reader.setDaemon(true);
        reader.start();
        return marker;
    }

    /**
     * The classpath of a fresh JVM. Under exec:java, {@code java.class.path} is Maven's own, so
     * Maven writes the runtime dependencies to a file at generate-resources; the app's JVM gets
     * only those (so its own logback.xml and nothing of the bench's is in force), the bare
     * window's JVM this module's classes too.
     */
    private static String classpath(boolean withBenchClasses) {
        String file = System.getProperty("keydesk.bench.classpathFile");
        if (file == null) {
            return System.getProperty("java.class.path");
        }
        try {
            String dependencies = Files.readString(Path.of(file)).trim();
            if (!withBenchClasses) {
                return dependencies;
            }
            Path benchClasses = Path.of(UiStartBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return benchClasses + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file + ": run through Maven (compile exec:java)", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
