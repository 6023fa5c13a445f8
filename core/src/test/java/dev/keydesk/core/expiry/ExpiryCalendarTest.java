package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting expiries per day and telling the clusters. */
class ExpiryCalendarTest {

    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate LAST = FIRST.plusYears(1).minusDays(1);

    private static void onDay(List<ApiKey> keys, LocalDate day, int n) {
        for (int i = 0; i < n; i++) {
            keys.add(Keys.expiring(day + "-" + i, day.atTime(10, i).atZone(ZONE).toInstant()));
        }
    }

    @Test
    void countsKeysPerLocalDayAndSkipsNeverExpiring() {
        List<ApiKey> keys = new ArrayList<>();
        onDay(keys, FIRST, 2);
        keys.add(Keys.expiring("never", null));
        // 23:30 UTC on the 1st is the 2nd in Berlin.
        keys.add(Keys.expiring("late", FIRST.atTime(23, 30).atZone(ZONE).toInstant()));
        ExpiryCalendar utc = ExpiryCalendar.of(keys, ZONE);
        assertThat(utc.count(FIRST)).isEqualTo(3);
        ExpiryCalendar berlin = ExpiryCalendar.of(keys, ZoneId.of("Europe/Berlin"));
        assertThat(berlin.count(FIRST)).isEqualTo(2);
        assertThat(berlin.count(FIRST.plusDays(1))).isEqualTo(1);
        assertThat(utc.total(FIRST, LAST)).isEqualTo(3);
    }

    @Test
    void twelveOnOneDayAmongSinglesIsACluster() {
        List<ApiKey> keys = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            onDay(keys, FIRST.plusDays(d * 7L), 1);
        }
        LocalDate day = FIRST.plusDays(100);
        onDay(keys, day, 12);
        ExpiryCalendar calendar = ExpiryCalendar.of(keys, ZONE);
        assertThat(calendar.clusters(FIRST, LAST)).containsExactly(new ExpiryCalendar.Cluster(day, 12));
        assertThat(calendar.isCluster(day, FIRST, LAST)).isTrue();
        assertThat(calendar.busiest(FIRST, LAST)).isEqualTo(12);
    }

    @Test
    void fewerThanFiveIsNeverACluster() {
        List<ApiKey> keys = new ArrayList<>();
        onDay(keys, FIRST, 4);
        onDay(keys, FIRST.plusDays(9), 1);
        assertThat(ExpiryCalendar.of(keys, ZONE).clusters(FIRST, LAST)).isEmpty();
    }

    @Test
    void onBusyServersOnlyDaysWellAboveTheAverageDayStandOut() {
        List<ApiKey> keys = new ArrayList<>();
        for (int d = 0; d < 365; d++) {
            onDay(keys, FIRST.plusDays(d), 8);
        }
        onDay(keys, FIRST.plusDays(40), 15); // 23 that day
        onDay(keys, FIRST.plusDays(41), 22); // 30 that day
        ExpiryCalendar calendar = ExpiryCalendar.of(keys, ZONE);
        assertThat(calendar.clusterThreshold(FIRST, LAST)).as("three times the average day, about 8").isEqualTo(25);
        assertThat(calendar.isCluster(FIRST, FIRST, LAST)).as("8 on an ordinary day of 8").isFalse();
        assertThat(calendar.clusters(FIRST, LAST)).extracting(ExpiryCalendar.Cluster::count).containsExactly(30);
    }

    @Test
    void twoClustersDoNotHideEachOther() {
        List<ApiKey> keys = new ArrayList<>();
        onDay(keys, FIRST.plusDays(10), 12);
        onDay(keys, FIRST.plusDays(50), 12);
        for (int d = 0; d < 12; d++) {
            onDay(keys, FIRST.plusDays(100 + d * 9L), 1);
        }
        assertThat(ExpiryCalendar.of(keys, ZONE).clusters(FIRST, LAST)).hasSize(2);
    }

    @Test
    void aRangeWithOnlyOneDayOfExpiriesShowsItAsTheCluster() {
        List<ApiKey> keys = new ArrayList<>();
        onDay(keys, FIRST.plusDays(3), 12);
        assertThat(ExpiryCalendar.of(keys, ZONE).clusters(FIRST, LAST)).hasSize(1);
    }

    @Test
    void daysOutsideTheRangeAreNotClusters() {
        List<ApiKey> keys = new ArrayList<>();
        onDay(keys, FIRST.minusDays(3), 12);
        ExpiryCalendar calendar = ExpiryCalendar.of(keys, ZONE);
        assertThat(calendar.isCluster(FIRST.minusDays(3), FIRST, LAST)).isFalse();
        assertThat(calendar.keysOn(FIRST.minusDays(3))).hasSize(12);
    }
}
