package dev.keydesk.app.expiry;

import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.core.expiry.ExpiryApplier;
import dev.keydesk.core.expiry.ExpiryCap;
import dev.keydesk.core.expiry.ExpiryChange;
import dev.keydesk.client.model.KeyPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.keydesk.app.expiry.ExpiryFixture.NOW;
import static dev.keydesk.app.expiry.ExpiryFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/** Extend and spread: the per-key preview, the policy's bounds, then the PATCHes and their outcomes. */
class ExpiryChangesViewModelTest {

    private static final Instant RECENT = NOW.minus(Duration.ofDays(2));
    private static final Instant CAP = ExpiryCap.latest(KeyPolicy.defaults(), NOW);
    private ExpiryFixture f;

    @BeforeEach
    void keys() {
        f = new ExpiryFixture();
        f.api.add(key("a", RECENT, NOW.plus(Duration.ofDays(3)), RECENT, "live"))
                .add(key("b", RECENT, NOW.plus(Duration.ofDays(350)), RECENT, "live"))
                .add(key("c", RECENT, null, RECENT, "live"));
    }

    private ExtendViewModel extend() {
        f.start();
        return f.rescheduling.extend(f.session.current().orElseThrow(), List.copyOf(f.api.keys.values()), "Test");
    }

    @Test
    void plusDaysPreviewsEachKeyCappedAtThePolicyAndSkipsTheNeverExpiring() {
        ExtendViewModel vm = extend();
        List<ExpiryChangesViewModel.Row> rows = vm.changes().rows();
        assertThat(rows).extracting(r -> r.change().note()).containsExactly(
                ExpiryChange.Note.NONE, ExpiryChange.Note.CAPPED, ExpiryChange.Note.NEVER_EXPIRES);
        assertThat(rows.get(0).change().to()).isEqualTo(NOW.plus(Duration.ofDays(33)));
        assertThat(rows.get(1).change().to()).isEqualTo(CAP);
        assertThat(vm.changes().summaryProperty().get())
                .isEqualTo("2 keys will change (1 held at the policy's limit) · 1 left as they are");
        assertThat(vm.changes().applyActionProperty().get().enabled()).isTrue();
    }

    @Test
    void inputsOutsideThePolicyAreRefusedBeforeAnythingIsSent() {
        ExtendViewModel vm = extend();
        vm.daysProperty().set(400);
        assertThat(vm.changes().inputErrorProperty().get()).contains("1 to 365 days");
        assertThat(vm.changes().applyActionProperty().get().enabled()).isFalse();
        vm.modeProperty().set(ExtendViewModel.Mode.TO_DATE);
        vm.dateProperty().set(LocalDate.of(2026, 6, 15));
        assertThat(vm.changes().inputErrorProperty().get()).isEqualTo("The new expiry must be after today");
        vm.dateProperty().set(LocalDate.of(2027, 7, 1));
        assertThat(vm.changes().inputErrorProperty().get()).startsWith("The policy allows no date after");
        assertThat(vm.dateAllowed(LocalDate.of(2027, 6, 15))).isTrue();
        assertThat(vm.dateAllowed(LocalDate.of(2027, 6, 16))).isFalse();
        vm.dateProperty().set(LocalDate.of(2026, 9, 1));
        assertThat(vm.changes().inputErrorProperty().get()).isEmpty();
        assertThat(vm.changes().toSend()).as("b already expires later").isEqualTo(1);
    }

    @Test
    void applyingPatchesTheKeysAndShowsEachOutcomeIncludingARefusal() {
        f.api.failUpdate.put("b", new PermissionDeniedException("The key holds admin:*, which you lack.", 403,
                PermissionDeniedException.ESCALATION, "req_9", null, "admin:*", null));
        ExtendViewModel vm = extend();
        int loadsBefore = f.api.listCalls;
        vm.changes().apply();
        assertThat(f.api.updates).extracting(java.util.Map.Entry::getKey).containsExactly("a");
        assertThat(f.api.keys.get("a").expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(33)));
        List<ExpiryChangesViewModel.Row> rows = vm.changes().rows();
        assertThat(rows.get(0).outcome()).isEqualTo(ExpiryApplier.Result.UPDATED);
        assertThat(rows.get(0).outcomeText()).as("as asked: the New expiry column has the date").isEqualTo("changed");
        assertThat(rows.get(1).outcome()).isEqualTo(ExpiryApplier.Result.REFUSED);
        assertThat(rows.get(1).outcomeText()).contains("holds permissions your admin key lacks");
        assertThat(rows.get(2).outcome()).as("never sent").isNull();
        assertThat(vm.changes().summaryProperty().get()).isEqualTo("1 key changed · 1 refused by the server");
        assertThat(vm.changes().phaseProperty().get()).isEqualTo(ExpiryChangesViewModel.Phase.DONE);
        assertThat(vm.changes().applyActionProperty().get().enabled()).isFalse();
        assertThat(f.api.listCalls).as("the table reloads").isGreaterThan(loadsBefore);
    }

    @Test
    void theChangesRunInTheBackgroundAndCanBeCancelled() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        f.tasks = tasks;
        f.start();
        tasks.runAll(); // the table's load
        ExtendViewModel vm = f.rescheduling.extend(f.session.current().orElseThrow(),
                List.copyOf(f.api.keys.values()), "Test");
        vm.changes().apply();
        assertThat(vm.changes().busyProperty().get()).isTrue();
        assertThat(tasks.pendingTitles()).containsExactly("Changing expiries");
        assertThat(f.api.updates).isEmpty();
        vm.changes().cancel();
        assertThat(vm.changes().busyProperty().get()).isFalse();
        assertThat(vm.changes().summaryProperty().get()).contains("Cancelled").contains("2 not sent");
        assertThat(f.api.updates).isEmpty();
    }

    @Test
    void aSpreadStartsOnTheClusterDayAndAppliesWithinThePolicy() {
        LocalDate day = LocalDate.of(2026, 7, 1);
        f.api.keys.clear();
        for (int i = 0; i < 12; i++) {
            f.api.add(key(String.format("k%02d", i), RECENT, day.atTime(9, 0).atZone(ExpiryFixture.ZONE).toInstant(),
                    RECENT, "live"));
        }
        f.start();
        SpreadViewModel vm = f.rescheduling.spread(f.session.current().orElseThrow(),
                List.copyOf(f.api.keys.values()), day);
        assertThat(vm.firstProperty().get()).isEqualTo(day);
        assertThat(vm.lastProperty().get()).isEqualTo(day.plusDays(13));
        assertThat(vm.changes().toSend()).isEqualTo(11);
        assertThat(vm.spreadTextProperty().get()).startsWith("Afterwards: 12 days, at most 1 key on one day");

        vm.firstProperty().set(LocalDate.of(2026, 6, 15));
        assertThat(vm.changes().inputErrorProperty().get()).isEqualTo("The first day must be after today");
        vm.firstProperty().set(day);
        vm.changes().apply();
        assertThat(f.api.updates).hasSize(11);
        assertThat(f.api.keys.values()).extracting(k -> LocalDate.ofInstant(k.expiresAt(), ExpiryFixture.ZONE))
                .doesNotHaveDuplicates()
                .allSatisfy(d -> assertThat(d).isBetween(day, day.plusDays(13)));
    }
}
