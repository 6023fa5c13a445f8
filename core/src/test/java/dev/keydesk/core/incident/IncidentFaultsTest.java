package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.testing.FaultProxy;
import dev.keydesk.core.testing.MutableClock;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.server.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revoking 1,000 keys against the real server through a proxy that injects 500s, connections
 * dropped after the server acted, a burst of 429s with a long Retry-After, and latency: the
 * server ends as intended and the report says exactly what the server says.
 */
class IncidentFaultsTest {

    @TempDir
    Path dir;

    private TestBackend backend;
    private FaultProxy proxy;
    private KeyApi runClient;
    private final MutableClock clock = MutableClock.atMinute(5);

    @BeforeEach
    void start() {
        backend = TestBackend.start(dir.resolve("server"), 1000, o -> o.plan(Plan.UNLIMITED)).withListedKeys(1000);
        proxy = FaultProxy.start(backend.server().baseUri());
        runClient = backend.client(backend.adminSecret(), proxy.baseUri());
    }

    @AfterEach
    void stop() {
        runClient.close();
        proxy.close();
        backend.close();
    }

    @Test
    void revokesAThousandKeysThroughFaultsAndTheReportMatchesTheServer() throws Exception {
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(runClient));
        IncidentPlan plan = new IncidentPlan(IncidentAction.REVOKE, TargetSelection.ofRules(List.of(new TargetRule.All())),
                "leaked in a CI log", "INC-1000");
        Preview preview = engine.preview(plan);
        assertThat(preview.count()).isEqualTo(1000);
        assertThat(preview.connectedKeyLeftOut()).isTrue();

        proxy.latency(Duration.ofMillis(5))
                .faultsOn(r -> !r.getMethod().equals("GET"))
                .failFraction(0.05)
                .dropFraction(0.03);
        RecordingListener listener = new RecordingListener(n -> {
            if (n == 300) {
                proxy.rateLimitNext(25, Duration.ofSeconds(40));
            }
        });
        Path reports = dir.resolve("incidents");
        IncidentRun run = engine.start(preview, RunOptions.builder()
                .clock(clock).sleeper(clock.sleeper()).maxAttempts(10)
                .reportsRoot(reports).reportFile(dir.resolve("copy.csv")).build(), listener);
        IncidentResult result = run.await();

        FaultProxy.Counts faults = proxy.counts();
        assertThat(faults.failed()).as("500s injected").isGreaterThan(10);
        assertThat(faults.dropped()).as("answers dropped after the server acted").isGreaterThan(5);
        assertThat(faults.rateLimited()).as("429s injected").isEqualTo(25);
        assertThat(listener.paused).as("the 429 burst paused the run").isNotEmpty();
        assertThat(listener.paused.get(0).length()).isEqualTo(Duration.ofSeconds(40));
        assertThat(listener.ticks).as("a countdown while paused").hasSizeGreaterThan(30);

        assertThat(result.outcomes()).hasSize(1000);
        assertThat(result.count(Outcome.FAILED)).isZero();
        assertThat(result.count(Outcome.NOT_ATTEMPTED)).isZero();
        assertThat(result.allAsAsked()).isTrue();

        // The server's state is the intent: only the connected admin key is left.
        List<ApiKey> left = backend.call(api -> api.listAllKeys(null, n -> { }));
        assertThat(left).extracting(ApiKey::id).containsExactly(backend.connection().connectedKeyId().orElseThrow());

        // The report equals the server's state, key by key.
        IncidentReport report = IncidentReport.read(result.reportFolder());
        assertThat(report.keys()).hasSize(1000);
        Map<String, String> outcomeById = report.keys().stream()
                .collect(Collectors.toMap(IncidentReport.KeyEntry::id, IncidentReport.KeyEntry::outcome));
        backend.call(api -> {
            for (String id : outcomeById.keySet()) {
                boolean gone;
                try {
                    api.getKey(id);
                    gone = false;
                } catch (NotFoundException e) {
                    gone = true;
                }
                assertThat(gone).as(id).isEqualTo(Set.of("revoked", "already gone").contains(outcomeById.get(id)));
            }
            return null;
        });
        assertThat(report.incident()).isEqualTo("INC-1000");
        assertThat(report.ranBy().keyId()).isEqualTo(backend.connection().connectedKeyId().orElseThrow());
        assertThat(IncidentReport.read(dir.resolve("copy.csv")).keys()).hasSize(1000);
        assertThat(IncidentReport.read(result.reportFolder().resolve(IncidentReport.JOURNAL_FILE)).keys())
                .extracting(IncidentReport.KeyEntry::id).containsExactlyInAnyOrderElementsOf(outcomeById.keySet());
        assertNoSecretIn(result.reportFolder(), backend.adminSecret().reveal());
    }

    static void assertNoSecretIn(Path folder, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString()).doesNotContain(secret);
                assertThat(Files.getPosixFilePermissions(f)).as(f + " is owner-only")
                        .allMatch(p -> p.name().startsWith("OWNER"));
            }
        }
    }

    static <T> Function<KeyApi, T> ignore(Function<KeyApi, T> f) {
        return f;
    }
}
