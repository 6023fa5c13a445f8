package dev.keydesk.app;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.editor.CreateKeyViewModel;
import dev.keydesk.app.editor.EditKeyViewModel;
import dev.keydesk.app.keys.KeyColumn;
import dev.keydesk.app.keys.KeyDetailsViewModel;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.keys.RevokeViewModel;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.OpenConnection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import dev.keydesk.app.incident.BreakGlassSupport;
import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.testing.QueuedFxThread;
import dev.keydesk.core.incident.IncidentAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key table, details, revoke and editors on a Narrative connection, against the scripted
 * Narrative server through the real client: what the dialect lacks is hidden or said, never faked.
 */
class NarrativeViewModelsTest {

    @TempDir
    Path dir;

    private NarrativeScriptedServer narrative;
    private Connector connector;
    private OpenConnection open;
    private Connection connection;
    private FixedSession session;
    private final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    private final Clock clock = Clock.systemUTC();
    private String etl;
    private String odd;

    @BeforeEach
    void connect() {
        narrative = NarrativeScriptedServer.start();
        String admin = narrative.adminToken("KeyDesk admin");
        etl = narrative.seed("Nightly ETL", Instant.now().plus(40, ChronoUnit.DAYS), "datasets:read", "datasets:write");
        // admin and revise exist in Narrative's schema, and a resource the catalog does not know: kept and shown.
        odd = narrative.seed("Legacy importer", Instant.now().plus(5, ChronoUnit.DAYS), "datasets:admin",
                "datasets:revise", "uploads:read", "data-planes:read");
        narrative.addUnknownField(odd, "created_by_app", "legacy");
        narrative.seed("Expired export", Instant.now().minus(2, ChronoUnit.DAYS), "datasets:read");
        connector = new Connector(new AdminKeys(FakeKeyring.unavailable(),
                name -> name.equals("NARRATIVE_API_KEY") ? admin : null),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                ApiFactory.http());
        open = connector.open(new Profile("p-n", "Narrative dev", narrative.baseUri().toString(), Environment.STAGING,
                Profile.KeySource.ENVIRONMENT, "NARRATIVE_API_KEY", Dialect.NARRATIVE), 0);
        connection = open.connection();
        session = new FixedSession(connection);
    }

    @AfterEach
    void close() {
        open.close();
        connector.close();
        narrative.close();
    }

    private KeyTableViewModel table() {
        return new KeyTableViewModel(session, new CurrentThreadTaskRunner(), clock);
    }

    private KeyRow row(KeyTableViewModel table, String id) {
        return table.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theTableHidesColumnsWithoutDataAndSaysWhy() {
        KeyTableViewModel table = table();

        assertThat(table.stateProperty().get()).isEqualTo(KeyTableViewModel.LoadState.READY);
        assertThat(table.rows()).hasSize(4);
        assertThat(table.shownColumnsProperty().get()).containsExactlyInAnyOrder(KeyColumn.NAME, KeyColumn.STATUS,
                KeyColumn.PERMISSIONS, KeyColumn.EXPIRES);
        assertThat(table.columnsNoteProperty().get()).isEqualTo("Prefix, Type, Created, Last used, Today and Month "
                + "are hidden: this server does not send them.");
        assertThat(table.columnsNoteDetailsProperty().get()).contains("Narrative shows no prefix");
        assertThat(table.typeFilterShownProperty().get()).isFalse();
        // No "Disabled" (tokens cannot be disabled); "Revoked" stays, greyed, with Narrative's reason.
        assertThat(table.statusFilterChoices()).extracting(c -> c.value())
                .containsExactly(null, KeyStatus.ACTIVE, KeyStatus.EXPIRED, KeyStatus.REVOKED);
        assertThat(table.revokedFilterProperty().get().enabled()).isFalse();
        assertThat(table.revokedFilterProperty().get().reason()).contains("Narrative deletes a revoked token");
        // No status on the wire: the expiry says it.
        assertThat(table.rows()).filteredOn(r -> r.name().equals("Expired export")).singleElement()
                .extracting(KeyRow::status).isEqualTo(KeyStatus.EXPIRED);
        assertThat(row(table, etl).status()).isEqualTo(KeyStatus.ACTIVE);
        // Unknown levels and resources are kept, never dropped.
        assertThat(row(table, odd).key().permissions()).extracting(Permission::value)
                .contains("datasets:admin", "datasets:revise", "data-planes:read");

        table.select(List.of(row(table, etl)), null);
        assertThat(table.copyPrefixActionProperty().get().enabled()).isFalse();
        assertThat(table.copyPrefixActionProperty().get().reason()).contains("no prefix");
        // Narrative's whoami describes a person: nothing is gated on its permissions.
        assertThat(table.createActionProperty().get().enabled()).isTrue();
        assertThat(table.editActionProperty().get().enabled()).isTrue();
        assertThat(table.revokeActionProperty().get().enabled()).isTrue();
    }

    @Test
    void theDetailsShowOnlyWhatTheTokenCarriesAndNoAuditIsAskedFor() {
        KeyTableViewModel table = table();
        KeyDetailsViewModel details = new KeyDetailsViewModel(session, new CurrentThreadTaskRunner(), clock,
                ZoneId.of("UTC"));
        long requests = narrative.requests().size();

        details.show(row(table, odd));

        assertThat(details.fields()).extracting(KeyDetailsViewModel.Field::label)
                .containsExactly("Name", "ID", "Status", "Expires", "Not on this server");
        assertThat(details.fields().get(4).value()).contains("key prefixes", "last-used times", "request counts");
        assertThat(details.auditStateProperty().get()).isEqualTo(KeyDetailsViewModel.AuditState.UNAVAILABLE);
        assertThat(details.auditMessageProperty().get()).isEqualTo("Narrative's API has no audit log of token changes.");
        assertThat(narrative.requests()).hasSize((int) requests);
        assertThat(details.matrixProperty().get().unknown()).contains("datasets:admin", "datasets:revise",
                "data-planes:read");
    }

    @Test
    void revokingSaysNoOwnKeyProtectionCanBePromisedAndOmitsUsageItCannotKnow() {
        KeyTableViewModel table = table();
        RevokeViewModel revoke = new RevokeViewModel(session, new CurrentThreadTaskRunner(), dialogs, clock);

        String one = revoke.confirmationDetails(connection, row(table, etl));
        assertThat(one).contains("KeyDesk cannot tell whether this is the admin key it is connected with")
                .contains("names the user and the company, not the token")
                .contains("ID: " + etl)
                .doesNotContain("Prefix:").doesNotContain("Last used:").doesNotContain("Requests today")
                .contains("cannot warn you if services still use it");

        revoke.revoke(row(table, etl), table::refresh);
        assertThat(narrative.exists(etl)).isFalse();
        assertThat(table.rows()).extracting(KeyRow::id).doesNotContain(etl);

        // Several keys go through the Incident workspace, which says what it cannot promise here.
        QueuedFxThread fx = new QueuedFxThread();
        IncidentViewModel incident = new IncidentViewModel(session, new CurrentThreadTaskRunner(), dialogs, fx, clock,
                java.time.ZoneId.of("UTC"), dir.resolve("incidents"), new BreakGlassSupport() {
                    @Override
                    public String whereKept(Connection c) {
                        return "";
                    }

                    @Override
                    public dev.keydesk.core.incident.BreakGlass forRun(Connection c) {
                        throw new AssertionError("no break-glass here");
                    }
                }, (k, p, a, b) -> { }, e -> false, table::refresh);
        List<ApiKey> rest = table.rows().stream().filter(r -> !r.name().equals("KeyDesk admin")).map(KeyRow::key)
                .toList();
        incident.prefill(rest, IncidentAction.REVOKE);
        assertThat(incident.previewProperty().get().warnings())
                .anyMatch(w -> w.contains("does not say which key KeyDesk is connected with"));
        assertThat(incident.usageText(incident.previewProperty().get())).contains("cannot warn you which are still in use");
        incident.typedCountProperty().set(Integer.toString(rest.size()));
        incident.start();
        fx.runUntil("the run finished", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        assertThat(incident.headlineProperty().get()).isEqualTo("All 2 keys are revoked.");
        assertThat(table.rows()).extracting(KeyRow::name).containsExactly("KeyDesk admin");
    }

    @Test
    void createFromAPresetSendsWhatNarrativeStoresAndTheSecretIsBase64() {
        CreateKeyViewModel create = new CreateKeyViewModel(connection.api(), connection.capabilities(),
                connection.catalog(), connection.policy(), connection::holds, new CurrentThreadTaskRunner(), dialogs,
                clock, e -> false);
        assertThat(create.descriptionAvailable()).isFalse();
        assertThat(create.descriptionUnavailableReason()).startsWith("Narrative tokens have no description.");
        assertThat(create.typesAvailable()).isFalse();
        assertThat(create.typeHint("live")).isEmpty();
        assertThat(create.expiry().neverAllowed()).isFalse();
        assertThat(create.matrix().adminAllUnavailable()).get().asString().contains("no admin:*");

        Preset analytics = connection.catalog().presets().stream().filter(p -> p.id().equals("analytics"))
                .findFirst().orElseThrow();
        create.matrix().applyPreset(analytics);
        create.nameProperty().set("Looker (read-only)");
        create.descriptionProperty().set("typed before the field was disabled");
        AtomicReference<CreatedKey> created = new AtomicReference<>();
        create.create(created::set);

        assertThat(create.generalErrorProperty().get()).isEmpty();
        CreatedKey made = created.get();
        assertThat(made.secret()).isPresent();
        String secret = made.secret().get().reveal();
        assertThat(secret).doesNotStartWith("sk_").matches("[A-Za-z0-9+/]+=*");
        assertThat(narrative.permissionsOf(made.key().id()))
                .containsExactlyInAnyOrderElementsOf(analytics.permissions().stream().map(Permission::value).toList());
        made.secret().get().wipe();
    }

    @Test
    void editReReadsBeforeSavingAndKeepsAdminAndReviseAsTheyAre() {
        EditKeyViewModel edit = new EditKeyViewModel(connection.api(), connection.capabilities(), odd,
                connection.catalog(), connection.policy(), connection::holds, new CurrentThreadTaskRunner(), clock,
                e -> false);
        edit.load();
        assertThat(edit.statusEditableProperty().get()).isFalse();
        assertThat(edit.statusUnavailableReason()).contains("cannot be disabled");
        assertThat(edit.descriptionEditable()).isFalse();
        assertThat(edit.subtitle()).contains("reads the key again before saving");
        Permission admin = Permission.parse("datasets:admin");
        assertThat(edit.matrix().cellEnabled(admin)).isFalse();
        assertThat(edit.matrix().disabledReason(admin)).get().asString()
                .contains("Narrative grants only read and write access");
        edit.matrix().setSelected(admin, false);
        assertThat(edit.matrix().selection()).contains(admin, Permission.parse("datasets:revise"));

        edit.matrix().setSelected(Permission.parse("datasets:read"), true);
        edit.nameProperty().set("Legacy importer (read)");
        long puts = narrative.count("PUT ");
        long getsBefore = narrative.count("GET /access-tokens/tokens/" + odd);
        edit.save(() -> { });

        assertThat(edit.generalErrorProperty().get()).isEmpty();
        assertThat(narrative.count("GET /access-tokens/tokens/" + odd) - getsBefore).as("re-read before saving")
                .isEqualTo(1);
        assertThat(narrative.count("PUT ") - puts).isEqualTo(1);
        assertThat(narrative.nameOf(odd)).isEqualTo("Legacy importer (read)");
        assertThat(narrative.permissionsOf(odd)).contains("datasets:admin", "datasets:revise", "datasets:read",
                "data-planes:read", "uploads:read");

        // "Clear" takes away what can be granted again, never what nobody could grant back.
        edit.matrix().clear();
        assertThat(edit.matrix().selection()).containsExactlyInAnyOrder(admin, Permission.parse("datasets:revise"));
    }
}
