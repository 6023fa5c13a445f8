package dev.keydesk.app.keys;

import dev.keydesk.app.testing.FakeKeys;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KeyDetailsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private final FakeKeys api = new FakeKeys();
    private final KeyDetailsViewModel vm = new KeyDetailsViewModel(new FixedSession(FakeKeys.connection(api, "admin:*")),
            new CurrentThreadTaskRunner(), Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void matrixMarksGrantedNotGrantedAndUnsupportedCells() {
        KeyDetailsViewModel.Matrix m = KeyDetailsViewModel.matrixOf(
                List.of(Permission.parse("datasets:write"), Permission.parse("attributes:read")), Catalog.builtIn());
        assertThat(m.accessLevels()).containsExactly("read", "write");
        KeyDetailsViewModel.MatrixRow datasets = find(m, "datasets");
        assertThat(datasets.cells()).containsExactly(KeyDetailsViewModel.Cell.NOT_GRANTED, KeyDetailsViewModel.Cell.GRANTED);
        assertThat(datasets.risky()).isTrue();
        KeyDetailsViewModel.MatrixRow attributes = find(m, "attributes");
        assertThat(attributes.cells()).containsExactly(KeyDetailsViewModel.Cell.GRANTED, KeyDetailsViewModel.Cell.UNSUPPORTED);
        assertThat(attributes.risky()).isFalse();
        assertThat(m.categories()).extracting(KeyDetailsViewModel.MatrixCategory::name).startsWith("Core Data");
        assertThat(m.unknown()).isEmpty();
        assertThat(m.admin()).isFalse();
    }

    @Test
    void adminGrantsEverySupportedCell() {
        KeyDetailsViewModel.Matrix m = KeyDetailsViewModel.matrixOf(List.of(Permission.ADMIN_ALL), Catalog.builtIn());
        assertThat(m.admin()).isTrue();
        assertThat(find(m, "access_tokens").cells()).containsOnly(KeyDetailsViewModel.Cell.GRANTED);
        assertThat(find(m, "users").cells()).containsExactly(KeyDetailsViewModel.Cell.UNSUPPORTED, KeyDetailsViewModel.Cell.GRANTED);
    }

    @Test
    void unknownPermissionsAreListedNotDropped() {
        KeyDetailsViewModel.Matrix m = KeyDetailsViewModel.matrixOf(
                List.of(Permission.parse("billing:export"), Permission.parse("datasets:read"),
                        Permission.parse("encryption_materials:write")), Catalog.builtIn());
        assertThat(m.unknown()).containsExactly("billing:export", "encryption_materials:write");
    }

    @Test
    void anAuditEventReadsAsTwoLines() {
        AuditEvent updated = new AuditEvent("ev_2", NOW.minusSeconds(7200), "key.updated", "key_boot", "key_1",
                "10.0.0.7", "{\"fields\":\"name\"}", "fields: name");
        assertThat(vm.auditHeadline(updated)).isEqualTo("key.updated · 2 hours ago");
        assertThat(vm.auditDetails(updated)).isEqualTo("from 10.0.0.7 · by key_boot · fields: name");
        AuditEvent bare = new AuditEvent("ev_3", NOW, "auth.failed", null, "key_1", null, null, "");
        assertThat(vm.auditDetails(bare)).isEmpty();
    }

    @Test
    void showsFieldsAndAuditEvents() {
        api.audit = Optional.of(new Page<>(List.of(new AuditEvent("ev_1", NOW, "key.created", "key_boot", "key_1",
                "127.0.0.1", null, "")), false, null));
        vm.show(KeyRow.of(FakeKeys.key("key_1", "Worker", null, null, "datasets:read"), NOW));
        assertThat(vm.keyProperty().get().id()).isEqualTo("key_1");
        assertThat(vm.fields()).extracting(KeyDetailsViewModel.Field::label)
                .contains("Name", "Description", "ID", "Prefix", "Type", "Status", "Created", "Expires", "Last used",
                        "Requests today", "Requests this month");
        assertThat(vm.fields()).contains(new KeyDetailsViewModel.Field("Expires", "never"));
        assertThat(vm.auditStateProperty().get()).isEqualTo(KeyDetailsViewModel.AuditState.LOADED);
        assertThat(vm.auditEvents()).extracting(AuditEvent::type).containsExactly("key.created");
    }

    @Test
    void auditUnavailableOnAServerWithoutIt() {
        api.audit = Optional.empty();
        vm.show(KeyRow.of(FakeKeys.key("key_1", "Worker", null, null, "datasets:read"), NOW));
        assertThat(vm.auditStateProperty().get()).isEqualTo(KeyDetailsViewModel.AuditState.UNAVAILABLE);
        assertThat(vm.auditMessageProperty().get()).isEqualTo("Audit events are not available on this server.");
        vm.show(null);
        assertThat(vm.keyProperty().get()).isNull();
        assertThat(vm.fields()).isEmpty();
    }

    private static KeyDetailsViewModel.MatrixRow find(KeyDetailsViewModel.Matrix m, String resource) {
        return m.categories().stream().flatMap(c -> c.rows().stream()).filter(r -> r.resource().equals(resource))
                .findFirst().orElseThrow();
    }
}
