package dev.keydesk.bench;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentEngine;
import dev.keydesk.core.incident.IncidentListener;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Preview;
import dev.keydesk.core.incident.RunOptions;
import dev.keydesk.core.incident.TargetRule;
import dev.keydesk.core.incident.TargetSelection;
import dev.keydesk.core.testing.FaultProxy;
import dev.keydesk.server.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Revoking N keys through a proxy that adds a fixed round trip (a remote service), three ways:
 * the engine in-process, the {@code keydesk} CLI end to end (a fresh JVM from the shaded jar), and
 * a sequential loop of single {@code curl} DELETEs (one process per key); then the engine on the
 * professional plan (500/min) against the floor that limit allows (N ÷ rate). Each round gets a
 * fresh server with N demo keys. It prints; it asserts nothing.
 */
@Command(name = "incident", mixinStandardHelpOptions = true,
        description = "Revoking N keys: engine and CLI against a curl loop (unlimited plan), and the engine on the "
                + "professional plan against N / rate.")
final class IncidentBench implements Runnable {

    @Option(names = "--keys", defaultValue = "1000", description = "keys to revoke (default ${DEFAULT-VALUE})")
    int keys;

    @Option(names = "--runs", defaultValue = "3", description = "rounds of each (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--latency-ms", defaultValue = "50", description = "added round trip (default ${DEFAULT-VALUE})")
    int latencyMs;

    @Option(names = "--cli-jar", defaultValue = "cli/target/keydesk.jar", description = "the shaded CLI jar")
    Path cliJar;

    @Option(names = "--skip", split = ",", description = "parts to skip: curl, engine, cli, professional")
    List<String> skip = new ArrayList<>();

    /** One engine round: how long it took, how many keys it targeted, and when its first request went. */
    private record EngineRound(double ms, int targets, Instant start) {
    }

    /**
     * The soonest the run could end on clock-aligned minute windows of {@code perMinute}: a fresh
     * server's first window ends at the next full minute, so {@code requests} need
     * {@code ceil(requests / perMinute)} windows and cannot finish before the last one opens.
     * (N ÷ rate assumes a sliding window and is not a floor here.)
     */
    static double windowFloorMs(int requests, int perMinute, Instant start) {
        int windows = (requests + perMinute - 1) / perMinute;
        if (windows <= 1) {
            return 0;
        }
        long intoMinuteMs = start.toEpochMilli() % 60_000;
        return (60_000 - intoMinuteMs) + (windows - 2) * 60_000.0;
    }

    @Override
    public void run() {
        Path jar = cliJar.isAbsolute() || Files.exists(cliJar) ? cliJar : Path.of("..").resolve(cliJar);
        System.out.printf(Locale.ROOT, "incident: %,d keys, +%d ms round trip, %d cores, Java %s%n", keys, latencyMs,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            if (!skip.contains("engine")) {
                report("engine (unlimited)", rounds((server, proxy) -> engineOnce(server, proxy).ms(), Plan.UNLIMITED));
            }
            if (!skip.contains("cli")) {
                if (!Files.exists(jar)) {
                    System.out.println("  cli: " + jar + " is missing (mvn -q -pl cli -am package -DskipTests)");
                } else {
                    recordClassArchive(jar);
                    report("cli end to end (unlimited)", rounds((s, p) -> cliOnce(s, p, jar), Plan.UNLIMITED));
                }
            }
            if (!skip.contains("curl")) {
                report("curl loop (unlimited)", rounds(this::curlOnce, Plan.UNLIMITED));
            }
            if (!skip.contains("professional")) {
                int perMinute = Plan.PROFESSIONAL.perMinute();
                List<Double> ratios = new ArrayList<>();
                double[] ms = rounds((server, proxy) -> {
                    // Start just after a minute boundary, so that the floor is a whole window
                    // (near a boundary it is a second or two, and the ratio says nothing).
                    long intoMinute = System.currentTimeMillis() % 60_000;
                    if (intoMinute > 2_000) {
                        Thread.sleep(60_000 - intoMinute + 500);
                    }
                    EngineRound round = engineOnce(server, proxy);
                    double t = round.ms();
                    // Requests: one per target plus the run's few reads (whoami, catalog, policy, list, rate limit).
                    double floor = windowFloorMs(round.targets() + 6, perMinute, round.start());
                    double nOverRate = round.targets() / (perMinute / 60.0) * 1000;
                    System.out.printf(Locale.ROOT, "    %d targets: N / rate %.0f s (ratio %.2f); window floor %.1f s"
                            + " (ratio %.2f)%n", round.targets(), nOverRate / 1000, t / nOverRate, floor / 1000,
                            floor == 0 ? Double.NaN : t / floor);
                    if (floor > 0) {
                        ratios.add(t / floor);
                    }
                    return t;
                }, Plan.PROFESSIONAL);
                report("engine (professional, " + perMinute + "/min)", ms);
                double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
                if (r.length > 0) {
                    System.out.printf(Locale.ROOT, "    ratio to the window floor: median %.2f (%.2f–%.2f)%n",
                            new Stats(r).median(), new Stats(r).min(), new Stats(r).max());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    interface Once {
        double run(BenchServer server, FaultProxy proxy) throws Exception;
    }

    private double[] rounds(Once once, Plan plan) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            try (BenchServer server = new BenchServer(keys, plan);
                 FaultProxy proxy = FaultProxy.start(server.server().baseUri())) {
                proxy.latency(Duration.ofMillis(latencyMs));
                ms[i] = once.run(server, proxy);
                try (KeyApi api = server.client(server.admin())) {
                    int left = api.listAllKeys(n -> { }).size() - 1;
                    System.out.printf(Locale.ROOT, "    round %d: %.0f ms, %d keys left%n", i + 1, ms[i], left);
                }
            }
        }
        return ms;
    }

    private static void report(String what, double[] ms) {
        Stats s = new Stats(ms);
        System.out.printf(Locale.ROOT, "  %-34s median %.2f s (%.2f–%.2f s, n=%d)%n", what, s.median() / 1000,
                s.min() / 1000, s.max() / 1000, ms.length);
    }

    /** The engine in-process: preview (lists every key) and run, as the app would. */
    private EngineRound engineOnce(BenchServer server, FaultProxy proxy) throws Exception {
        try (KeyApi api = server.client(server.admin(), proxy.baseUri())) {
            long t0 = System.nanoTime();
            Instant roundStart = Instant.now();
            Connection c = new Connection(new Profile("bench", "bench", proxy.baseUri().toString(), Environment.LOCAL,
                    Profile.KeySource.SESSION_ONLY, null), api, api.whoami(), api.catalog(), api.policy());
            IncidentEngine engine = IncidentEngine.of(c);
            Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
                    TargetSelection.ofRules(List.of(new TargetRule.All())), "bench", "BENCH"));
            java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger pauses = new java.util.concurrent.atomic.AtomicInteger();
            long tRun = System.nanoTime();
            IncidentResult r = engine.start(preview, RunOptions.builder().build(), new IncidentListener() {
                @Override
                public void concurrencyChanged(int concurrency, String why) {
                    peak.accumulateAndGet(concurrency, Math::max);
                }

                @Override
                public void paused(dev.keydesk.core.incident.Pause pause) {
                    pauses.incrementAndGet();
                }
            }).await();
            long tEnd = System.nanoTime();
            double ms = (tEnd - t0) / 1e6;
            System.out.printf(Locale.ROOT, "    %s; peak concurrency %d, %d pauses; connect + preview %.0f ms, run %.0f ms;"
                            + " started %s%n", r.counts(), peak.get(), pauses.get(), (tRun - t0) / 1e6, (tEnd - tRun) / 1e6,
                    roundStart);
            if (r.count(Outcome.FAILED) > 0) {
                System.out.println("    FAILURES: " + r.count(Outcome.FAILED));
            }
            return new EngineRound(ms, preview.count(), roundStart);
        }
    }

    /**
     * The CLI as a user starts it: the {@code keydesk} launcher at the project's root (its JVM
     * flags and its class-data archive, which {@link #recordClassArchive} has recorded once, as a
     * user's first run after a build does).
     */
    private double cliOnce(BenchServer server, FaultProxy proxy, Path jar) throws Exception {
        Path home = Files.createTempDirectory("keydesk-bench-home");
        try {
            ProcessBuilder pb = new ProcessBuilder(launcher(jar).toString(), "revoke", "--all", "--yes",
                    "--incident", "BENCH");
            Map<String, String> env = pb.environment();
            env.put("KEYDESK_JAR", jar.toAbsolutePath().toString());
            env.put("KEYDESK_SERVER", proxy.baseUri().toString());
            env.put("KEYDESK_API_KEY", server.admin().reveal());
            env.put("KEYDESK_HOME", home.toString());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            long t0 = System.nanoTime();
            int code = pb.start().waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "    exit %d%n", code);
            return ms;
        } finally {
            BenchFiles.deleteTree(home);
        }
    }

    /** {@code cli/target/keydesk.jar} → the {@code keydesk} script at the root of the project. */
    private static Path launcher(Path jar) {
        Path script = jar.toAbsolutePath().normalize().getParent().getParent().getParent().resolve("keydesk");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("The launcher " + script + " is missing or not executable");
        }
        return script;
    }

    /** The launcher's first run after a build records the class-data archive; the timed runs then use it. */
    private static void recordClassArchive(Path jar) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher(jar).toString(), "--version");
        pb.environment().put("KEYDESK_JAR", jar.toAbsolutePath().toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        int code = pb.start().waitFor();
        System.out.printf(Locale.ROOT, "  class-data archive recorded (exit %d)%n", code);
    }

    /** One {@code curl -X DELETE} process per key, one after another; the ids are given for free. */
    private double curlOnce(BenchServer server, FaultProxy proxy) throws Exception {
        List<String> ids;
        String adminId;
        try (KeyApi api = server.client(server.admin())) {
            adminId = api.whoami().orElseThrow().key().id();
            ids = api.listAllKeys(n -> { }).stream().map(ApiKey::id).filter(id -> !id.equals(adminId)).toList();
        }
        // The key goes in a header file, not argv, so that it does not show in the process list.
        Path header = Files.createTempFile(server.dir(), "auth", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(header, "Authorization: Bearer " + server.admin().reveal() + "\n");
        int failures = 0;
        long t0 = System.nanoTime();
        for (String id : ids) {
            Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE",
                    "-H", "@" + header, proxy.baseUri() + "/v1/api-keys/" + id)
                    .redirectErrorStream(true).start();
            String status = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            if (!status.equals("204")) {
                failures++;
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        Files.deleteIfExists(header);
        System.out.printf(Locale.ROOT, "    curl: %d DELETEs, %d not 204%n", ids.size(), failures);
        return ms;
    }
}
