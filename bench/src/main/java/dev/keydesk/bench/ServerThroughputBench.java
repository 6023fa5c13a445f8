package dev.keydesk.bench;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Authenticated requests per second that the local server sustains: several connections send
 * {@code GET /v1/datasets} with a real key (so every request authenticates with the keyed hash,
 * checks a permission, counts a rate-limit window and records usage) for a fixed time.
 * The load generator shares the machine's cores with the server, so the figure is a floor.
 * Each round also reports the process's CPU time per request (server and load generator in this
 * one JVM): less sensitive than the rate to other work on a shared machine, so it helps compare
 * two builds of the server measured at different moments.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Authenticated requests per second the local server sustains.")
final class ServerThroughputBench implements Runnable {

    @Option(names = "--connections", defaultValue = "8", description = "concurrent connections (default ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--seconds", defaultValue = "8", description = "measured seconds per round (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "40", description = "warm-up seconds (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--rounds", defaultValue = "5", description = "measured rounds (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--path", defaultValue = "/v1/datasets", description = "path to request (default ${DEFAULT-VALUE})")
    String path;

    @Override
    public void run() {
        System.out.printf(Locale.ROOT, "server throughput: %d connections, %s, %d cores, Java %s%n",
                connections, path, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (BenchServer bench = new BenchServer(0); KeyApi admin = bench.client(bench.admin())) {
            CreatedKey key = admin.createKey(new KeyCreateParams("bench reader", null, null,
                    List.of(Permission.parse("datasets:read"), Permission.parse("access_tokens:read")),
                    Instant.now().plus(Duration.ofDays(30))));
            try (Secret secret = key.secret().orElseThrow()) {
                String url = bench.server().baseUri() + path;
                String authorization = "Bearer " + secret.reveal();
                Dispatcher dispatcher = new Dispatcher();
                dispatcher.setMaxRequests(connections);
                dispatcher.setMaxRequestsPerHost(connections);
                OkHttpClient http = new OkHttpClient.Builder()
                        .dispatcher(dispatcher)
                        .connectionPool(new ConnectionPool(connections, 1, TimeUnit.MINUTES))
                        .build();
                Request request = new Request.Builder().url(url).header("Authorization", authorization).build();

                runFor(http, request, warmupSeconds);
                double[] rates = new double[rounds];
                double[] cpu = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    Result r = runFor(http, request, seconds);
                    rates[i] = r.ok / (double) seconds;
                    cpu[i] = r.ok + r.other == 0 ? 0 : r.cpuNanos / 1000.0 / (r.ok + r.other);
                    System.out.printf(Locale.ROOT, "  round %d: %,.0f req/s (%d ok, %d other), %.1f µs CPU/request%n",
                            i + 1, rates[i], r.ok, r.other, cpu[i]);
                }
                Stats stats = new Stats(rates);
                Stats cpuStats = new Stats(cpu);
                System.out.printf(Locale.ROOT, "RESULT server: median %,.0f authenticated req/s (min %,.0f, max %,.0f); "
                                + "CPU median %.1f µs/request (min %.1f, max %.1f)%n",
                        stats.median(), stats.min(), stats.max(), cpuStats.median(), cpuStats.min(), cpuStats.max());
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            } finally {
                admin.revokeKey(key.key().id());
            }
        }
    }

    private record Result(long ok, long other, long cpuNanos) {
    }

    /** CPU time this process has used so far (all threads), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    private Result runFor(OkHttpClient http, Request request, int durationSeconds) {
        LongAdder ok = new LongAdder();
        LongAdder other = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        long cpuBefore = processCpuNanos();
        for (int i = 0; i < connections; i++) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    try (Response response = http.newCall(request).execute()) {
                        response.body().bytes();
                        (response.code() == 200 ? ok : other).increment();
                    } catch (Exception e) {
                        other.increment();
                    }
                }
            }));
        }
        try {
            Thread.sleep(durationSeconds * 1000L);
            running.set(false);
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(ok.sum(), other.sum(), processCpuNanos() - cpuBefore);
    }
}
