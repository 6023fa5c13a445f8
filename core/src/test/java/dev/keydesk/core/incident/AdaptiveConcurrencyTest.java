package dev.keydesk.core.incident;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's concurrency rule on its own: no server, no clock, latencies given. */
class AdaptiveConcurrencyTest {

    private static final long FAST = 50_000_000L;   // 50 ms, the link's round trip
    private static final long SLOW = 400_000_000L;  // 400 ms: far past twice the fastest

    /** Sends one round: as many requests as the limit allows, each answered with {@code latency}. */
    private static void round(AdaptiveConcurrency c, long latency, boolean budgetRoom) {
        int n = c.limit();
        for (int i = 0; i < n; i++) {
            c.onStart();
        }
        for (int i = 0; i < n; i++) {
            c.onAnswer(latency, budgetRoom);
        }
    }

    @Test
    void slowStartDoublesEachRoundOfFastAnswersUpToTheMaximum() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(4, 64);
        round(c, FAST, true);
        assertThat(c.limit()).isEqualTo(8);
        round(c, FAST, true);
        assertThat(c.limit()).isEqualTo(16);
        round(c, FAST, true);
        round(c, FAST, true);
        assertThat(c.limit()).isEqualTo(64);
        round(c, FAST, true);
        assertThat(c.limit()).as("never past the maximum").isEqualTo(64);
    }

    @Test
    void congestionHalvesOncePerRoundThenGrowthIsOneARound() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(32, 64);
        long first = c.onStart();
        long second = c.onStart();
        assertThat(c.onCongestion(first)).isEqualTo(16);
        assertThat(c.onCongestion(second)).as("the same round's 429s cut once").isEqualTo(-1);
        assertThat(c.limit()).isEqualTo(16);

        round(c, FAST, true);
        round(c, FAST, true);
        round(c, FAST, true);
        assertThat(c.limit()).as("after a cut: additive increase, about one per round").isEqualTo(18);
        long later = c.onStart();
        assertThat(c.onCongestion(later)).as("a request sent after the cut cuts again (18.8 → 9)").isEqualTo(9);
    }

    @Test
    void slowAnswersHoldTheLimitAndFastOnesResumeTheSlowStart() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(4, 64);
        round(c, FAST, true);
        assertThat(c.limit()).isEqualTo(8);
        // A cold client or a busy moment: answers 8× slower for a while. The moving average
        // takes a few answers to notice (one slow answer is not a trend); then no cut, no growth.
        round(c, SLOW, true);
        int held = c.limit();
        assertThat(held).isLessThan(16);
        for (int r = 0; r < 5; r++) {
            round(c, SLOW, true);
        }
        assertThat(c.limit()).isEqualTo(held);
        // Fast again: the moving average comes down, and growth doubles per round again
        // (slow start was not ended by slowness alone), instead of one more per round.
        for (int r = 0; r < 6; r++) {
            round(c, FAST, true);
        }
        assertThat(c.limit()).isEqualTo(64);
    }

    @Test
    void noGrowthWithoutRoomInTheRateBudget() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(4, 64);
        round(c, FAST, false);
        round(c, FAST, false);
        assertThat(c.limit()).isEqualTo(4);
    }

    @Test
    void neverBelowOne() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(2, 64);
        c.onCongestion(c.onStart());
        c.onCongestion(c.onStart());
        c.onCongestion(c.onStart());
        assertThat(c.limit()).isEqualTo(1);
    }
}
