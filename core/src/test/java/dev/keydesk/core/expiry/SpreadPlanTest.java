package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Spreading a cluster: evenly, never in the past, never past the policy or a key's cap. */
class SpreadPlanTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final KeyPolicy POLICY = KeyPolicy.defaults();
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);
    private static final LocalDate CLUSTER_DAY = LocalDate.of(2026, 7, 1);

    /** Twelve keys expiring at 09:00 on one day. */
    private static List<ApiKey> cluster(LocalDate day, int n) {
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(Keys.expiring(String.format("k%02d", i), day.atTime(9, 0).atZone(ZONE).toInstant()));
        }
        return keys;
    }

    private static Map<LocalDate, Long> perDay(List<ExpiryChange> plan) {
        return plan.stream().collect(Collectors.groupingBy(
                c -> LocalDate.ofInstant(c.sends() ? c.to() : c.from(), ZONE), Collectors.counting()));
    }

    @Test
    void twelveKeysOverTwelveDaysGetOneDayEach() {
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(CLUSTER_DAY, 12), CLUSTER_DAY, CLUSTER_DAY.plusDays(11),
                ZONE, POLICY, NOW);
        assertThat(perDay(plan)).hasSize(12).allSatisfy((day, n) -> assertThat(n).isEqualTo(1));
        assertThat(plan.get(0).note()).as("the first stays on its day").isEqualTo(ExpiryChange.Note.UNCHANGED);
        assertThat(plan.stream().filter(ExpiryChange::sends)).hasSize(11);
    }

    @Test
    void theRangesEndsAreUsedAndTheGapsAreEven() {
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(CLUSTER_DAY, 12), CLUSTER_DAY.plusDays(1),
                CLUSTER_DAY.plusDays(30), ZONE, POLICY, NOW);
        List<LocalDate> days = plan.stream().map(c -> LocalDate.ofInstant(c.to(), ZONE)).toList();
        assertThat(days.get(0)).isEqualTo(CLUSTER_DAY.plusDays(1));
        assertThat(days.get(11)).isEqualTo(CLUSTER_DAY.plusDays(30));
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < days.size(); i++) {
            gaps.add(days.get(i).toEpochDay() - days.get(i - 1).toEpochDay());
        }
        assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(2L, 3L));
    }

    @Test
    void moreKeysThanDaysShareTheDaysEvenly() {
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(CLUSTER_DAY, 12), CLUSTER_DAY, CLUSTER_DAY.plusDays(4),
                ZONE, POLICY, NOW);
        Map<LocalDate, Long> counts = perDay(plan);
        assertThat(counts).hasSize(5);
        long most = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long least = counts.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(most - least).isLessThanOrEqualTo(1);
    }

    @Test
    void neverInThePastTheRangeStartsTomorrowAtTheEarliest() {
        LocalDate soon = TODAY.plusDays(1);
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(soon, 6), TODAY.minusDays(10), TODAY.plusDays(10),
                ZONE, POLICY, NOW);
        assertThat(plan).allSatisfy(c -> {
            Instant at = c.sends() ? c.to() : c.from();
            assertThat(at).isAfter(NOW);
            assertThat(LocalDate.ofInstant(at, ZONE)).isAfterOrEqualTo(TODAY.plusDays(1));
        });
        assertThat(SpreadPlan.allowedRange(TODAY.minusDays(10), TODAY.plusDays(10), POLICY, NOW, ZONE))
                .contains(new SpreadPlan.Range(TODAY.plusDays(1), TODAY.plusDays(10)));
    }

    @Test
    void neverPastThePolicyNorAKeysOwnCap() {
        LocalDate late = TODAY.plusDays(360);
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(late, 8), late, TODAY.plusDays(500), ZONE, POLICY, NOW);
        Instant cap = ExpiryCap.latest(POLICY, NOW);
        assertThat(plan).filteredOn(ExpiryChange::sends).isNotEmpty().allSatisfy(c -> {
            assertThat(c.to()).isBeforeOrEqualTo(cap);
            assertThat(c.to()).isBeforeOrEqualTo(ExpiryCap.latestFor(c.key(), POLICY, NOW));
        });
        assertThat(plan.get(plan.size() - 1).to()).as("the last on the policy's last day, held at the cap")
                .isEqualTo(cap);
        assertThat(plan.get(plan.size() - 1).note()).isEqualTo(ExpiryChange.Note.CAPPED);
    }

    @Test
    void aRangeEntirelyInThePastOrBeyondThePolicyIsRefused() {
        assertThatThrownBy(() -> SpreadPlan.evenly(cluster(CLUSTER_DAY, 5), TODAY.minusDays(9), TODAY, ZONE, POLICY, NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SpreadPlan.allowedRange(TODAY.plusDays(400), TODAY.plusDays(410), POLICY, NOW, ZONE)).isEmpty();
    }

    @Test
    void keysMovedEarlierAreMarkedSo() {
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(CLUSTER_DAY, 5), CLUSTER_DAY.minusDays(4), CLUSTER_DAY,
                ZONE, POLICY, NOW);
        assertThat(plan.subList(0, 4)).allSatisfy(c -> assertThat(c.note()).isEqualTo(ExpiryChange.Note.EARLIER));
        assertThat(plan.get(4).note()).isEqualTo(ExpiryChange.Note.UNCHANGED);
    }

    @Test
    void keysArePlacedInTheOrderTheyExpireThenByName() {
        List<ApiKey> keys = new ArrayList<>(cluster(CLUSTER_DAY, 3));
        keys.add(0, Keys.expiring("late", CLUSTER_DAY.atTime(18, 0).atZone(ZONE).toInstant()));
        List<ExpiryChange> plan = SpreadPlan.evenly(keys, CLUSTER_DAY.plusDays(1), CLUSTER_DAY.plusDays(4), ZONE,
                POLICY, NOW);
        assertThat(plan).extracting(ExpiryChange::keyId).containsExactly("k00", "k01", "k02", "late");
        Function<ExpiryChange, LocalDate> day = c -> LocalDate.ofInstant(c.to(), ZONE);
        assertThat(plan).extracting(day).isSorted();
    }

    @Test
    void oneKeyGoesToTheMiddleOfTheRange() {
        List<ExpiryChange> plan = SpreadPlan.evenly(cluster(CLUSTER_DAY, 1), CLUSTER_DAY.plusDays(1),
                CLUSTER_DAY.plusDays(9), ZONE, POLICY, NOW);
        assertThat(LocalDate.ofInstant(plan.get(0).to(), ZONE)).isEqualTo(CLUSTER_DAY.plusDays(5));
        assertThat(plan.get(0).to()).isEqualTo(ExpiryCap.endOfDay(CLUSTER_DAY.plusDays(5), ZONE));
        assertThat(Duration.between(NOW, plan.get(0).to())).isPositive();
    }
}
