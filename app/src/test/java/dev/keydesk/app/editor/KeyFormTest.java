package dev.keydesk.app.editor;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one form model: the same rules, words and error placement for create and edit. */
class KeyFormTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static KeyForm form() {
        return new KeyForm(Catalog.builtIn(), KeyPolicy.defaults(), p -> true,
                Capabilities.of(Dialect.KEYDESK, Map.of()), CLOCK);
    }

    @Test
    void createAndEditSayTheSameRuleInTheSameWords() {
        ApiKey key = FakeKeys.key("key_1", "Reporting", CLOCK.instant().plusSeconds(86_400 * 30), null,
                "datasets:read");
        FakeKeys api = new FakeKeys().add(key);
        CreateKeyViewModel create = new CreateKeyViewModel(api, Catalog.builtIn(), KeyPolicy.defaults(), p -> true,
                new CurrentThreadTaskRunner(), new ScriptedDialogs(), CLOCK);
        EditKeyViewModel edit = new EditKeyViewModel(api, key.id(), Catalog.builtIn(), KeyPolicy.defaults(), p -> true,
                new CurrentThreadTaskRunner(), CLOCK);
        edit.load();

        create.nameProperty().set("n");
        edit.matrix().setSelected(Permission.parse("datasets:read"), false);

        assertThat(create.permissionsErrorProperty().get()).isEqualTo(KeyForm.NO_PERMISSION)
                .isEqualTo(edit.permissionsErrorProperty().get());
        create.nameProperty().set("");
        edit.nameProperty().set(" ");
        assertThat(create.nameErrorProperty().get()).isEqualTo(edit.nameErrorProperty().get()).isEqualTo("A name is required");
        assertThat(edit.canSave()).isFalse();
    }

    @Test
    void aServerRefusalLandsNextToItsFieldAndGoesWhenTheFieldChanges() {
        KeyForm f = form();
        f.nameProperty().set("Billing");
        f.matrix().setSelected(Permission.parse("datasets:read"), true);
        assertThat(f.isValid()).isTrue();

        assertThat(f.showServerError(new ValidationException("Name taken", 422, "invalid_name", "r", "name", null))).isTrue();
        assertThat(f.nameErrorProperty().get()).isEqualTo("Name taken");
        assertThat(f.isValid()).isFalse();
        f.nameProperty().set("Billing 2");
        assertThat(f.nameErrorProperty().get()).isEmpty();

        assertThat(f.showServerError(new PermissionDeniedException("no", 403, "permission_escalation", "r", null,
                "jobs:write", null))).isTrue();
        assertThat(f.permissionsErrorProperty().get()).contains("doesn't hold jobs:write");
        assertThat(f.showServerError(new IllegalStateException("elsewhere"))).as("not about a field").isFalse();
    }

    @Test
    void fillingFromAKeyMakesItsValuesTheBaseline() {
        KeyForm f = form();
        ApiKey key = new ApiKey("key_1", "Billing", "sk_test_ab", List.of(Permission.parse("datasets:read"),
                Permission.parse("jobs:write")), CLOCK.instant(), CLOCK.instant().plusSeconds(86_400 * 10), null, null,
                "Nightly CSV", "test", "active", null, null);
        f.fill(key);

        assertThat(f.nameProperty().get()).isEqualTo("Billing");
        assertThat(f.typeProperty().get()).isEqualTo("test");
        assertThat(f.expiry().isChanged()).isFalse();
        assertThat(f.nameDiffersFrom(key)).isFalse();
        f.matrix().setSelected(Permission.parse("jobs:write"), false);
        assertThat(f.matrix().diffTextProperty().get()).isEqualTo("Removes: jobs:write");
        f.descriptionProperty().set("  Nightly CSV ");
        assertThat(f.descriptionDiffersFrom(key)).as("surrounding spaces are not a change").isFalse();
    }
}
