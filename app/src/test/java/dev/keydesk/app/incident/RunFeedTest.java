package dev.keydesk.app.incident;

import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Pause;
import dev.keydesk.core.incident.RunSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's news reaches the FX thread in batches: one hop for everything that arrived meanwhile. */
class RunFeedTest {

    private final List<Runnable> hops = new ArrayList<>();
    private final List<RunFeed.Batch> batches = new ArrayList<>();
    private final RunFeed feed = new RunFeed(hops::add, batches::add);

    private static RunSnapshot snapshot(int done) {
        return new RunSnapshot(RunSnapshot.State.RUNNING, 1000, Map.of(Outcome.REVOKED, done), 4, 0, 4, 10.0,
                Duration.ofSeconds(90), null, Instant.now(), Duration.ofSeconds(done / 10));
    }

    @Test
    void aThousandKeysFinishingBeforeTheFxThreadRunsCostOneHop() {
        for (int i = 1; i <= 1000; i++) {
            feed.keyFinished(new KeyOutcome(FakeKeys.key("k" + i, "n", null, null), Outcome.REVOKED, "", null, 1,
                    Instant.now()), snapshot(i));
        }
        assertThat(hops).hasSize(1);
        hops.remove(0).run();
        assertThat(batches).singleElement().satisfies(b -> {
            assertThat(b.outcomes()).hasSize(1000);
            assertThat(b.outcomes().get(999).keyId()).isEqualTo("k1000");
            assertThat(b.snapshot().done()).as("only the latest snapshot").isEqualTo(1000);
        });
        feed.concurrencyChanged(8, "fast answers");
        assertThat(hops).as("news after the hop asks for the next one").hasSize(1);
    }

    @Test
    void aPauseIsToldWithItsCountdownAndEndsWhenResumed() {
        Pause pause = new Pause(Pause.Reason.RATE_LIMITED, "key_minute", Duration.ofSeconds(40),
                Instant.now().plusSeconds(40), "Rate limited (the per-minute limit of this admin key): the server asked "
                + "to wait 40 s.");
        feed.paused(pause);
        feed.pauseTick(pause, Duration.ofSeconds(39));
        feed.pauseTick(pause, Duration.ofSeconds(38));
        hops.remove(0).run();
        RunFeed.Batch b = batches.get(0);
        assertThat(b.pause()).isEqualTo(pause);
        assertThat(b.pauseRemaining()).isEqualTo(Duration.ofSeconds(38));
        feed.resumed(pause);
        hops.remove(0).run();
        assertThat(batches.get(1).pause()).isNull();
        assertThat(batches.get(1).pauseChanged()).isTrue();
    }
}
