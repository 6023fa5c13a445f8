package dev.keydesk.app.review;

import dev.keydesk.app.permissions.PermissionMatrixViewModel.CellNote;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.review.Narrowing;
import dev.keydesk.core.review.Proposal;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.rotation.CutoverStatus;
import dev.keydesk.core.rotation.Grace;
import dev.keydesk.core.rotation.SecretFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The Review workspace's rules end to end on view models: due keys, proposals, decisions, narrowing, rotation, cutover. */
class ReviewViewModelTest {

    @TempDir
    Path dir;
    private ReviewFixture f;

    @BeforeEach
    void start() {
        f = new ReviewFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static Permission p(String value) {
        return Permission.parse(value);
    }

    @Test
    void theDefaultSetIsTheKeysDueForRotationEachWithItsUsageAndProposal() {
        CreatedKey billing = f.oldKey("Billing export", "datasets:read", "datasets:write", "jobs:read");
        f.use(billing, "datasets", false);
        f.use(billing, "datasets", false);

        f.review.reviewDue();

        assertThat(f.review.titleProperty().get()).contains("due for rotation");
        assertThat(f.review.loadingProperty().get()).isFalse();
        KeyReviewViewModel item = f.item(billing.key().id());
        assertThat(item.loadStateProperty().get()).isEqualTo(KeyReviewViewModel.LoadState.LOADED);
        Proposal proposal = item.proposalProperty().get();
        assertThat(proposal.kind()).isEqualTo(Proposal.Kind.NARROW);
        assertThat(proposal.removes()).containsExactly(p("datasets:write"), p("jobs:read"));
        // The matrix starts at the proposal, against the key's grants: the removals are marked.
        assertThat(item.matrix().selection()).containsExactly(p("datasets:read"));
        assertThat(item.matrix().diffTextProperty().get()).isEqualTo("Removes: datasets:write, jobs:read");
        assertThat(item.riskText()).isEqualTo("Drops datasets:write (write access)");
        assertThat(item.evidenceLines()).containsExactly("datasets:write — never used; 7 d 0 · 30 d 0 · 90 d 0",
                "jobs:read — never used; 7 d 0 · 30 d 0 · 90 d 0");
        assertThat(item.addressLines()).singleElement().asString().startsWith("127.0.0.1 — last just now, 30 d 2");
        // The overlay: used cells with counts, never-used ones marked, writes framed.
        Map<Permission, CellNote> notes = item.matrix().notes();
        assertThat(notes.get(p("datasets:read")).text()).isEqualTo("7d 2 · 30d 2 · 90d 2");
        assertThat(notes.get(p("datasets:read")).styleClasses()).containsExactly(UsageOverlay.USED_7D);
        assertThat(notes.get(p("datasets:write")).text()).isEqualTo("never used");
        assertThat(notes.get(p("datasets:write")).styleClasses()).containsExactly(UsageOverlay.NEVER, UsageOverlay.RISKY);
        // The admin key KeyDesk is connected with is due too (the server started 120 days ago): it is never changed here.
        KeyReviewViewModel admin = f.item(f.backend.connection().connectedKeyId().orElseThrow());
        admin.accept();
        assertThat(admin.rotatable()).isFalse();
        assertThat(admin.blockedReason()).contains("admin key KeyDesk is connected with");
    }

    @Test
    void acceptingThenNarrowingInPlaceAsksFirstAndSendsOnlyTheReviewedSet() {
        CreatedKey key = f.oldKey("Reporting", "datasets:read", "queries:read", "jobs:write");
        f.use(key, "datasets", false);
        f.review.review(List.of(key.key()), false);
        KeyReviewViewModel item = f.item(key.key().id());
        assertThat(f.review.narrowActionProperty().get().enabled()).as("nothing decided yet").isFalse();

        item.accept();
        assertThat(f.review.summaryProperty().get()).startsWith("1 accepted");
        f.review.narrow();

        assertThat(f.dialogs.confirmations).singleElement().asString()
                .startsWith("Narrow “Reporting” (" + key.key().prefix() + "…) on Test server?")
                .contains("“Reporting” (" + key.key().prefix() + "…): removes jobs:write, queries:read");
        assertThat(f.server(key.key().id()).permissions()).containsExactly(p("datasets:read"));
        assertThat(item.outcomeProperty().get()).isEqualTo("Narrowed: datasets:read");
        assertThat(item.decisionProperty().get()).isEqualTo(KeyReviewViewModel.Decision.DONE);
        assertThat(f.backend.call(api -> api.auditEvents(AuditQuery.forKey(key.key().id()).withTypes("key.updated")))
                .orElseThrow().data().get(0).detail()).contains(Narrowing.REASON);
    }

    @Test
    void declinedConfirmationChangesNothingAndEditingInTheMatrixIsADecision() {
        CreatedKey key = f.oldKey("Declined", "datasets:read", "jobs:read");
        f.use(key, "datasets", false);
        f.review.review(List.of(key.key()), false);
        KeyReviewViewModel item = f.item(key.key().id());

        item.matrix().setSelected(p("jobs:read"), true);
        assertThat(item.decisionProperty().get()).isEqualTo(KeyReviewViewModel.Decision.EDITED);
        item.matrix().setSelected(p("jobs:read"), false);
        assertThat(item.decisionProperty().get()).as("back to the proposal").isEqualTo(KeyReviewViewModel.Decision.ACCEPTED);

        f.dialogs.confirmAnswer = false;
        f.review.narrow();
        assertThat(f.server(key.key().id()).permissions()).hasSize(2);

        item.skip();
        assertThat(f.review.narrowActionProperty().get().enabled()).isFalse();
    }

    @Test
    void aChangeSinceTheReviewIsAConflictReloadedOrReappliedAsInTheEditor() {
        CreatedKey key = f.oldKey("Contested", "datasets:read", "datasets:write", "jobs:read");
        f.use(key, "datasets", false);
        f.review.review(List.of(key.key()), false);
        KeyReviewViewModel item = f.item(key.key().id());
        item.accept();
        f.backend.call(api -> api.updateKey(key.key().id(), KeyUpdateParams.builder()
                .permissions(List.of(p("datasets:read"), p("datasets:write"), p("jobs:read"), p("views:read")))
                .build(), null));

        f.review.narrow();

        assertThat(item.conflictProperty().get()).isTrue();
        assertThat(item.outcomeProperty().get()).isEqualTo(Narrowing.CONFLICT);
        assertThat(f.server(key.key().id()).permissions()).hasSize(4);

        f.review.reapply(item);
        assertThat(item.conflictProperty().get()).isFalse();
        assertThat(item.matrix().selection()).as("their views:read, my removals")
                .containsExactly(p("datasets:read"), p("views:read"));
        f.review.narrow();
        assertThat(f.server(key.key().id()).permissions()).containsExactly(p("datasets:read"), p("views:read"));
    }

    @Test
    void theWindowIsAdjustableAndAnUndecidedKeyFollowsIt() {
        CreatedKey key = f.oldKey("Window", "datasets:read", "jobs:read");
        f.use(key, "datasets", false);
        f.review.review(List.of(key.key()), false);
        KeyReviewViewModel item = f.item(key.key().id());
        assertThat(item.proposalProperty().get().window()).isEqualTo(ReviewWindow.DEFAULT);

        f.review.windowProperty().set(new ReviewWindow(7));
        assertThat(item.proposalProperty().get().window().days()).isEqualTo(7);
        assertThat(item.matrix().selection()).containsExactly(p("datasets:read"));
    }

    @Test
    void rotationWithADaysGraceShowsTheSecretOnceMarksTheOldKeyAndTheTrackerFollowsIt() {
        CreatedKey old = f.oldKey("Nightly ETL", "datasets:read", "datasets:write", "jobs:read");
        f.use(old, "datasets", false);
        f.review.review(List.of(old.key()), true);
        assertThat(f.review.toRotateProperty().get()).isTrue();
        KeyReviewViewModel item = f.item(old.key().id());
        item.accept();
        f.review.graceProperty().set(Grace.DAY);
        Instant before = Instant.now();

        f.review.rotate();

        assertThat(f.dialogs.confirmations.get(0)).startsWith("Rotate “Nightly ETL” (" + old.key().prefix() + "…) on Test server?")
                .contains("keep working for 24 hours").contains("removes datasets:write, jobs:read");
        assertThat(f.handed).singleElement().satisfies(h -> {
            assertThat(h.key().name()).isEqualTo("Nightly ETL");
            assertThat(f.server(h.key().id()).permissions()).containsExactly(p("datasets:read"));
        });
        ApiKey oldNow = f.server(old.key().id());
        assertThat(oldNow.name()).isEqualTo("[rotating] Nightly ETL");
        assertThat(oldNow.expiresAt()).isCloseTo(before.plus(Duration.ofHours(24)), within(2, ChronoUnit.MINUTES));
        assertThat(item.outcomeProperty().get()).startsWith("Rotated → " + f.handed.get(0).key().prefix() + "…; the old key works until");
        assertThat(f.store.forProfile(f.backend.connection().profile().id())).singleElement()
                .satisfies(c -> assertThat(c.oldKeyId()).isEqualTo(old.key().id()));

        // The tracker: quiet, then the old key's service calls again, then revoked early.
        f.tracker.refresh();
        CutoverViewModel.Row quiet = f.tracker.rows().get(0);
        assertThat(quiet.status().state()).isEqualTo(CutoverStatus.State.QUIET);
        assertThat(quiet.newText()).endsWith("not used yet");
        f.use(old, "datasets", false);
        f.tracker.refresh();
        CutoverViewModel.Row busy = f.tracker.rows().get(0);
        assertThat(busy.stateText()).isEqualTo("Still in use");
        assertThat(busy.requestsSinceText()).isEqualTo("1");
        assertThat(busy.addressesText()).isEqualTo("127.0.0.1");
        assertThat(f.tracker.openCountProperty().get()).isEqualTo(1);

        f.dialogs.confirmations.clear();
        f.tracker.revokeEarly(busy);
        assertThat(f.dialogs.confirmations).singleElement().asString().contains("It is still in use");
        assertThatThrownBy(() -> f.server(old.key().id())).isInstanceOf(NotFoundException.class);
        assertThat(f.tracker.rows().get(0).stateText()).isEqualTo("Revoked early");
        assertThat(f.tracker.openCountProperty().get()).isZero();
        assertThat(f.store.forProfile(f.backend.connection().profile().id()).get(0).isOpen()).isFalse();
    }

    @Test
    void aQuietOldKeyIsRevokedWithOneClick() {
        CreatedKey old = f.oldKey("Quiet one", "datasets:read");
        f.use(old, "datasets", false);
        f.review.review(List.of(old.key()), true);
        f.item(old.key().id()).accept();
        f.review.rotate();
        f.tracker.refresh();
        f.dialogs.confirmations.clear();

        f.tracker.revokeEarly(f.tracker.rows().get(0));

        assertThat(f.dialogs.confirmations).as("no question for a quiet key").isEmpty();
        assertThatThrownBy(() -> f.server(old.key().id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBatchsSecretsGoIntoOneOwnerOnlyExportFileMarkedAsSecret() throws Exception {
        CreatedKey a = f.oldKey("Batch a", "datasets:read");
        CreatedKey b = f.oldKey("Batch b", "jobs:read");
        f.use(a, "datasets", false);
        Path file = dir.resolve("out/new.SECRETS.csv");
        f.chosenFile = java.util.Optional.of(file);
        f.review.review(List.of(a.key(), b.key()), true);
        f.item(a.key().id()).accept();
        // b was never used: its proposal is to revoke it; keeping its grants rotates it instead.
        assertThat(f.item(b.key().id()).proposalProperty().get().kind()).isEqualTo(Proposal.Kind.REVOKE);
        f.item(b.key().id()).keepGrants();
        assertThat(f.item(b.key().id()).rotatable()).isTrue();
        f.review.handoverProperty().set(RotationFlow.Handover.EXPORT_FILE);

        f.review.rotate();

        assertThat(f.handed).as("nothing shown one by one").isEmpty();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(SecretFiles.EXPORT_WARNING);
        assertThat(Files.getPosixFilePermissions(file))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        List<String> rows = lines.stream().filter(l -> l.startsWith("key_")).toList();
        assertThat(rows).hasSize(2);
        for (String row : rows) {
            String secret = row.substring(row.lastIndexOf(',') + 1);
            try (Secret s = Secret.of(secret)) {
                assertThat(f.backend.useKey(s, row.contains(a.key().id()) ? "datasets" : "jobs", false))
                        .as("the exported secret works").isEqualTo(200);
            }
        }
        assertThat(f.server(a.key().id()).name()).isEqualTo("[rotating] Batch a");
        assertThat(f.server(b.key().id()).name()).isEqualTo("[rotating] Batch b");
    }

    @Test
    void graceNowRevokesTheOldKeyOnlyAfterTheSecretWasHandedOver() {
        CreatedKey old = f.oldKey("No grace", "datasets:read");
        f.use(old, "datasets", false);
        f.review.review(List.of(old.key()), true);
        f.item(old.key().id()).accept();
        f.review.graceProperty().set(Grace.NOW);

        f.review.rotate();

        assertThat(f.handed).hasSize(1);
        assertThat(f.dialogs.confirmations).hasSize(2);
        assertThat(f.dialogs.confirmations.get(1)).startsWith("Revoke the old key now?");
        assertThatThrownBy(() -> f.server(old.key().id())).isInstanceOf(NotFoundException.class);
        assertThat(f.item(old.key().id()).outcomeProperty().get()).endsWith("the old key is revoked");
    }

    @Test
    void aKeyNobodyUsedIsProposedForRevokingThroughTheIncidentEnginesTypedCount() {
        CreatedKey idle = f.oldKey("Idle", "datasets:read");
        f.review.review(List.of(idle.key()), false);
        KeyReviewViewModel item = f.item(idle.key().id());
        assertThat(item.proposalProperty().get().kind()).isEqualTo(Proposal.Kind.REVOKE);

        item.accept();
        assertThat(f.review.rotateActionProperty().get().enabled()).as("a revoke is not a rotation").isFalse();
        f.dialogs.promptAnswer = "1";
        f.review.revokeUnused();

        assertThat(f.dialogs.prompts).singleElement().asString().contains("reviewed keys nothing used: 1 key")
                .contains("Type 1");
        assertThatThrownBy(() -> f.server(idle.key().id())).isInstanceOf(NotFoundException.class);
        assertThat(item.outcomeProperty().get()).isEqualTo("Revoked");
        assertThat(f.dialogs.infos).singleElement().asString().contains("The report is in");
    }

    @Test
    void withoutUsageOnTheServerTheReviewSaysWhyAndStillShowsTheGrants() {
        FakeKeys api = new FakeKeys();
        api.capabilities = Capabilities.of(Dialect.NARRATIVE, Map.of(Capability.USAGE,
                "Narrative's API does not report what a token was used for."));
        ApiKey key = FakeKeys.key("key_n", "Narrative token", Instant.now().plus(Duration.ofDays(30)), null,
                "datasets:read", "jobs:write");
        api.add(key);
        FixedSession session = f.session;
        session.set(FakeKeys.connection(api, "admin:*"));

        f.review.review(List.of(key), false);

        assertThat(f.review.unavailableProperty().get())
                .isEqualTo("Usage per permission is unavailable on this server: Narrative's API does not report "
                        + "what a token was used for. The keys' grants are shown; nothing is proposed.");
        KeyReviewViewModel item = f.item("key_n");
        assertThat(item.loadStateProperty().get()).isEqualTo(KeyReviewViewModel.LoadState.NO_USAGE);
        assertThat(item.proposalProperty().get()).isNull();
        assertThat(item.matrix().selection()).containsExactly(p("datasets:read"), p("jobs:write"));
        assertThat(item.matrix().notes()).isEmpty();
    }
}
