package dev.keydesk.app.editor;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EditKeyViewModelTest {

    private final ApiKey key = FakeKeys.key("key_1", "Reporting", Instant.parse("2027-01-10T12:00:00Z"), null,
            "datasets:read", "jobs:read");
    private final FakeKeys api = new FakeKeys().add(key);
    private final EditKeyViewModel vm = new EditKeyViewModel(api, key.id(), Catalog.builtIn(), KeyPolicy.defaults(),
            x -> true, new CurrentThreadTaskRunner(), CreateKeyViewModelTest.CLOCK);
    private int saved;

    private static Permission p(String s) {
        return Permission.parse(s);
    }

    @Test
    void loadsFreshAndSavesOnlyChangedFieldsWithTheEtag() {
        vm.load();
        assertThat(vm.nameProperty().get()).isEqualTo("Reporting");
        assertThat(vm.canSave()).isFalse();
        assertThat(vm.changeSummaryProperty().get()).isEqualTo("No changes");
        vm.matrix().setSelected(p("jobs:write"), true);
        vm.matrix().setSelected(p("datasets:read"), false);
        assertThat(vm.matrix().diffTextProperty().get()).isEqualTo("Adds: jobs:write · Removes: datasets:read");
        assertThat(vm.changeSummaryProperty().get()).isEqualTo("Changes: +1 permission, \u22121 permission");
        vm.save(() -> saved++);
        assertThat(saved).isEqualTo(1);
        KeyUpdateParams sent = api.updates.get(0).getValue();
        assertThat(sent.permissions()).hasValue(List.of(p("jobs:read"), p("jobs:write")));
        assertThat(sent.name()).isEmpty();
        assertThat(sent.description()).isEmpty();
        assertThat(sent.expiresAtSet()).isFalse();
        assertThat(sent.status()).isEmpty();
        assertThat(vm.matrix().hasPermissionChanges()).isFalse();
    }

    @Test
    void statusAndExpiryAreSentOnlyWhenChanged() {
        vm.load();
        vm.activeProperty().set(false);
        vm.expiry().pickDays(30);
        assertThat(vm.changeSummaryProperty().get()).isEqualTo("Changes: expiry, disable");
        vm.save(() -> saved++);
        assertThat(api.updates.get(0).getValue().status()).hasValue("disabled");
        assertThat(api.updates.get(0).getValue().expiresAtSet()).isTrue();
        assertThat(api.updates.get(0).getValue().permissions()).isEmpty();
    }

    @Test
    void aStaleSaveShowsTheConflictAndReloadShowsTheirs() {
        vm.load();
        vm.nameProperty().set("Mine");
        api.changeBehindTheBack(key.id(), k -> withName(k, "Theirs"));
        vm.save(() -> saved++);
        assertThat(saved).isZero();
        assertThat(vm.conflictProperty().get()).isTrue();
        assertThat(vm.generalErrorProperty().get())
                .isEqualTo("Someone else changed this key since you opened it. Nothing was saved.");
        assertThat(vm.canSave()).isFalse();
        assertThat(api.keys.get(key.id()).name()).isEqualTo("Theirs");
        vm.reload();
        assertThat(vm.conflictProperty().get()).isFalse();
        assertThat(vm.nameProperty().get()).isEqualTo("Theirs");
        assertThat(vm.hasChanges()).isFalse();
    }

    @Test
    void withoutAnEtagAChangeByOthersIsStillCaughtBeforeSaving() {
        api.noEtags = true;
        vm.load();
        vm.nameProperty().set("Mine");
        api.changeBehindTheBack(key.id(), k -> withName(k, "Theirs"));
        vm.save(() -> saved++);
        assertThat(saved).isZero();
        assertThat(vm.conflictProperty().get()).isTrue();
        assertThat(api.updates).as("nothing sent over their change").isEmpty();
        assertThat(api.keys.get(key.id()).name()).isEqualTo("Theirs");

        vm.reapply();
        vm.save(() -> saved++);
        assertThat(saved).as("unchanged since the reload: saved").isEqualTo(1);
        assertThat(api.keys.get(key.id()).name()).isEqualTo("Mine");
    }

    @Test
    void withoutAnEtagAKeyThatExpiredMeanwhileIsNotSomeoneElsesEdit() {
        ApiKey a = key;
        ApiKey expired = new ApiKey(a.id(), a.name(), a.prefix(), a.permissions(), a.createdAt(), a.expiresAt(),
                a.lastUsed(), a.usage(), a.description(), a.type(), "expired", a.createdBy(), a.lastUsedIp());
        ApiKey disabled = new ApiKey(a.id(), a.name(), a.prefix(), a.permissions(), a.createdAt(), a.expiresAt(),
                a.lastUsed(), a.usage(), a.description(), a.type(), "disabled", a.createdBy(), a.lastUsedIp());
        assertThat(EditKeyViewModel.sameEditableFields(a, expired)).isTrue();
        assertThat(EditKeyViewModel.sameEditableFields(a, disabled)).as("disabled by someone").isFalse();
        assertThat(EditKeyViewModel.sameEditableFields(a, withName(a, "Theirs"))).isFalse();
    }

    @Test
    void reapplyPutsMyChangesOnTopOfTheirsAndShowsTheDiffAgain() {
        vm.load();
        vm.matrix().setSelected(p("jobs:write"), true);
        vm.matrix().setSelected(p("datasets:read"), false);
        api.changeBehindTheBack(key.id(), k -> withPermissions(withName(k, "Theirs"),
                List.of(p("datasets:read"), p("jobs:read"), p("views:read"))));
        vm.save(() -> saved++);
        assertThat(vm.conflictProperty().get()).isTrue();
        vm.reapply();
        assertThat(vm.conflictProperty().get()).isFalse();
        assertThat(vm.nameProperty().get()).isEqualTo("Theirs");
        assertThat(vm.matrix().selection()).containsExactlyInAnyOrder(p("jobs:read"), p("views:read"), p("jobs:write"));
        assertThat(vm.matrix().diffTextProperty().get()).isEqualTo("Adds: jobs:write · Removes: datasets:read");
        assertThat(saved).isZero();
        vm.save(() -> saved++);
        assertThat(saved).isEqualTo(1);
        assertThat(api.keys.get(key.id()).permissions())
                .containsExactlyInAnyOrder(p("jobs:read"), p("views:read"), p("jobs:write"));
        assertThat(api.keys.get(key.id()).name()).isEqualTo("Theirs");
    }

    @Test
    void aFailedSaveIsPassedToTheConnectionFailuresAndStillShownInTheForm() {
        List<Throwable> reported = new ArrayList<>();
        EditKeyViewModel vm = new EditKeyViewModel(api, key.id(), Catalog.builtIn(), KeyPolicy.defaults(),
                x -> true, new CurrentThreadTaskRunner(), CreateKeyViewModelTest.CLOCK, reported::add);
        vm.load();
        vm.nameProperty().set("Mine");
        UnauthorizedException unauthorized = new UnauthorizedException("Admin key revoked", 401, "unauthorized",
                "req_1", null, null);
        api.nextFailure = unauthorized;

        vm.save(() -> saved++);

        assertThat(reported).containsExactly(unauthorized);
        assertThat(saved).isZero();
        assertThat(vm.generalErrorProperty().get()).isNotBlank();
        assertThat(vm.conflictProperty().get()).isFalse();
        assertThat(vm.nameProperty().get()).isEqualTo("Mine");
        assertThat(vm.hasUnsavedChanges()).isTrue();
    }

    @Test
    void aFailedLoadIsPassedToTheConnectionFailuresToo() {
        List<Throwable> reported = new ArrayList<>();
        EditKeyViewModel vm = new EditKeyViewModel(api, key.id(), Catalog.builtIn(), KeyPolicy.defaults(),
                x -> true, new CurrentThreadTaskRunner(), CreateKeyViewModelTest.CLOCK, reported::add);
        UnauthorizedException unauthorized = new UnauthorizedException("Admin key revoked", 401, "unauthorized",
                "req_1", null, null);
        api.nextFailure = unauthorized;

        vm.load();

        assertThat(reported).containsExactly(unauthorized);
        assertThat(vm.generalErrorProperty().get()).isNotBlank();
        assertThat(vm.loadedProperty().get()).isFalse();
    }

    @Test
    void unsavedChangesAreThoseNotYetSavedAndNoneBeforeLoading() {
        assertThat(vm.hasUnsavedChanges()).isFalse();
        vm.load();
        assertThat(vm.hasUnsavedChanges()).isFalse();

        vm.nameProperty().set("Reporting v2");
        assertThat(vm.hasUnsavedChanges()).isTrue();
        vm.nameProperty().set("Reporting");
        assertThat(vm.hasUnsavedChanges()).as("typed back to what it was").isFalse();

        vm.matrix().setSelected(p("jobs:write"), true);
        assertThat(vm.hasUnsavedChanges()).isTrue();
        vm.save(() -> saved++);
        assertThat(vm.hasUnsavedChanges()).as("after a save").isFalse();

        vm.activeProperty().set(false);
        assertThat(vm.hasUnsavedChanges()).isTrue();
        api.changeBehindTheBack(key.id(), k -> withName(k, "Theirs"));
        vm.save(() -> saved++);
        assertThat(vm.conflictProperty().get()).isTrue();
        assertThat(vm.hasUnsavedChanges()).as("a conflict saved nothing").isTrue();
        vm.reload();
        assertThat(vm.hasUnsavedChanges()).as("reloaded: the changes were discarded").isFalse();
    }

    private static ApiKey withName(ApiKey k, String name) {
        return new ApiKey(k.id(), name, k.prefix(), k.permissions(), k.createdAt(), k.expiresAt(), k.lastUsed(),
                k.usage(), k.description(), k.type(), k.status(), k.createdBy(), k.lastUsedIp());
    }

    private static ApiKey withPermissions(ApiKey k, List<Permission> perms) {
        return new ApiKey(k.id(), k.name(), k.prefix(), perms, k.createdAt(), k.expiresAt(), k.lastUsed(),
                k.usage(), k.description(), k.type(), k.status(), k.createdBy(), k.lastUsedIp());
    }
}
