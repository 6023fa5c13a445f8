package dev.keydesk.app.status;

import dev.keydesk.client.model.RateLimitStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTextsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void budget_with_grouping_and_reset() {
        RateLimitStatus s = new RateLimitStatus(10_000, 9_847, NOW.plus(Duration.ofMinutes(42)), NOW);
        assertThat(StatusTexts.rateLimit(s, NOW, Locale.US)).isEqualTo("9,847 / 10,000 requests left · resets in 42 min");
    }

    @Test
    void reset_is_rounded_up_and_says_hours_and_seconds() {
        assertThat(StatusTexts.inDuration(Duration.ofSeconds(41 * 60 + 1))).isEqualTo("in 42 min");
        assertThat(StatusTexts.inDuration(Duration.ofSeconds(30))).isEqualTo("in 30 s");
        assertThat(StatusTexts.inDuration(Duration.ofMinutes(65))).isEqualTo("in 1 h 5 min");
        assertThat(StatusTexts.inDuration(Duration.ofMinutes(120))).isEqualTo("in 2 h");
        assertThat(StatusTexts.inDuration(Duration.ofSeconds(-5))).isEqualTo("now");
    }

    @Test
    void budget_without_reset_and_never_negative() {
        assertThat(StatusTexts.rateLimit(new RateLimitStatus(100, -3, null, NOW), NOW, Locale.US))
                .isEqualTo("0 / 100 requests left");
    }

    @Test
    void last_refresh_is_relative() {
        assertThat(StatusTexts.lastRefresh(null, NOW)).isEqualTo("Not refreshed yet");
        assertThat(StatusTexts.lastRefresh(NOW.minusSeconds(10), NOW)).isEqualTo("Refreshed just now");
        assertThat(StatusTexts.lastRefresh(NOW.minusSeconds(180), NOW)).isEqualTo("Refreshed 3 min ago");
        assertThat(StatusTexts.lastRefresh(NOW.minus(Duration.ofHours(5)), NOW)).isEqualTo("Refreshed 5 h ago");
    }

    @Test
    void rate_limited_countdown() {
        assertThat(StatusTexts.rateLimited(Duration.ofSeconds(12))).isEqualTo("Rate limited — you can retry in 12 s");
        assertThat(StatusTexts.rateLimited(Duration.ofMillis(200))).isEqualTo("Rate limited — you can retry in 1 s");
        assertThat(StatusTexts.rateLimited(Duration.ZERO)).isEqualTo("Rate limited — you can retry now");
    }
}
