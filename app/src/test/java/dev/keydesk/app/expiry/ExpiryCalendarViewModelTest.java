package dev.keydesk.app.expiry;

import dev.keydesk.app.keys.KeyRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import static dev.keydesk.app.expiry.ExpiryFixture.NOW;
import static dev.keydesk.app.expiry.ExpiryFixture.ZONE;
import static dev.keydesk.app.expiry.ExpiryFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The calendar: counts per day, clusters, the selected day's keys, opening one, spreading. */
class ExpiryCalendarViewModelTest {

    private static final Instant RECENT = NOW.minus(Duration.ofDays(2));
    private static final LocalDate CLUSTER = LocalDate.of(2026, 8, 3);

    private ExpiryFixture withCluster(String... held) {
        ExpiryFixture f = new ExpiryFixture(held);
        for (int i = 0; i < 12; i++) {
            f.api.add(key("c" + i, RECENT, CLUSTER.atTime(9, i).atZone(ZONE).toInstant(), RECENT, "live"));
        }
        for (int i = 1; i <= 6; i++) {
            f.api.add(key("s" + i, RECENT, NOW.plus(Duration.ofDays(i * 20L)), RECENT, "live"));
        }
        f.api.add(key("past", RECENT, NOW.minus(Duration.ofDays(3)), RECENT, "live"));
        f.api.add(key("past2", RECENT, NOW.minus(Duration.ofDays(3)), RECENT, "live"));
        return f.start();
    }

    @Test
    void countsPerDayAndShowsTheCluster() {
        ExpiryCalendarViewModel vm = withCluster().calendar();
        assertThat(vm.count(CLUSTER)).isEqualTo(12);
        assertThat(vm.level(CLUSTER)).isEqualTo(ExpiryCalendarViewModel.Level.CLUSTER);
        assertThat(vm.level(LocalDate.ofInstant(NOW.plus(Duration.ofDays(20)), ZONE)))
                .isEqualTo(ExpiryCalendarViewModel.Level.ONE);
        assertThat(vm.level(LocalDate.of(2026, 6, 12))).as("two expired ones")
                .isEqualTo(ExpiryCalendarViewModel.Level.FEW);
        assertThat(vm.clusters()).singleElement().satisfies(c -> {
            assertThat(c.day()).isEqualTo(CLUSTER);
            assertThat(c.count()).isEqualTo(12);
        });
        assertThat(vm.stripMonths()).hasSize(12).first().isEqualTo(YearMonth.of(2026, 6));
        assertThat(vm.total(YearMonth.of(2026, 8))).as("the cluster and one more").isEqualTo(13);
        assertThat(vm.describe(CLUSTER)).endsWith("12 keys expire — a cluster");
    }

    @Test
    void selectingADayListsItsKeysAndShowsItsMonth() {
        ExpiryCalendarViewModel vm = withCluster().calendar();
        assertThat(vm.monthProperty().get()).isEqualTo(YearMonth.of(2026, 6));
        vm.select(CLUSTER);
        assertThat(vm.monthProperty().get()).isEqualTo(YearMonth.of(2026, 8));
        assertThat(vm.dayRows()).hasSize(12).extracting(KeyRow::id).startsWith("c0", "c1");
        assertThat(vm.dayTitleProperty().get()).contains("12 keys expire — a cluster");
        assertThat(vm.spreadActionProperty().get().enabled()).isTrue();
        assertThat(vm.dayCountProperty().get()).isEqualTo(12);
    }

    @Test
    void openingADaysKeySelectsItInTheTable() {
        ExpiryFixture f = withCluster();
        ExpiryCalendarViewModel vm = f.calendar();
        vm.select(CLUSTER);
        assertThat(vm.open(vm.dayRows().get(3))).isTrue();
        assertThat(f.table.focusedProperty().get().id()).isEqualTo("c3");
    }

    @Test
    void spreadingNeedsTwoKeysAFutureDayAndTheWritePermission() {
        ExpiryCalendarViewModel vm = withCluster().calendar();
        vm.select(LocalDate.ofInstant(NOW.plus(Duration.ofDays(20)), ZONE));
        assertThat(vm.spreadActionProperty().get().reason()).contains("at least two keys");
        vm.select(LocalDate.of(2026, 6, 12));
        assertThat(vm.spreadActionProperty().get().reason()).contains("expired");
        ExpiryCalendarViewModel readOnly = withCluster("access_tokens:read").calendar();
        readOnly.select(CLUSTER);
        assertThat(readOnly.spreadActionProperty().get().missingPermission()).isEqualTo("access_tokens:write");
    }

    @Test
    void spreadOpensThePreviewForTheDaysKeys() {
        ExpiryFixture f = withCluster();
        ExpiryCalendarViewModel vm = f.calendar();
        vm.select(CLUSTER);
        vm.spread(null);
        SpreadViewModel spread = f.expiryDialogs.spreads.get(0);
        assertThat(spread.title()).startsWith("Spread 12 keys expiring on");
        spread.changes().apply();
        assertThat(vm.count(CLUSTER)).as("the calendar follows the reload").isEqualTo(1);
        assertThat(vm.clusters()).isEmpty();
    }
}
