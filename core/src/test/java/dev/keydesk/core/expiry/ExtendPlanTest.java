package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Extending within the policy: "+N days" and "one date", capped, previewed per key. */
class ExtendPlanTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final KeyPolicy POLICY = KeyPolicy.defaults(); // 365 days
    private static final Instant CAP = NOW.plus(Duration.ofDays(365)).minus(ExpiryCap.MARGIN);

    @Test
    void plusDaysAddsToEachKeysOwnExpiry() {
        ApiKey soon = Keys.expiring("a", NOW.plus(Duration.ofDays(3)));
        List<ExpiryChange> plan = ExtendPlan.byDays(List.of(soon), 30, POLICY, NOW);
        assertThat(plan).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(NOW.plus(Duration.ofDays(33)));
            assertThat(c.note()).isEqualTo(ExpiryChange.Note.NONE);
            assertThat(c.sends()).isTrue();
        });
    }

    @Test
    void anExpiredKeyIsExtendedFromNowNotFromItsPastExpiry() {
        ApiKey dead = Keys.expiring("a", NOW.minus(Duration.ofDays(40)));
        assertThat(ExtendPlan.byDays(List.of(dead), 30, POLICY, NOW).get(0).to()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void theNewExpiryIsCappedAtThePolicysMaximumFromNow() {
        ApiKey far = Keys.expiring("a", NOW.plus(Duration.ofDays(300)));
        ExpiryChange c = ExtendPlan.byDays(List.of(far), 90, POLICY, NOW).get(0);
        assertThat(c.to()).isEqualTo(CAP);
        assertThat(c.note()).isEqualTo(ExpiryChange.Note.CAPPED);
        assertThat(c.to()).isBefore(NOW.plus(Duration.ofDays(POLICY.maxLifetimeDays())));
    }

    @Test
    void aKeyAlreadyAtTheCapIsLeftAloneWithTheReason() {
        ApiKey atCap = Keys.expiring("a", CAP.plusSeconds(60));
        ExpiryChange c = ExtendPlan.byDays(List.of(atCap), 10, POLICY, NOW).get(0);
        assertThat(c.sends()).isFalse();
        assertThat(c.to()).isNull();
        assertThat(c.note()).isEqualTo(ExpiryChange.Note.AT_LIMIT);
    }

    @Test
    void aShorterPolicyCapsSooner() {
        KeyPolicy ninety = new KeyPolicy(90, 30, true, List.of("live"));
        ExpiryChange c = ExtendPlan.byDays(List.of(Keys.expiring("a", NOW.plus(Duration.ofDays(80)))), 30, ninety, NOW).get(0);
        assertThat(c.to()).isEqualTo(NOW.plus(Duration.ofDays(90)).minus(ExpiryCap.MARGIN));
        assertThat(c.note()).isEqualTo(ExpiryChange.Note.CAPPED);
    }

    @Test
    void neverExpiringKeysHaveNothingToExtend() {
        ApiKey never = Keys.expiring("a", null);
        assertThat(ExtendPlan.byDays(List.of(never), 30, POLICY, NOW)).singleElement()
                .satisfies(c -> assertThat(c.note()).isEqualTo(ExpiryChange.Note.NEVER_EXPIRES));
        assertThat(ExtendPlan.toDate(List.of(never), LocalDate.of(2026, 9, 1), ZONE, POLICY, NOW)).singleElement()
                .satisfies(c -> assertThat(c.sends()).isFalse());
    }

    @Test
    void oneDateMovesEveryKeyToTheEndOfThatDayButNeverShortensOne() {
        ApiKey soon = Keys.expiring("a", NOW.plus(Duration.ofDays(2)));
        ApiKey later = Keys.expiring("b", Instant.parse("2026-12-01T00:00:00Z"));
        List<ExpiryChange> plan = ExtendPlan.toDate(List.of(soon, later), LocalDate.of(2026, 9, 1), ZONE, POLICY, NOW);
        assertThat(plan.get(0).to()).isEqualTo(Instant.parse("2026-09-01T21:59:59Z")); // 23:59:59 in Berlin (CEST)
        assertThat(plan.get(1).sends()).isFalse();
        assertThat(plan.get(1).note()).isEqualTo(ExpiryChange.Note.NOT_LATER);
    }

    @Test
    void oneDateBeyondThePolicyIsCapped() {
        ApiKey soon = Keys.expiring("a", NOW.plus(Duration.ofDays(2)));
        ExpiryChange c = ExtendPlan.toDate(List.of(soon), LocalDate.of(2027, 12, 31), ZONE, POLICY, NOW).get(0);
        assertThat(c.to()).isEqualTo(CAP);
        assertThat(c.note()).isEqualTo(ExpiryChange.Note.CAPPED);
    }

    @Test
    void aDateTodayOrInThePastIsNoExtension() {
        ApiKey soon = Keys.expiring("a", NOW.plus(Duration.ofDays(2)));
        LocalDate today = LocalDate.ofInstant(NOW, ZONE);
        assertThatThrownBy(() -> ExtendPlan.toDate(List.of(soon), today, ZONE, POLICY, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExtendPlan.byDays(List.of(soon), 0, POLICY, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
