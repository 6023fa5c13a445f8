package dev.keydesk.app.keys;

import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.client.model.ApiKey;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.client.error.ServerException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyTableViewModelTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeKeys api = new FakeKeys();
    private FixedSession session;

    @BeforeEach
    void keys() {
        api.add(FakeKeys.key("key_1", "Ingestion worker", NOW.plus(Duration.ofDays(5)), NOW, "datasets:write"))
                .add(FakeKeys.key("key_2", "BI dashboard", NOW.plus(Duration.ofDays(100)), null, "queries:read"))
                .add(FakeKeys.key("key_3", "Break glass", null, null, "admin:*"));
        session = new FixedSession(FakeKeys.connection(api, "admin:*"));
    }

    private KeyTableViewModel vm() {
        return new KeyTableViewModel(session, new CurrentThreadTaskRunner(), clock);
    }

    @Test
    void loadsTheServersKeysWhenConnected() {
        KeyTableViewModel vm = vm();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(vm.rows()).extracting(KeyRow::id).containsExactly("key_1", "key_2", "key_3");
        assertThat(vm.countTextProperty().get()).isEqualTo("3 keys");
        assertThat(vm.lastRefreshProperty().get()).isEqualTo(NOW);
        assertThat(vm.emptyProperty().get()).isFalse();
    }

    @Test
    void filterNarrowsAndClearFiltersRestores() {
        KeyTableViewModel vm = vm();
        vm.filterTextProperty().set("dashboard");
        assertThat(vm.visibleRows()).extracting(KeyRow::id).containsExactly("key_2");
        assertThat(vm.countTextProperty().get()).isEqualTo("1 of 3 keys");
        vm.filterTextProperty().set("");
        vm.resourceFilterProperty().set("datasets");
        assertThat(vm.visibleRows()).extracting(KeyRow::id).containsExactly("key_1", "key_3");
        vm.expiringWithinDaysProperty().set(7);
        assertThat(vm.visibleRows()).extracting(KeyRow::id).containsExactly("key_1");
        vm.filterTextProperty().set("zzz");
        assertThat(vm.noMatchesProperty().get()).isTrue();
        vm.clearFilters();
        assertThat(vm.visibleRows()).hasSize(3);
        assertThat(vm.currentFilter().isEmpty()).isTrue();
    }

    @Test
    void cancellingTheFirstLoadDoesNotClaimThereAreNoKeys() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        KeyTableViewModel vm = new KeyTableViewModel(session, tasks, clock);
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.LOADING);

        vm.cancelLoad();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.CANCELLED);
        assertThat(vm.emptyProperty().get()).as("the server has keys; none were loaded").isFalse();
        assertThat(vm.rows()).isEmpty();

        vm.refresh();
        tasks.runNewest();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void cancellingALaterLoadKeepsWhatWasShown() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        KeyTableViewModel vm = new KeyTableViewModel(session, tasks, clock);
        tasks.runNewest();
        vm.refresh();
        vm.cancelLoad();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void aSubsetNarrowsTheTableOnTopOfTheFiltersAndClearFiltersEndsIt() {
        KeyTableViewModel vm = vm();
        vm.filterTextProperty().set("dashboard");
        vm.showSubset(new KeySubset("Expire within 7 days (1)", java.util.Set.of("key_1")));
        assertThat(vm.filterTextProperty().get()).as("showing a subset starts from every key").isEmpty();
        assertThat(vm.visibleRows()).extracting(KeyRow::id).containsExactly("key_1");
        assertThat(vm.hasFilters()).isTrue();
        assertThat(vm.currentFilter().isEmpty()).as("the subset is not a KeyFilter part").isTrue();

        vm.filterTextProperty().set("zzz");
        assertThat(vm.visibleRows()).as("filters apply on top").isEmpty();
        vm.filterTextProperty().set("");
        vm.replaceSubset(new KeySubset("Never expire (1)", java.util.Set.of("key_3")));
        assertThat(vm.visibleRows()).extracting(KeyRow::id).containsExactly("key_3");

        vm.clearFilters();
        assertThat(vm.subsetProperty().get()).isNull();
        assertThat(vm.visibleRows()).hasSize(3);
        assertThat(vm.hasFilters()).isFalse();
    }

    @Test
    void theRevokedStatusIsUnavailableWithTheReasonWhereTheServerCannotListThem() {
        api.capabilities = dev.keydesk.client.Capabilities.of(dev.keydesk.client.Dialect.KEYDESK, java.util.Map.of(
                dev.keydesk.client.Capability.REVOKED_LIST, "This server does not list revoked keys."));
        KeyTableViewModel vm = vm();
        assertThat(KeyTableViewModel.statusChoices()).extracting(Choice::label).contains("Revoked");
        assertThat(vm.revokedFilterProperty().get().enabled()).isFalse();
        assertThat(vm.revokedFilterProperty().get().reason()).isEqualTo("This server does not list revoked keys.");
        vm.statusFilterProperty().set("revoked");
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.ERROR);
        assertThat(vm.errorProperty().get().title()).isEqualTo("Revoked keys cannot be listed");
        assertThat(vm.rows()).isEmpty();
        vm.clearFilters();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void theRevokedStatusListsTheHistoryWithWhoAndWhen() {
        ApiKey gone = new ApiKey("key_old", "Old partner key", "sk_live_old", List.of(), NOW.minus(Duration.ofDays(90)),
                null, null, null, null, "live", "revoked", "key_boot", null, NOW.minus(Duration.ofDays(3)), "key_admin");
        api.revokedKeys.put(gone.id(), gone);
        KeyTableViewModel vm = vm();
        assertThat(vm.revokedFilterProperty().get().enabled()).isTrue();
        vm.statusFilterProperty().set("revoked");
        assertThat(vm.showingRevokedProperty().get()).isTrue();
        assertThat(vm.rows()).singleElement().satisfies(r -> {
            assertThat(r.revokedText()).isEqualTo("3 days ago");
            assertThat(r.revokedBy()).isEqualTo("key_admin");
        });
        assertThat(vm.visibleRows()).hasSize(1);
        vm.select(List.copyOf(vm.rows()), vm.rows().get(0));
        assertThat(vm.editActionProperty().get().reason()).isEqualTo("Revoked keys cannot be changed");
        assertThat(vm.revokeActionProperty().get().enabled()).isFalse();
        vm.statusFilterProperty().set(null);
        assertThat(vm.showingRevokedProperty().get()).isFalse();
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void revealSelectsAKeyAndClearsFiltersThatHideIt() {
        KeyTableViewModel vm = vm();
        vm.filterTextProperty().set("dashboard");
        int before = vm.revealedProperty().get();
        assertThat(vm.reveal("key_3")).isTrue();
        assertThat(vm.filterTextProperty().get()).isEmpty();
        assertThat(vm.selected()).extracting(KeyRow::id).containsExactly("key_3");
        assertThat(vm.focusedProperty().get().id()).isEqualTo("key_3");
        assertThat(vm.revealedProperty().get()).isEqualTo(before + 1);

        vm.filterTextProperty().set("break");
        assertThat(vm.reveal("key_3")).isTrue();
        assertThat(vm.filterTextProperty().get()).as("a filter that shows the key stays").isEqualTo("break");
        assertThat(vm.reveal("key_gone")).isFalse();
    }

    @Test
    void revokeAllShownNeedsShownKeysAndTheWritePermission() {
        KeyTableViewModel vm = vm();
        assertThat(vm.revokeAllShownActionProperty().get().enabled()).isTrue();
        vm.filterTextProperty().set("zzz");
        assertThat(vm.revokeAllShownActionProperty().get().reason()).isEqualTo("No keys are shown");
        vm.filterTextProperty().set("");
        assertThat(vm.revokeAllShownActionProperty().get().enabled()).isTrue();
        session.set(FakeKeys.connection(api, "access_tokens:read"));
        assertThat(vm.revokeAllShownActionProperty().get().missingPermission()).isEqualTo("access_tokens:write");
    }

    @Test
    void anyNumberOfDaysCanBeTypedIntoTheExpiryFilter() {
        assertThat(KeyTableViewModel.parseExpiryChoice("14")).contains(new Choice<>("Expiring in 14 days", 14));
        assertThat(KeyTableViewModel.parseExpiryChoice(" 14 days ")).map(Choice::value).contains(14);
        assertThat(KeyTableViewModel.parseExpiryChoice("Expiring in 1 day")).map(Choice::value).contains(1);
        assertThat(KeyTableViewModel.parseExpiryChoice("")).contains(new Choice<>("Any expiry", null));
        assertThat(KeyTableViewModel.parseExpiryChoice("0")).isEmpty();
        assertThat(KeyTableViewModel.parseExpiryChoice("soon")).isEmpty();
        assertThat(KeyTableViewModel.parseExpiryChoice("-3")).isEmpty();
    }

    @Test
    void emptyServerShowsTheEmptyState() {
        api.keys.clear();
        KeyTableViewModel vm = vm();
        assertThat(vm.emptyProperty().get()).isTrue();
        assertThat(vm.noMatchesProperty().get()).isFalse();
    }

    @Test
    void failedLoadShowsTheErrorStateAndRetryRecovers() {
        api.failList = new ServerException("boom", 503, "internal_error", "req_9", null, null);
        KeyTableViewModel vm = vm();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.ERROR);
        assertThat(vm.errorProperty().get()).isNotNull();
        assertThat(vm.errorProperty().get().whatToDo()).isNotBlank();
        api.failList = null;
        vm.refresh();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void connectionFailuresAreReportedToTheConnection() {
        api.failList = new ServerException("boom", 503, "internal_error", "req_9", null, null);
        List<Throwable> reported = new java.util.ArrayList<>();
        new KeyTableViewModel(session, new CurrentThreadTaskRunner(), clock, e -> reported.add(e));
        assertThat(reported).containsExactly(api.failList);
    }

    @Test
    void selectionSurvivesARefresh() {
        KeyTableViewModel vm = vm();
        KeyRow second = vm.rows().get(1);
        vm.select(List.of(second), second);
        vm.refresh();
        assertThat(vm.selected()).extracting(KeyRow::id).containsExactly("key_2");
        assertThat(vm.selected().get(0)).isNotSameAs(second); // the new row for the same key
        assertThat(vm.focusedProperty().get().id()).isEqualTo("key_2");
    }

    @Test
    void selectionOfAKeyThatWentAwayIsDropped() {
        KeyTableViewModel vm = vm();
        vm.select(List.of(vm.rows().get(0)), vm.rows().get(0));
        api.keys.remove("key_1");
        vm.refresh();
        assertThat(vm.selected()).isEmpty();
        assertThat(vm.focusedProperty().get()).isNull();
    }

    @Test
    void reloadsWhenTheConnectionChangesAndClearsWhenItIsGone() {
        KeyTableViewModel vm = vm();
        assertThat(api.listCalls).isEqualTo(1);
        FakeKeys other = new FakeKeys().add(FakeKeys.key("key_9", "Elsewhere", null, null, "jobs:read"));
        session.set(FakeKeys.connection(other, "admin:*"));
        assertThat(vm.rows()).extracting(KeyRow::id).containsExactly("key_9");
        session.set(null);
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.IDLE);
        assertThat(vm.createActionProperty().get().enabled()).isFalse();
    }

    @Test
    void actionsNeedTheRightSelection() {
        KeyTableViewModel vm = vm();
        assertThat(vm.createActionProperty().get().enabled()).isTrue();
        assertThat(vm.editActionProperty().get().enabled()).isFalse();
        assertThat(vm.editActionProperty().get().reason()).contains("Select");
        assertThat(vm.revokeActionProperty().get().enabled()).isFalse();
        vm.select(List.of(vm.rows().get(0)), null);
        assertThat(vm.editActionProperty().get().enabled()).isTrue();
        assertThat(vm.revokeActionProperty().get().enabled()).isTrue();
        vm.select(List.copyOf(vm.rows()), null);
        assertThat(vm.editActionProperty().get().enabled()).isFalse();
        assertThat(vm.revokeActionProperty().get().enabled()).isTrue();
    }

    @Test
    void aReadOnlyAdminKeyCannotCreateEditOrRevokeAndIsToldWhy() {
        session.set(FakeKeys.connection(api, "access_tokens:read"));
        KeyTableViewModel vm = vm();
        vm.select(List.of(vm.rows().get(0)), null);
        for (ActionState s : List.of(vm.createActionProperty().get(), vm.editActionProperty().get(),
                vm.revokeActionProperty().get())) {
            assertThat(s.enabled()).isFalse();
            assertThat(s.reason()).contains("access_tokens:write");
            assertThat(s.menuText("Edit…")).isEqualTo("Edit…  (needs access_tokens:write)");
        }
        assertThat(ActionState.blocked("Select a key to edit").menuText("Edit…"))
                .as("only a missing permission goes into a menu item's text").isEqualTo("Edit…");
        assertThat(vm.refreshActionProperty().get().enabled()).isTrue();
    }

    @Test
    void withoutReadTheListIsNotRequestedAndTheReasonIsShown() {
        session.set(FakeKeys.connection(api, "access_tokens:write"));
        KeyTableViewModel vm = vm();
        assertThat(api.listCalls).isZero();
        assertThat(vm.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.ERROR);
        assertThat(vm.errorProperty().get().whatHappened()).contains("access_tokens:read");
        assertThat(vm.refreshActionProperty().get().reason()).contains("access_tokens:read");
    }
}
