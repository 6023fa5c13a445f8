package dev.keydesk.app.expiry;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.ExpiryRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static dev.keydesk.app.expiry.ExpiryFixture.NOW;
import static dev.keydesk.app.expiry.ExpiryFixture.ZONE;
import static dev.keydesk.app.expiry.ExpiryFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The expiry panel's groups, its filter, its remembered state, its notice and its actions' states. */
class ExpiryPanelViewModelTest {

    private static final Instant RECENT = NOW.minus(Duration.ofDays(2));
    private ExpiryFixture f;

    @BeforeEach
    void keys() {
        f = new ExpiryFixture();
        f.api.add(key("soon", RECENT, NOW.plus(Duration.ofDays(3)), RECENT, "live"))
                .add(key("week", RECENT, NOW.plus(Duration.ofDays(7)), RECENT, "live"))
                .add(key("month", RECENT, NOW.plus(Duration.ofDays(20)), RECENT, "live"))
                .add(key("dead", RECENT, NOW.minus(Duration.ofDays(1)), RECENT, "live"))
                .add(key("never", NOW.minus(Duration.ofDays(100)), null, null, "live"))
                .add(key("oldtest", NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(200)), RECENT, "test"));
        f.start();
    }

    @Test
    void countsEveryLoadedKeyIntoItsGroups() {
        ExpiryPanelViewModel panel = f.panel();
        f.table.filterTextProperty().set("soon"); // the panel is about every key, not the filtered ones
        assertThat(panel.count(ExpiryGroup.EXPIRED)).isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.WITHIN_WEEK)).as("3 days and exactly 7").isEqualTo(2);
        assertThat(panel.count(ExpiryGroup.WITHIN_MONTH)).isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.NEVER_EXPIRES)).isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.PAST_ROTATION_AGE)).as("a 100-day test key is not due").isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.UNUSED)).isEqualTo(1);
        assertThat(panel.describe(ExpiryGroup.UNUSED)).contains("1 of them were never used");
        assertThat(panel.summaryProperty().get())
                .isEqualTo("1 expired · 2 within 7 days · 1 within 30 days · 1 never expire · 1 past rotation age · 1 unused");
    }

    @Test
    void aClickFiltersTheTableToTheGroupAndAgainOrEscapeEndsIt() {
        ExpiryPanelViewModel panel = f.panel();
        f.workspaces.show(Workspaces.Workspace.ACTIVITY);
        f.table.filterTextProperty().set("month");
        panel.show(ExpiryGroup.WITHIN_WEEK);
        assertThat(f.table.visibleRows()).extracting(KeyRow::id).containsExactlyInAnyOrder("soon", "week");
        assertThat(f.table.subsetProperty().get().label()).isEqualTo("Expire within 7 days (2)");
        assertThat(panel.activeGroupProperty().get()).isEqualTo(ExpiryGroup.WITHIN_WEEK);
        assertThat(f.workspaces.current()).as("the table is brought forward").isEqualTo(Workspaces.Workspace.KEYS);

        panel.show(ExpiryGroup.WITHIN_WEEK);
        assertThat(panel.activeGroupProperty().get()).isNull();
        assertThat(f.table.visibleRows()).hasSize(6);

        panel.show(ExpiryGroup.EXPIRED);
        f.table.clearFilters(); // Escape, Clear filters
        assertThat(panel.activeGroupProperty().get()).isNull();
        assertThat(f.table.subsetProperty().get()).isNull();
    }

    @Test
    void theGroupsFilterFollowsAReload() {
        ExpiryPanelViewModel panel = f.panel();
        panel.show(ExpiryGroup.WITHIN_WEEK);
        f.api.add(key("soon", RECENT, NOW.plus(Duration.ofDays(60)), RECENT, "live")); // extended elsewhere
        f.table.refresh();
        assertThat(f.table.visibleRows()).extracting(KeyRow::id).containsExactly("week");
        assertThat(panel.activeGroupProperty().get()).isEqualTo(ExpiryGroup.WITHIN_WEEK);
    }

    @Test
    void foldingAndTheCalendarAreRemembered() {
        ExpiryPanelViewModel panel = f.panel();
        assertThat(panel.collapsedProperty().get()).isFalse();
        panel.collapsedProperty().set(true);
        panel.calendarShownProperty().set(true);
        ExpiryPanelViewModel next = new ExpiryFixture(f.settings).start().panel();
        assertThat(next.collapsedProperty().get()).isTrue();
        assertThat(next.calendarShownProperty().get()).isTrue();
    }

    @Test
    void newRulesRecountAndAreRemembered() {
        ExpiryPanelViewModel panel = f.panel();
        panel.setRules(new ExpiryRules(90, 90, 30));
        assertThat(panel.count(ExpiryGroup.PAST_ROTATION_AGE)).as("now the test key too").isEqualTo(2);
        assertThat(f.settings.expiryRules()).isEqualTo(new ExpiryRules(90, 90, 30));
        panel.setRules(new ExpiryRules(90, 180, 1));
        assertThat(panel.count(ExpiryGroup.UNUSED)).as("used two days ago counts after one day").isEqualTo(5);
        assertThat(panel.label(ExpiryGroup.UNUSED)).isEqualTo("Unused 1+ days");
    }

    @Test
    void theNoticeComesOnceADayPerConnection() {
        ExpiryPanelViewModel panel = f.panel();
        f.table.refresh();
        assertThat(f.notices.shown()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("2 keys expire within 7 days");
            assertThat(n.text()).contains("Prod EU");
        });
        f.notices.dismiss(f.notices.shown().get(0));
        f.table.refresh();
        assertThat(f.notices.shown()).as("not again the same day").isEmpty();

        // The next day, on a new start (same settings): shown again.
        ExpiryFixture tomorrow = new ExpiryFixture(f.settings);
        tomorrow.clock = Clock.fixed(NOW.plus(Duration.ofDays(1)), ZONE);
        tomorrow.api.keys.putAll(f.api.keys);
        tomorrow.start();
        tomorrow.panel();
        tomorrow.table.refresh();
        assertThat(tomorrow.notices.shown()).hasSize(1);
        assertThat(f.settings.lastExpiryNotice("p1")).contains(java.time.LocalDate.of(2026, 6, 16));

        tomorrow.notices.shown().get(0).action().run();
        assertThat(tomorrow.table.subsetProperty().get()).as("Show them").isNotNull();
        assertThat(panel).isNotNull();
    }

    @Test
    void theNoticeIsPerConnectionAndOnlyWhenKeysExpireWithinAWeek() {
        AppSettings settings = new AppSettings(new MemoryPreferences());
        settings.setLastExpiryNotice("p1", java.time.LocalDate.of(2026, 6, 15));
        ExpiryFixture other = new ExpiryFixture(settings);
        other.api.keys.putAll(f.api.keys);
        other.start();
        other.panel();
        other.table.refresh();
        assertThat(other.notices.shown()).as("shown today for this connection already").isEmpty();
        settings.setLastExpiryNotice("p1", java.time.LocalDate.of(2026, 6, 14));
        other.table.refresh();
        assertThat(other.notices.shown()).hasSize(1);

        ExpiryFixture calm = new ExpiryFixture();
        calm.api.add(key("later", RECENT, NOW.plus(Duration.ofDays(90)), RECENT, "live"));
        calm.start();
        calm.panel();
        calm.table.refresh();
        assertThat(calm.notices.shown()).isEmpty();
    }

    @Test
    void eachGroupOffersTheActionsThatFitWithTheReasonWhenTheyCannotRun() {
        ExpiryPanelViewModel panel = f.panel();
        assertThat(GroupAction.forGroup(ExpiryGroup.WITHIN_WEEK)).containsExactly(GroupAction.EXTEND, GroupAction.ROTATE);
        assertThat(GroupAction.forGroup(ExpiryGroup.UNUSED)).containsExactly(GroupAction.FREEZE, GroupAction.REVOKE);
        assertThat(panel.actionState(ExpiryGroup.WITHIN_WEEK, GroupAction.EXTEND).enabled()).isTrue();
        assertThat(panel.actionState(ExpiryGroup.WITHIN_WEEK, GroupAction.ROTATE).enabled()).isTrue();
        assertThat(panel.actionState(ExpiryGroup.UNUSED, GroupAction.FREEZE).enabled()).isTrue();
        assertThat(panel.actionState(ExpiryGroup.EXPIRED, GroupAction.REVOKE).enabled()).isTrue();

        ExpiryFixture reader = new ExpiryFixture("access_tokens:read");
        reader.api.keys.putAll(f.api.keys);
        reader.start();
        ExpiryPanelViewModel readOnly = reader.panel();
        assertThat(readOnly.actionState(ExpiryGroup.WITHIN_WEEK, GroupAction.EXTEND).missingPermission())
                .isEqualTo("access_tokens:write");
    }

    @Test
    void rotatingAGroupOpensTheReviewWorkspaceWithItsKeys() {
        ExpiryPanelViewModel panel = f.panel();
        List<String> expected = panel.rows(ExpiryGroup.WITHIN_WEEK).stream().map(r -> r.id()).toList();
        assertThat(expected).isNotEmpty();

        panel.run(ExpiryGroup.WITHIN_WEEK, GroupAction.ROTATE, null);

        assertThat(f.reviewed).singleElement()
                .satisfies(keys -> assertThat(keys).extracting(k -> k.id()).containsExactlyElementsOf(expected));
    }

    @Test
    void revokingAGroupGoesThroughTheIncidentEngineAfterATypedConfirmation() throws Exception {
        ExpiryPanelViewModel panel = f.panel();
        f.dialogs.promptAnswer = "3"; // the wrong count: nothing happens
        panel.run(ExpiryGroup.WITHIN_WEEK, GroupAction.REVOKE, null);
        assertThat(f.dialogs.prompts).singleElement().asString().startsWith("2 keys of “Expire within 7 days”")
                .contains("Type 2 or REVOKE");
        assertThat(f.api.revoked).isEmpty();

        f.dialogs.promptAnswer = "REVOKE";
        panel.run(ExpiryGroup.WITHIN_WEEK, GroupAction.REVOKE, null);
        assertThat(f.api.revoked).containsExactlyInAnyOrder("soon", "week");
        assertThat(f.dialogs.infos).last().asString().startsWith("All 2 keys are revoked.").contains("The report is in");
        assertThat(panel.count(ExpiryGroup.WITHIN_WEEK)).as("reloaded").isZero();
        try (var reports = java.nio.file.Files.list(f.reports)) {
            assertThat(reports).as("the engine's report, one folder per run").hasSize(1);
        }
        assertThat(f.incident.busyProperty().get()).isFalse();
    }

    @Test
    void freezingAGroupAsksThenFreezesThroughTheEngine() {
        ExpiryPanelViewModel panel = f.panel();
        f.dialogs.confirmAnswer = true;
        panel.run(ExpiryGroup.UNUSED, GroupAction.FREEZE, null);
        assertThat(f.dialogs.confirmations).singleElement().asString().startsWith("Freeze 1 key?");
        assertThat(f.api.keys.get("never").status()).isEqualTo("disabled");
        assertThat(f.api.updates).singleElement().satisfies(u -> assertThat(u.getKey()).isEqualTo("never"));
    }

    @Test
    void theSelectedKeysCanBeExtendedThroughTheSamePreview() {
        ExpiryPanelViewModel panel = f.panel();
        assertThat(panel.extendSelectedState().reason()).isEqualTo("Select the keys to extend");
        f.table.reveal("month");
        assertThat(panel.extendSelectedState().enabled()).isTrue();
        panel.extendSelected(null);
        assertThat(f.expiryDialogs.extends_).singleElement()
                .satisfies(vm -> assertThat(vm.title()).isEqualTo("Extend 1 key — the selected key"));
    }

    @Test
    void extendingAGroupOpensItsPreview() {
        ExpiryPanelViewModel panel = f.panel();
        panel.run(ExpiryGroup.WITHIN_WEEK, GroupAction.EXTEND, null);
        ExtendViewModel extend = f.expiryDialogs.extends_.get(0);
        assertThat(extend.title()).isEqualTo("Extend 2 keys — Expire within 7 days");
        assertThat(extend.changes().rows()).hasSize(2);
        assertThat(f.api.updates).as("nothing is sent before Apply").isEmpty();
    }
}
