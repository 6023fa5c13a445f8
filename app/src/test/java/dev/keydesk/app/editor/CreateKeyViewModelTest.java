package dev.keydesk.app.editor;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CreateKeyViewModelTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private final FakeKeys api = new FakeKeys();
    private final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    private final List<CreatedKey> created = new ArrayList<>();

    private CreateKeyViewModel vm(KeyPolicy policy) {
        return new CreateKeyViewModel(api, Catalog.builtIn(), policy, p -> true, new CurrentThreadTaskRunner(),
                dialogs, CLOCK);
    }

    private CreateKeyViewModel filled() {
        CreateKeyViewModel vm = vm(KeyPolicy.defaults());
        vm.nameProperty().set("Billing backend");
        vm.matrix().setSelected(Permission.parse("datasets:read"), true);
        return vm;
    }

    @Test
    void nameIsRequiredBoundedAndWithoutControlCharacters() {
        CreateKeyViewModel vm = vm(KeyPolicy.defaults());
        vm.matrix().setSelected(Permission.parse("datasets:read"), true);
        assertThat(vm.isValid()).isFalse();
        assertThat(vm.nameErrorProperty().get()).isEqualTo("A name is required");
        vm.nameProperty().set("x".repeat(101));
        assertThat(vm.nameErrorProperty().get()).startsWith("At most 100 characters");
        vm.nameProperty().set("two\nlines");
        assertThat(vm.nameErrorProperty().get()).contains("control characters");
        vm.nameProperty().set("ok");
        assertThat(vm.isValid()).isTrue();
        vm.descriptionProperty().set("d".repeat(501));
        assertThat(vm.isValid()).isFalse();
        assertThat(vm.descriptionErrorProperty().get()).startsWith("At most 500");
    }

    @Test
    void onlyWhatThePersonTypedOrChoseCountsAsUnsaved() {
        CreateKeyViewModel vm = vm(KeyPolicy.defaults());
        vm.typeProperty().set("test");
        vm.expiry().pickDays(90);
        assertThat(vm.hasUnsavedInput()).as("defaults and their tweaks alone").isFalse();

        vm.nameProperty().set("  ");
        assertThat(vm.hasUnsavedInput()).as("blank name").isFalse();
        vm.nameProperty().set("n");
        assertThat(vm.hasUnsavedInput()).isTrue();
        vm.nameProperty().set("");

        vm.descriptionProperty().set("for the nightly export");
        assertThat(vm.hasUnsavedInput()).isTrue();
        vm.descriptionProperty().set("");

        vm.matrix().setSelected(Permission.parse("datasets:read"), true);
        assertThat(vm.hasUnsavedInput()).isTrue();
    }

    @Test
    void permissionsAreRequired() {
        CreateKeyViewModel vm = vm(KeyPolicy.defaults());
        vm.nameProperty().set("n");
        assertThat(vm.permissionsErrorProperty().get()).isEqualTo("Choose at least one permission");
        assertThat(vm.isValid()).isFalse();
    }

    @Test
    void expiryDefaultsFromPolicyAndIsLimitedByIt() {
        CreateKeyViewModel vm = vm(new KeyPolicy(180, 60, true, List.of("live", "test")));
        ExpiryModel e = vm.expiry();
        assertThat(e.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 22).plusDays(60));
        assertThat(e.quickPicks()).containsExactly(30, 90, 180);
        assertThat(e.neverAllowed()).isFalse();
        assertThat(e.dateAllowed(LocalDate.of(2026, 11, 22))).isFalse();
        assertThat(e.dateAllowed(LocalDate.of(2026, 11, 23))).isTrue();
        assertThat(e.dateAllowed(LocalDate.of(2026, 11, 22).plusDays(181))).isFalse();
        e.dateProperty().set(LocalDate.of(2026, 11, 22).plusDays(200));
        assertThat(e.errorProperty().get()).contains("at most 180 days");
        e.neverProperty().set(true);
        assertThat(e.errorProperty().get()).isEqualTo("This server requires an expiry date");
        e.pickDays(180);
        assertThat(e.isValid()).isTrue();
        // The last allowed day is capped just below the policy's maximum.
        assertThat(e.toInstant()).isBefore(CLOCK.instant().plus(java.time.Duration.ofDays(180)));
        e.pickDays(30);
        assertThat(e.toInstant()).isEqualTo(Instant.parse("2026-12-22T23:59:59Z"));
    }

    @Test
    void neverIsOfferedOnlyWhenThePolicyAllowsIt() {
        CreateKeyViewModel vm = vm(new KeyPolicy(365, 90, false, List.of("live")));
        vm.expiry().neverProperty().set(true);
        assertThat(vm.expiry().isValid()).isTrue();
        assertThat(vm.expiry().toInstant()).isNull();
        assertThat(vm.keyTypes()).containsExactly("live");
    }

    @Test
    void createSendsTheFormAndHandsOverTheSecret() {
        CreateKeyViewModel vm = filled();
        vm.typeProperty().set("test");
        vm.descriptionProperty().set("  used by billing  ");
        vm.create(created::add);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).secret()).isPresent();
        assertThat(api.creates.get(0).name()).isEqualTo("Billing backend");
        assertThat(api.creates.get(0).description()).isEqualTo("used by billing");
        assertThat(api.creates.get(0).type()).isEqualTo("test");
        assertThat(api.creates.get(0).permissions()).containsExactly(Permission.parse("datasets:read"));
        assertThat(api.creates.get(0).expiresAt()).isEqualTo(Instant.parse("2027-02-20T23:59:59Z"));
    }

    @Test
    void serverErrorsLandNextToTheirFieldAndNothingTypedIsLost() {
        CreateKeyViewModel vm = filled();
        api.nextFailure = new ValidationException("Name already used by another key", 422, "invalid_name", "r", "name", null);
        vm.create(created::add);
        assertThat(created).isEmpty();
        assertThat(vm.nameErrorProperty().get()).isEqualTo("Name already used by another key");
        assertThat(vm.nameProperty().get()).isEqualTo("Billing backend");
        assertThat(vm.matrix().selection()).containsExactly(Permission.parse("datasets:read"));
        vm.nameProperty().set("Billing backend 2");
        assertThat(vm.nameErrorProperty().get()).isEmpty();

        api.nextFailure = new ValidationException("too far", 422, "invalid_expiration", "r", "expires_at", null);
        vm.create(created::add);
        assertThat(vm.expiryErrorProperty().get()).isEqualTo("too far");

        vm.expiry().pickDays(30);
        api.nextFailure = new PermissionDeniedException("no", 403, "permission_escalation", "r", null, "jobs:write", null);
        vm.create(created::add);
        assertThat(vm.permissionsErrorProperty().get()).contains("doesn't hold jobs:write");
        assertThat(vm.isValid()).isFalse();

        // Without required_permission the server's own sentence (which names them) is shown.
        vm.matrix().setSelected(Permission.parse("datasets:read"), false);
        vm.matrix().setSelected(Permission.parse("datasets:read"), true);
        api.nextFailure = new PermissionDeniedException(
                "A key can only grant permissions it holds itself; this key lacks jobs:write, queries:write.",
                403, "permission_escalation", "r", "permissions", null, null);
        vm.create(created::add);
        assertThat(vm.permissionsErrorProperty().get())
                .isEqualTo("A key can only grant permissions it holds itself; this key lacks jobs:write, "
                        + "queries:write. Untick them or use a stronger admin key.");
    }

    @Test
    void aFailedCreateIsPassedToTheConnectionFailuresAndStillShownInTheForm() {
        List<Throwable> reported = new ArrayList<>();
        CreateKeyViewModel vm = new CreateKeyViewModel(api, Catalog.builtIn(), KeyPolicy.defaults(), p -> true,
                new CurrentThreadTaskRunner(), dialogs, CLOCK, reported::add);
        vm.nameProperty().set("Billing backend");
        vm.matrix().setSelected(Permission.parse("datasets:read"), true);
        UnauthorizedException unauthorized = new UnauthorizedException("Admin key revoked", 401, "unauthorized",
                "req_1", null, null);
        api.nextFailure = unauthorized;

        vm.create(created::add);

        assertThat(reported).containsExactly(unauthorized);
        assertThat(created).isEmpty();
        assertThat(vm.generalErrorProperty().get()).isNotBlank();
        assertThat(vm.nameProperty().get()).isEqualTo("Billing backend");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aReplayWithoutSecretIsExplainedAndTheOrphanRevokedWhenAccepted() {
        CreateKeyViewModel vm = filled();
        api.replayNextCreate = true;
        vm.create(created::add);
        assertThat(created).hasSize(1);
        assertThat(created.get(0).replayed()).isTrue();
        assertThat(dialogs.confirmations).singleElement().asString()
                .contains("could not show its secret again")
                .contains("Without the secret the key");
        assertThat(api.revoked).containsExactly(created.get(0).key().id());
        assertThat(vm.orphanNoticeProperty().get()).contains("was revoked");
        assertThat(vm.nameProperty().get()).isEqualTo("Billing backend");
    }

    @Test
    void aReplayIsKeptWhenTheRevokeIsDeclined() {
        dialogs.confirmAnswer = false;
        CreateKeyViewModel vm = filled();
        api.replayNextCreate = true;
        vm.create(created::add);
        assertThat(api.revoked).isEmpty();
        assertThat(vm.orphanNoticeProperty().get()).contains("It was kept");
    }
}
