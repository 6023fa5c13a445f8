package dev.keydesk.app.permissions;

import dev.keydesk.app.permissions.PermissionMatrixViewModel.HintLevel;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionMatrixViewModelTest {

    private final Catalog catalog = Catalog.builtIn();
    private final PermissionMatrixViewModel vm = new PermissionMatrixViewModel(catalog, p -> true);

    private static Permission p(String s) {
        return Permission.parse(s);
    }

    private Preset preset(String id) {
        return catalog.presets().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void unsupportedCellsAreDisabledAndCannotBeTicked() {
        assertThat(vm.supported("encryption_materials", "read")).isTrue();
        assertThat(vm.supported("encryption_materials", "write")).isFalse();
        assertThat(vm.cellEnabled(p("encryption_materials:write"))).isFalse();
        assertThat(vm.disabledReason(p("encryption_materials:write"))).hasValue("Encryption materials has no write access");
        vm.setSelected(p("encryption_materials:write"), true);
        assertThat(vm.selection()).isEmpty();
    }

    @Test
    void countAndPresetMatchFollowTheSelection() {
        vm.applyPreset(preset("analytics"));
        assertThat(vm.countTextProperty().get()).isEqualTo("3 permissions selected");
        assertThat(vm.presetTextProperty().get()).isEqualTo("Matches preset: Read-only analytics");
        vm.setSelected(p("views:read"), true);
        assertThat(vm.presetTextProperty().get()).isEqualTo("Custom");
        vm.setSelected(p("views:read"), false);
        assertThat(vm.matchingPresetProperty().get()).map(Preset::id).hasValue("analytics");
    }

    @Test
    void rowColumnAndCategoryToggleOnlySupportedCells() {
        vm.toggleRow("datasets");
        assertThat(vm.selection()).containsExactlyInAnyOrder(p("datasets:read"), p("datasets:write"));
        vm.toggleRow("datasets");
        assertThat(vm.selection()).isEmpty();

        vm.toggleCategory("Schema & Mapping");
        assertThat(vm.selection()).containsExactlyInAnyOrder(p("mappings:read"), p("mappings:write"),
                p("schema_preset:read"), p("schema_preset:write"), p("attributes:read"));

        vm.clear();
        vm.toggleColumn("write");
        assertThat(vm.selection()).allMatch(x -> x.access().equals("write"))
                .doesNotContain(p("encryption_materials:write"), p("attributes:write"))
                .contains(p("users:write"), p("model_training:write"));
    }

    @Test
    void searchFiltersByNameLabelOrDescriptionAndColumnToggleFollowsIt() {
        vm.searchTextProperty().set("stream");
        assertThat(vm.visibleResources()).extracting(r -> r.name()).containsExactly("data_streams");
        vm.searchTextProperty().set("api key");
        assertThat(vm.visibleResources()).extracting(r -> r.name()).containsExactly("access_tokens");
        assertThat(vm.visibleRows().get(0)).isEqualTo(new PermissionMatrixViewModel.CategoryRow("Identity & Access"));
        vm.toggleColumn("read");
        assertThat(vm.selection()).containsExactly(p("access_tokens:read"));
    }

    @Test
    void listsAreStableSoThatViewListenersKeepFiring() {
        // A fresh unmodifiable wrapper per call would hold its listeners only weakly.
        assertThat(vm.visibleRows()).isSameAs(vm.visibleRows());
        assertThat(vm.unknownPermissions()).isSameAs(vm.unknownPermissions());
        int[] changes = new int[1];
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<PermissionMatrixViewModel.Row>) c -> changes[0]++);
        System.gc();
        vm.searchTextProperty().set("jobs");
        assertThat(changes[0]).isEqualTo(1);
    }

    @Test
    void writesAndAdminAreRisky() {
        assertThat(vm.risky(p("datasets:write"))).isTrue();
        assertThat(vm.risky(Permission.ADMIN_ALL)).isTrue();
        assertThat(vm.risky(p("datasets:read"))).isFalse();
        vm.setSelected(p("datasets:write"), true);
        assertThat(vm.riskTextProperty().get()).isEqualTo("1 write grant: write access changes data");
    }

    @Test
    void leastPrivilegeHintNamesThePresetAndTheExtraWrites() {
        vm.applyPreset(preset("analytics"));
        vm.setSelected(p("datasets:write"), true);
        vm.setSelected(p("queries:write"), true);
        assertThat(vm.hintProperty().get().level()).isEqualTo(HintLevel.INFO);
        assertThat(vm.hintProperty().get().text())
                .contains("'Read-only analytics' preset covers this key's read access with 2 fewer write grants")
                .contains("datasets:write, queries:write");
    }

    @Test
    void adminAllGetsAStrongWarningAndNoHintForAnExactPreset() {
        vm.applyPreset(preset("ingestion"));
        assertThat(vm.hintProperty().get().level()).isEqualTo(HintLevel.NONE);
        vm.setAdminAll(true);
        assertThat(vm.hintProperty().get().level()).isEqualTo(HintLevel.DANGER);
        assertThat(vm.hintProperty().get().text()).contains("admin:*");
    }

    @Test
    void unknownPermissionsAreShownAndKept() {
        vm.setSelection(List.of(p("datasets:read"), p("billing:export"), p("weird")));
        assertThat(vm.unknownPermissions()).containsExactly(p("billing:export"), p("weird"));
        vm.applyPreset(preset("analytics"));
        // A preset replaces the selection, but the unknown ones stay listed and can be ticked again.
        assertThat(vm.unknownPermissions()).containsExactly(p("billing:export"), p("weird"));
        vm.setSelected(p("billing:export"), true);
        assertThat(vm.selection()).contains(p("billing:export"));
        vm.toggleColumn("read");
        vm.toggleColumn("read");
        assertThat(vm.selection()).contains(p("billing:export"));
    }

    @Test
    void diffMarksAddedAndRemoved() {
        vm.setSelection(List.of(p("datasets:read"), p("jobs:read")));
        vm.setBaseline(List.of(p("datasets:read"), p("jobs:read")));
        assertThat(vm.diffTextProperty().get()).isEqualTo("No permission changes");
        vm.setSelected(p("jobs:write"), true);
        vm.setSelected(p("datasets:read"), false);
        assertThat(vm.added()).containsExactly(p("jobs:write"));
        assertThat(vm.removed()).containsExactly(p("datasets:read"));
        assertThat(vm.change(p("jobs:write"))).isEqualTo(PermissionMatrixViewModel.CellChange.ADDED);
        assertThat(vm.change(p("datasets:read"))).isEqualTo(PermissionMatrixViewModel.CellChange.REMOVED);
        assertThat(vm.change(p("jobs:read"))).isEqualTo(PermissionMatrixViewModel.CellChange.NONE);
        assertThat(vm.diffTextProperty().get()).isEqualTo("Adds: jobs:write · Removes: datasets:read");
    }

    @Test
    void grantsTheAdminKeyLacksAreDisabledButCanBeTakenAway() {
        Set<Permission> held = Set.of(p("datasets:read"), p("jobs:read"));
        PermissionMatrixViewModel limited = new PermissionMatrixViewModel(catalog, held::contains);
        assertThat(limited.cellEnabled(p("jobs:write"))).isFalse();
        assertThat(limited.disabledReason(p("jobs:write")))
                .hasValue("Your admin key doesn't hold jobs:write, so it can't grant it");
        limited.setSelected(p("jobs:write"), true);
        assertThat(limited.selection()).isEmpty();
        // A key being edited may already hold it: unticking is not escalation.
        limited.selection().add(p("jobs:write"));
        assertThat(limited.cellEnabled(p("jobs:write"))).isTrue();
        limited.setSelected(p("jobs:write"), false);
        assertThat(limited.selection()).isEmpty();
        assertThat(limited.presetGrantable(preset("workflow_automation"))).isFalse();
        limited.applyPreset(preset("workflow_automation"));
        assertThat(limited.selection()).containsExactly(p("jobs:read"));
    }

    @Test
    void readOnlyMatrixChangesNothing() {
        PermissionMatrixViewModel ro = PermissionMatrixViewModel.readOnly(catalog, List.of(p("datasets:read")));
        ro.toggleRow("jobs");
        ro.setSelected(p("jobs:read"), true);
        ro.clear();
        assertThat(ro.selection()).containsExactly(p("datasets:read"));
        assertThat(ro.cellEnabled(p("datasets:read"))).isFalse();
    }
}
