package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.keydesk.core.expiry.ExpiryGroup.EXPIRED;
import static dev.keydesk.core.expiry.ExpiryGroup.NEVER_EXPIRES;
import static dev.keydesk.core.expiry.ExpiryGroup.PAST_ROTATION_AGE;
import static dev.keydesk.core.expiry.ExpiryGroup.UNUSED;
import static dev.keydesk.core.expiry.ExpiryGroup.WITHIN_MONTH;
import static dev.keydesk.core.expiry.ExpiryGroup.WITHIN_WEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each group's rule at its boundaries. */
class ExpiryGroupTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final ExpiryRules RULES = ExpiryRules.DEFAULTS;
    private static final Instant RECENT = NOW.minus(Duration.ofDays(1));

    private static boolean in(ExpiryGroup group, ApiKey key) {
        return group.contains(key, NOW, RULES);
    }

    private static ApiKey expiresIn(Duration d) {
        return Keys.key("k", NOW.minus(Duration.ofDays(10)), NOW.plus(d), RECENT, "live");
    }

    @Test
    void expiredIsAnExpiryAtOrBeforeNowOrTheServersWord() {
        assertThat(in(EXPIRED, expiresIn(Duration.ZERO))).as("expiring this instant").isTrue();
        assertThat(in(EXPIRED, expiresIn(Duration.ofSeconds(-1)))).isTrue();
        assertThat(in(EXPIRED, expiresIn(Duration.ofSeconds(1)))).isFalse();
        assertThat(in(EXPIRED, Keys.withStatus(expiresIn(Duration.ofDays(3)), "expired")))
                .as("the server says so").isTrue();
        assertThat(in(EXPIRED, Keys.key("k", RECENT, null, RECENT, "live"))).as("never expires").isFalse();
    }

    @Test
    void withinSevenDaysIncludesExactlySevenDaysAndNotASecondMore() {
        assertThat(in(WITHIN_WEEK, expiresIn(Duration.ofSeconds(1)))).isTrue();
        assertThat(in(WITHIN_WEEK, expiresIn(Duration.ofDays(7)))).as("exactly 7 days").isTrue();
        assertThat(in(WITHIN_WEEK, expiresIn(Duration.ofDays(7).plusSeconds(1)))).isFalse();
        assertThat(in(WITHIN_WEEK, expiresIn(Duration.ZERO))).as("expired now: not 'within'").isFalse();
    }

    @Test
    void withinThirtyDaysStartsWhereTheWeekEnds() {
        assertThat(in(WITHIN_MONTH, expiresIn(Duration.ofDays(7)))).as("the week's, not the month's").isFalse();
        assertThat(in(WITHIN_MONTH, expiresIn(Duration.ofDays(7).plusSeconds(1)))).isTrue();
        assertThat(in(WITHIN_MONTH, expiresIn(Duration.ofDays(30)))).as("exactly 30 days").isTrue();
        assertThat(in(WITHIN_MONTH, expiresIn(Duration.ofDays(30).plusSeconds(1)))).isFalse();
    }

    @Test
    void neverExpiringKeysAreTheirOwnGroupAndInNoExpiryWindow() {
        ApiKey never = Keys.key("k", RECENT, null, RECENT, "live");
        assertThat(in(NEVER_EXPIRES, never)).isTrue();
        assertThat(in(WITHIN_WEEK, never)).isFalse();
        assertThat(in(WITHIN_MONTH, never)).isFalse();
        assertThat(in(EXPIRED, never)).isFalse();
        assertThat(in(NEVER_EXPIRES, expiresIn(Duration.ofDays(400)))).isFalse();
    }

    @Test
    void rotationAgeIs90DaysForLiveKeysAnd180ForTestKeysStrictlyOlder() {
        Instant d90 = NOW.minus(Duration.ofDays(90));
        Instant d180 = NOW.minus(Duration.ofDays(180));
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d90, null, RECENT, "live"))).as("exactly 90 days").isFalse();
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d90.minusSeconds(1), null, RECENT, "live"))).isTrue();
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d90.minusSeconds(1), null, RECENT, "test")))
                .as("a test key of 90 days is not due").isFalse();
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d180, null, RECENT, "test"))).as("exactly 180 days").isFalse();
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d180.minusSeconds(1), null, RECENT, "test"))).isTrue();
        assertThat(in(PAST_ROTATION_AGE, Keys.key("k", d90.minusSeconds(1), null, RECENT, null)))
                .as("an unknown type gets the live age").isTrue();
    }

    @Test
    void theRotationAgesAreConfigurable() {
        ExpiryRules strict = new ExpiryRules(30, 60, 30);
        ApiKey live = Keys.key("k", NOW.minus(Duration.ofDays(45)), null, RECENT, "live");
        ApiKey test = Keys.key("t", NOW.minus(Duration.ofDays(45)), null, RECENT, "test");
        assertThat(PAST_ROTATION_AGE.contains(live, NOW, strict)).isTrue();
        assertThat(PAST_ROTATION_AGE.contains(test, NOW, strict)).isFalse();
        assertThat(PAST_ROTATION_AGE.contains(live, NOW, RULES)).isFalse();
    }

    @Test
    void unusedMeansNeverUsedOrLastUsedAtLeastNDaysAgo() {
        Instant created = NOW.minus(Duration.ofDays(40));
        assertThat(in(UNUSED, Keys.key("k", created, null, null, "live"))).as("never used").isTrue();
        assertThat(in(UNUSED, Keys.key("k", created, null, NOW.minus(Duration.ofDays(30)), "live")))
                .as("exactly 30 days ago").isTrue();
        assertThat(in(UNUSED, Keys.key("k", created, null, NOW.minus(Duration.ofDays(30)).plusSeconds(1), "live")))
                .isFalse();
        assertThat(UNUSED.contains(Keys.key("k", created, null, NOW.minus(Duration.ofDays(10)), "live"), NOW,
                new ExpiryRules(90, 180, 10))).as("N adjustable").isTrue();
    }

    @Test
    void anExpiredKeyIsOnlyInTheExpiredGroup() {
        ApiKey deadOldUnused = Keys.key("k", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2)), null, "live");
        for (ExpiryGroup group : ExpiryGroup.values()) {
            assertThat(in(group, deadOldUnused)).as(group.name()).isEqualTo(group == EXPIRED);
        }
    }

    @Test
    void theOverviewCountsEachGroupAndTheNeverUsed() {
        List<ApiKey> keys = List.of(
                Keys.key("a", RECENT, NOW.plus(Duration.ofDays(3)), RECENT, "live"),
                Keys.key("b", RECENT, NOW.plus(Duration.ofDays(20)), null, "live"),
                Keys.key("c", NOW.minus(Duration.ofDays(200)), null, null, "test"),
                Keys.key("d", RECENT, NOW.minus(Duration.ofDays(1)), null, "live"));
        ExpiryOverview overview = ExpiryOverview.of(keys, NOW, RULES);
        assertThat(overview.count(EXPIRED)).isEqualTo(1);
        assertThat(overview.count(WITHIN_WEEK)).isEqualTo(1);
        assertThat(overview.count(WITHIN_MONTH)).isEqualTo(1);
        assertThat(overview.ids(NEVER_EXPIRES)).containsExactly("c");
        assertThat(overview.ids(PAST_ROTATION_AGE)).containsExactly("c");
        assertThat(overview.ids(UNUSED)).containsExactly("b", "c");
        assertThat(overview.neverUsed()).isEqualTo(2);
    }

    @Test
    void rulesStayWithinTheirBounds() {
        assertThatThrownBy(() -> new ExpiryRules(0, 180, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExpiryRules.clamp(0)).isEqualTo(1);
        assertThat(ExpiryRules.clamp(99_999)).isEqualTo(ExpiryRules.MAX_DAYS);
    }
}
