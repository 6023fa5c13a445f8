package dev.keydesk.core.activity;

import dev.keydesk.client.model.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The activity filters, paging, summary and poll pacing. */
class ActivityCoreTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final int ALL = Integer.MAX_VALUE;

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private final FakeAuditLog log = new FakeAuditLog();

    // ---- filter ---------------------------------------------------------------------------

    @Test
    void aFilterMatchesOnEveryPartItHas() {
        AuditEvent failed = log.add("e1", ago(Duration.ofHours(2)), "auth.failed", null, "198.51.100.250");
        AuditEvent changed = log.add("e2", ago(Duration.ofHours(3)), "key.updated", "key_1", "127.0.0.1");
        AuditEvent revoked = log.add("e3", ago(Duration.ofDays(3)), "key.revoked", "key_1", "127.0.0.1");
        ActivityFilter keyChanges = ActivityFilter.NONE.withCategories(Set.of(EventCategory.KEY_CHANGES));
        assertThat(keyChanges.matches(changed)).isTrue();
        assertThat(keyChanges.matches(revoked)).as("revocations are their own category").isFalse();
        assertThat(ActivityFilter.NONE.withIp("198.51.100.250").matches(failed)).isTrue();
        assertThat(ActivityFilter.NONE.withIp("198.51.100.25").matches(failed)).as("exact address").isFalse();
        assertThat(ActivityFilter.NONE.withKey("key_1").matches(failed)).isFalse();
        ActivityFilter lastDay = ActivityFilter.NONE.between(ago(Duration.ofDays(1)), null);
        assertThat(lastDay.matches(changed)).isTrue();
        assertThat(lastDay.matches(revoked)).isFalse();
        ActivityFilter before = ActivityFilter.NONE.between(null, ago(Duration.ofHours(2)));
        assertThat(before.matches(failed)).as("until is exclusive").isFalse();
        assertThat(before.matches(changed)).isTrue();
        assertThat(ActivityFilter.NONE.matches(failed)).isTrue();
        assertThat(new ActivityFilter(Set.of(), " ", "", null, null).isEmpty()).isTrue();
    }

    @Test
    void theQueryCarriesEveryFilterAndAVersionOneServerGetsOneTypeAtMost() {
        ActivityFilter oneKind = new ActivityFilter(Set.of(EventCategory.FAILED_AUTH), "key_1", "10.0.0.1",
                ago(Duration.ofDays(1)), NOW);
        var q = AuditServerFilters.FULL.query(oneKind, 50);
        assertThat(q.types()).containsExactly("auth.failed");
        assertThat(q.keyId()).isEqualTo("key_1");
        assertThat(q.ip()).isEqualTo("10.0.0.1");
        assertThat(q.since()).isEqualTo(ago(Duration.ofDays(1)));
        assertThat(q.until()).isEqualTo(NOW);
        assertThat(q.limit()).isEqualTo(50);
        ActivityFilter changes = ActivityFilter.NONE.withCategories(Set.of(EventCategory.KEY_CHANGES));
        assertThat(AuditServerFilters.FULL.query(changes, 50).types())
                .containsExactly("key.created", "key.disabled", "key.enabled", "key.updated");
        assertThat(AuditServerFilters.FULL.appliedOnArrival(changes)).isEmpty();
        assertThat(AuditServerFilters.ONE_TYPE.query(changes, 50).types()).isEmpty();
        assertThat(AuditServerFilters.ONE_TYPE.query(oneKind, 50).types()).containsExactly("auth.failed");
        assertThat(AuditServerFilters.ONE_TYPE.appliedOnArrival(changes)).containsExactly("the kinds of event");
    }

    // ---- paging ---------------------------------------------------------------------------

    @Test
    void pagesNewestFirstAndCarriesTheCursor() {
        for (int i = 0; i < 450; i++) {
            log.add("e" + i, ago(Duration.ofMinutes(i)), "key.updated", "key_1", "127.0.0.1");
        }
        AuditPaging.Chunk first = AuditPaging.next(log.api(), AuditServerFilters.FULL, ActivityFilter.NONE,
                null, 100, 5, () -> false);
        assertThat(first.events()).hasSize(AuditPaging.PAGE_SIZE);
        assertThat(first.events().get(0).id()).isEqualTo("e0");
        assertThat(first.hasMore()).isTrue();
        AuditPaging.Chunk second = AuditPaging.next(log.api(), AuditServerFilters.FULL, ActivityFilter.NONE,
                first.nextCursor(), 100, 5, () -> false);
        assertThat(second.events().get(0).id()).isEqualTo("e200");
        AuditPaging.Chunk third = AuditPaging.next(log.api(), AuditServerFilters.FULL, ActivityFilter.NONE,
                second.nextCursor(), 100, 5, () -> false);
        assertThat(third.events()).hasSize(50);
        assertThat(third.hasMore()).isFalse();
    }

    @Test
    void whatTheServerCannotFilterIsPickedOutOnArrivalPagingOnUntilEnoughMatch() {
        log.oneType = true;
        for (int i = 0; i < 1000; i++) {
            log.add("e" + i, ago(Duration.ofMinutes(i)), i % 100 == 0 ? "key.revoked" : i % 100 == 1 ? "key.created"
                    : "auth.failed", "key_1", "127.0.0.1");
        }
        ActivityFilter wanted = ActivityFilter.NONE.withCategories(
                EnumSet.of(EventCategory.KEY_CHANGES, EventCategory.REVOCATIONS));
        AuditPaging.Chunk chunk = AuditPaging.next(log.api(), AuditServerFilters.FULL, wanted, null, 5, 10,
                () -> false);
        assertThat(chunk.server()).as("learnt: one type at a time").isEqualTo(AuditServerFilters.ONE_TYPE);
        assertThat(chunk.events()).as("two pages of 200, four matches each").hasSize(8)
                .allMatch(e -> !e.type().equals("auth.failed"));
        assertThat(chunk.scanned()).isEqualTo(400);
        assertThat(log.queries).hasSize(3).first().satisfies(q -> assertThat(q.types()).hasSize(5));
        assertThat(log.queries.subList(1, 3)).allSatisfy(q -> assertThat(q.types()).isEmpty());
        AuditPaging.Chunk capped = AuditPaging.next(log.api(), chunk.server(), wanted, null, 50, 2, () -> false);
        assertThat(capped.events()).hasSize(8);
        assertThat(capped.hasMore()).as("the cap, not the end").isTrue();
    }

    @Test
    void severalCategoriesAreOneQueryOnAServerThatTakesThem() {
        log.add("a", ago(Duration.ofMinutes(1)), "key.created", "key_1", null);
        log.add("b", ago(Duration.ofMinutes(2)), "auth.failed", null, "10.0.0.1");
        log.add("c", ago(Duration.ofMinutes(3)), "key.disabled", "key_1", null);
        ActivityFilter changes = ActivityFilter.NONE.withCategories(EnumSet.of(EventCategory.KEY_CHANGES));
        AuditPaging.Chunk chunk = AuditPaging.next(log.api(), AuditServerFilters.FULL, changes, null, ALL, 5,
                () -> false);
        assertThat(chunk.events()).extracting(AuditEvent::id).containsExactly("a", "c");
        assertThat(log.queries).singleElement().satisfies(q -> assertThat(q.types()).hasSize(4));
        assertThat(chunk.server()).isEqualTo(AuditServerFilters.FULL);
    }

    @Test
    void aServerWithoutAuditEventsSaysSo() {
        log.available = false;
        assertThat(AuditPaging.next(log.api(), AuditServerFilters.FULL, ActivityFilter.NONE, null, 10, 5,
                () -> false).available()).isFalse();
    }

    @Test
    void thePollAsksSinceTheNewestAndDropsWhatItHasSeen() {
        AuditEvent newest = log.add("old", ago(Duration.ofMinutes(5)), "key.updated", "key_1", null);
        log.add("older", ago(Duration.ofMinutes(9)), "key.updated", "key_1", null);
        log.add("new1", ago(Duration.ofMinutes(5)), "auth.failed", null, "10.0.0.1"); // same second
        log.add("new2", ago(Duration.ofMinutes(1)), "auth.failed", null, "10.0.0.1");
        AuditPaging.Chunk fresh = AuditPaging.since(log.api(), newest.at(), 5, Set.of("old"), () -> false);
        assertThat(fresh.events()).extracting(AuditEvent::id).containsExactly("new2", "new1");
        assertThat(log.queries).singleElement().satisfies(q -> assertThat(q.since()).isEqualTo(newest.at()));
    }

    // ---- summary --------------------------------------------------------------------------

    @Test
    void theSummaryCountsPerCategoryForTheDayAndTheWeekHourByHour() {
        log.add("a", ago(Duration.ofMinutes(10)), "auth.failed", null, "198.51.100.250");
        log.add("b", ago(Duration.ofMinutes(70)), "auth.failed", null, "198.51.100.250");
        log.add("c", ago(Duration.ofHours(30)), "auth.failed", null, "203.0.113.9");
        log.add("d", ago(Duration.ofDays(8)), "auth.failed", null, "203.0.113.9");
        log.add("e", ago(Duration.ofHours(5)), "key.used_from_new_ip", "key_1", "203.0.113.7");
        ActivitySummary s = ActivitySummary.of(log.events, NOW, false);
        assertThat(s.count(EventCategory.FAILED_AUTH, ActivitySummary.DAY)).isEqualTo(2);
        assertThat(s.count(EventCategory.FAILED_AUTH, ActivitySummary.WEEK)).isEqualTo(3);
        assertThat(s.count(EventCategory.NEW_ADDRESS, ActivitySummary.DAY)).isEqualTo(1);
        int[] day = s.perHour(EventCategory.FAILED_AUTH, 24);
        assertThat(day).hasSize(24);
        assertThat(day[23]).as("the current hour").isEqualTo(1);
        assertThat(day[22]).as("the hour before").isEqualTo(1);
        assertThat(s.perHour(EventCategory.FAILED_AUTH, 168)).hasSize(168);
        assertThat(s.topFailedAddresses(5)).extracting(ActivitySummary.AddressCount::ip)
                .containsExactly("198.51.100.250", "203.0.113.9");
        assertThat(s.topFailedAddresses(5).get(1).count()).as("only the week's").isEqualTo(1);
        assertThat(s.topFailedAddresses(1)).hasSize(1);
    }

    // ---- polling --------------------------------------------------------------------------

    @Test
    void pollingBacksOffOnFailuresHonoursRetryAfterAndResetsOnSuccess() {
        PollSchedule schedule = new PollSchedule();
        assertThat(schedule.current()).isEqualTo(PollSchedule.INTERVAL);
        assertThat(schedule.afterFailure()).isEqualTo(PollSchedule.INTERVAL.multipliedBy(2));
        assertThat(schedule.afterFailure()).isEqualTo(PollSchedule.INTERVAL.multipliedBy(4));
        for (int i = 0; i < 10; i++) {
            schedule.afterFailure();
        }
        assertThat(schedule.current()).isEqualTo(PollSchedule.CEILING);
        assertThat(schedule.afterSuccess()).isEqualTo(PollSchedule.INTERVAL);
        assertThat(schedule.afterRateLimit(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.afterRateLimit(Duration.ofSeconds(1))).as("backed off beyond a short Retry-After")
                .isEqualTo(Duration.ofMinutes(4));
        assertThat(List.of(schedule.afterSuccess())).containsExactly(PollSchedule.INTERVAL);
    }
}
