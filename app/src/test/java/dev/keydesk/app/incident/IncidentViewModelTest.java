package dev.keydesk.app.incident;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.app.testing.QueuedFxThread;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.incident.BreakGlass;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.TargetRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Incident workspace's rules without a window: the typed confirmation (the count, and the
 * profile's name on production), the preview that must be of the plan as it is now, the state
 * machine from planning to finished, retry of what failed, the thaw of what a freeze froze,
 * cancel before the run started, break-glass that stops where it must, and the report export.
 * The real engine runs over {@link FakeKeys}; its news comes through a queued "FX thread".
 */
class IncidentViewModelTest {

    @TempDir
    Path reports;

    private final FakeKeys api = new FakeKeys();
    private final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    private final QueuedFxThread fx = new QueuedFxThread();
    private final AtomicInteger reloads = new AtomicInteger();
    private final List<String> handedOver = new ArrayList<>();
    private FixedSession session;
    private IncidentViewModel vm;

    @BeforeEach
    void keys() {
        Instant now = Instant.now();
        api.add(FakeKeys.key("ci_1", "ci-deploy", now.plus(Duration.ofDays(30)), now.minus(Duration.ofHours(1)),
                "datasets:write"));
        api.add(FakeKeys.key("ci_2", "ci-nightly", now.plus(Duration.ofDays(30)), null, "datasets:read"));
        api.add(FakeKeys.key("web_1", "web-frontend", now.plus(Duration.ofDays(30)), null, "queries:read"));
        api.add(FakeKeys.key("key_admin", "admin", null, null, "admin:*"));
        session = new FixedSession(FakeKeys.connection(api, "admin:*"));
        vm = viewModel(new CurrentThreadTaskRunner(), (c) -> new BreakGlass((k, s) -> handedOver.add(k.id()),
                (k, s) -> api));
    }

    private IncidentViewModel viewModel(dev.keydesk.app.common.TaskRunner tasks,
                                        java.util.function.Function<Connection, BreakGlass> breakGlass) {
        return new IncidentViewModel(session, tasks, dialogs, fx, Clock.systemUTC(), ZoneId.of("UTC"), reports,
                new BreakGlassSupport() {
                    @Override
                    public String whereKept(Connection connection) {
                        return "kept for this session";
                    }

                    @Override
                    public BreakGlass forRun(Connection connection) {
                        return breakGlass.apply(connection);
                    }
                }, (revoked, position, onCreated, after) -> { }, e -> false, reloads::incrementAndGet);
    }

    private void rules(IncidentAction action, TargetRule... rules) {
        vm.form().actionProperty().set(action);
        for (TargetRule r : rules) {
            RuleEditor editor = vm.form().addRule();
            editor.kindProperty().set(RuleKind.of(r));
            editor.valueProperty().set(r.value());
        }
        vm.requestPreview();
    }

    private void runToTheEnd() {
        vm.start();
        fx.runUntil("the run finished", () -> vm.phase() == IncidentViewModel.Phase.FINISHED);
    }

    @Test
    void theCountAndOnProductionTheProfilesNameMustBeTypedBeforeAnythingIsSent() {
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("ci-*"));
        assertThat(vm.previewProperty().get().count()).isEqualTo(2);
        assertThat(vm.confirmPromptProperty().get())
                .isEqualTo("Type 2 and the profile's name, “Prod EU”, to revoke 2 keys on this production server");
        assertThat(vm.nameRequiredProperty().get()).isTrue();
        assertThat(vm.profileNameToType()).isEqualTo("Prod EU");
        assertThat(vm.startStateProperty().get().reason()).isEqualTo("Type 2 to confirm");

        vm.typedCountProperty().set("3");
        vm.start();
        assertThat(api.revoked).as("a wrong count starts nothing").isEmpty();
        vm.typedCountProperty().set(" 2 ");
        assertThat(vm.startStateProperty().get().reason()).isEqualTo("Type the profile's name, “Prod EU”, to confirm");
        vm.typedNameProperty().set("Prod");
        assertThat(vm.startStateProperty().get().enabled()).isFalse();
        vm.typedNameProperty().set(" prod eu ");
        assertThat(vm.startStateProperty().get().enabled()).as("case and surrounding spaces do not matter").isTrue();

        runToTheEnd();
        assertThat(api.revoked).containsExactlyInAnyOrder("ci_1", "ci_2");
    }

    @Test
    void onANonProductionProfileTheCountIsEnough() {
        Profile sandbox = new Profile("s", "Team sandbox", "https://sandbox.example", Environment.SANDBOX,
                Profile.KeySource.SESSION_ONLY, null);
        Connection c = FakeKeys.connection(api, "admin:*");
        session.set(new Connection(sandbox, api, c.whoami(), c.catalog(), c.policy()));
        rules(IncidentAction.FREEZE, new TargetRule.OfType("live"), new TargetRule.NeverUsed());
        assertThat(vm.nameRequiredProperty().get()).isFalse();
        assertThat(vm.previewProperty().get().count()).as("live AND never used, the connected key left out").isEqualTo(2);
        vm.typedCountProperty().set("2");
        assertThat(vm.startStateProperty().get().enabled()).isTrue();
        assertThat(TypedConfirmation.matches("2", null, 2, sandbox)).isTrue();
    }

    @Test
    void aPreviewOfAnEarlierPlanCannotBeConfirmed() {
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("ci-*"));
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        assertThat(vm.startStateProperty().get().enabled()).isTrue();

        vm.form().rules().get(0).valueProperty().set("ci-d*"); // the plan changes; its preview is not in yet
        assertThat(vm.previewCurrentProperty().get()).isFalse();
        assertThat(vm.startStateProperty().get().reason()).isEqualTo("Wait for the preview");
        vm.start();
        assertThat(api.revoked).isEmpty();

        vm.requestPreview();
        assertThat(vm.previewProperty().get().count()).isEqualTo(1);
        assertThat(vm.startStateProperty().get().reason()).as("the typed 2 no longer matches").isEqualTo("Type 1 to confirm");
    }

    @Test
    void thePreviewSaysWhatIsAtStakeAndLeavesTheConnectedKeyOut() {
        rules(IncidentAction.REVOKE, new TargetRule.All());
        var p = vm.previewProperty().get();
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.connectedKeyLeftOut()).isTrue();
        assertThat(p.usedRecently()).extracting(ApiKey::id).containsExactly("ci_1");
        assertThat(p.permissionsAtStake()).containsKeys("datasets:write", "datasets:read", "queries:read");
        assertThat(p.warnings()).anyMatch(w -> w.contains("left out"));
        assertThat(vm.inventoryTextProperty().get()).startsWith("4 keys on the server");
        // The inventory and the revoked keys; a change of plan then asks for the revoked keys only.
        assertThat(api.listCalls).isEqualTo(2);
        vm.form().exceptionsProperty().set("web_1");
        vm.requestPreview();
        assertThat(vm.previewProperty().get().count()).isEqualTo(2);
        assertThat(api.listCalls).as("the inventory is reused").isEqualTo(3);
        vm.refreshInventory();
        assertThat(api.listCalls).as("F5 reads it again").isEqualTo(5);
    }

    @Test
    void aRunGoesFromPlanningThroughRunningToFinishedWithEveryOutcomeAndNextSteps() {
        vm.prefill(List.of(api.keys.get("ci_1"), api.keys.get("web_1")), IncidentAction.REVOKE);
        vm.form().reasonProperty().set("leaked in a CI log");
        vm.form().referenceProperty().set("INC-42");
        vm.requestPreview();
        assertThat(vm.form().sourceProperty().get()).isEqualTo(PlanForm.Source.SELECTION);
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        vm.start();
        assertThat(vm.phase()).isIn(IncidentViewModel.Phase.STARTING, IncidentViewModel.Phase.RUNNING);
        assertThat(vm.startStateProperty().get().enabled()).as("no second start while running").isFalse();
        fx.runUntil("the run finished", () -> vm.phase() == IncidentViewModel.Phase.FINISHED);

        assertThat(vm.outcomes()).extracting(OutcomeRow::kind).containsOnly(Outcome.REVOKED).hasSize(2);
        assertThat(vm.headlineProperty().get()).isEqualTo("All 2 keys are revoked.");
        assertThat(vm.reportFolderTextProperty().get()).startsWith(reports.toString());
        assertThat(reloads).as("the key table reloads").hasValue(1);
        assertThat(vm.retryStateProperty().get().enabled()).isFalse();
        NextSteps next = vm.nextStepsProperty().get();
        assertThat(next).isNotNull();
        assertThat(next.replacements().keys()).extracting(ApiKey::id).containsExactlyInAnyOrder("ci_1", "web_1");
        assertThat(next.summary()).contains("INC-42").contains("leaked in a CI log").contains("ci-deploy")
                .contains(vm.reportFolder().orElseThrow().toString());

        vm.newIncident();
        assertThat(vm.phase()).isEqualTo(IncidentViewModel.Phase.PLANNING);
        assertThat(vm.form().plan()).isNull();
        assertThat(vm.outcomes()).isEmpty();
    }

    @Test
    void failedKeysAreFilteredAndRetriedAsANewConfirmedRun() {
        api.failRevoke.put("ci_2", new PermissionDeniedException("no", 403, "permission_denied", "req_9", null, null, null));
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("ci-*"));
        vm.form().referenceProperty().set("INC-7");
        vm.requestPreview();
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();

        assertThat(vm.headlineProperty().get()).isEqualTo("1 of 2 keys were not revoked.");
        vm.outcomeFilterProperty().set(IncidentViewModel.OutcomeFilter.FAILED);
        assertThat(vm.shownOutcomes()).extracting(OutcomeRow::id).containsExactly("ci_2");
        assertThat(vm.shownOutcomes().get(0).requestId()).isEqualTo("req_9");
        vm.outcomeFilterProperty().set(IncidentViewModel.OutcomeFilter.ALL);
        assertThat(vm.shownOutcomes()).hasSize(2);
        assertThat(vm.retryStateProperty().get().enabled()).isTrue();

        api.failRevoke.clear();
        vm.retryFailed();
        assertThat(vm.phase()).isEqualTo(IncidentViewModel.Phase.PLANNING);
        assertThat(vm.form().chosen()).extracting(PlanForm.ChosenKey::id).containsExactly("ci_2");
        assertThat(vm.form().referenceProperty().get()).isEqualTo("INC-7");
        assertThat(vm.previewProperty().get().count()).isEqualTo(1);
        assertThat(vm.startStateProperty().get().reason()).as("a retry is confirmed again").isEqualTo("Type 1 to confirm");
        vm.typedCountProperty().set("1");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        assertThat(api.revoked).containsExactlyInAnyOrder("ci_1", "ci_2");
        assertThat(vm.headlineProperty().get()).isEqualTo("The key is revoked.");
    }

    @Test
    void aFreezeCanBeThawedExactlyFromItsResultAndFromItsReport() throws Exception {
        rules(IncidentAction.FREEZE, new TargetRule.NameMatches("ci-*"));
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        assertThat(api.keys.get("ci_1").status()).isEqualTo("disabled");
        assertThat(vm.thawStateProperty().get().enabled()).isTrue();
        assertThat(vm.nextStepsProperty().get().replacements()).as("a freeze needs no replacements").isNull();
        Path report = vm.reportFolder().orElseThrow();

        vm.thawWhatWasFrozen();
        assertThat(vm.form().actionProperty().get()).isEqualTo(IncidentAction.THAW);
        assertThat(vm.form().chosen()).extracting(PlanForm.ChosenKey::id).containsExactlyInAnyOrder("ci_1", "ci_2");
        assertThat(vm.form().chosen()).extracting(PlanForm.ChosenKey::label).anyMatch(l -> l.startsWith("ci-deploy"));

        vm.newIncident();
        vm.thawFromReport(report);
        assertThat(vm.form().actionProperty().get()).isEqualTo(IncidentAction.THAW);
        assertThat(vm.previewProperty().get().targets()).extracting(ApiKey::id).containsExactlyInAnyOrder("ci_1", "ci_2");
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        assertThat(api.keys.get("ci_1").status()).isEqualTo("active");
        assertThat(api.keys.get("ci_2").status()).isEqualTo("active");
        assertThat(vm.nextStepsProperty().get()).as("a thaw has no next steps").isNull();
    }

    @Test
    void aReportThatIsNotAFreezesCannotBeThawed() {
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("web-*"));
        vm.typedCountProperty().set("1");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        assertThat(vm.thawStateProperty().get().enabled()).isFalse();
        vm.thawFromReport(vm.reportFolder().orElseThrow());
        assertThat(dialogs.errors).singleElement().satisfies(m -> assertThat(m.whatHappened()).contains("not of a freeze"));
    }

    @Test
    void cancelBeforeTheRunHasStartedEndsWithEveryKeyInAKnownState() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        vm = viewModel(tasks, c -> null);
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("ci-*"));
        tasks.runAll();
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        vm.start();
        assertThat(vm.phase()).isEqualTo(IncidentViewModel.Phase.STARTING);
        vm.cancel();
        assertThat(vm.cancellingProperty().get()).isTrue();
        tasks.runAll();
        fx.runUntil("the cancelled run finished", () -> vm.phase() == IncidentViewModel.Phase.FINISHED);
        var result = vm.resultProperty().get();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.outcomes()).hasSize(2).allSatisfy(o -> assertThat(o.outcome())
                .isIn(Outcome.REVOKED, Outcome.NOT_ATTEMPTED));
        assertThat(api.revoked).hasSize(result.count(Outcome.REVOKED));
    }

    @Test
    void breakGlassThatCannotHandOverTheSecretLeavesTheOldKeyAliveAndSaysWhereThingsStand() {
        vm = viewModel(new CurrentThreadTaskRunner(), c -> new BreakGlass((k, s) -> {
            throw new IllegalStateException("the dialog could not open");
        }, (k, s) -> api));
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("*"));
        vm.form().includeConnectedKeyProperty().set(true);
        vm.requestPreview();
        assertThat(vm.previewProperty().get().breakGlass()).isTrue();
        assertThat(vm.previewProperty().get().count()).isEqualTo(4);
        vm.typedCountProperty().set("4");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();

        assertThat(api.keys).containsKey("key_admin");
        assertThat(vm.breakGlassProblemProperty().get()).contains("hand over").contains("left alive");
        assertThat(vm.breakGlassLines()).anyMatch(l -> l.contains("Create the replacement key"));
        assertThat(api.created).singleElement().satisfies(k -> assertThat(api.keys).doesNotContainKey(k.id()));
    }

    @Test
    void breakGlassHandsTheSecretOverThenRevokesTheOldKeyLast() {
        rules(IncidentAction.REVOKE, new TargetRule.All());
        vm.form().includeConnectedKeyProperty().set(true);
        vm.requestPreview();
        vm.typedCountProperty().set("4");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        assertThat(handedOver).containsExactly("key_new_1");
        assertThat(api.revoked).last().isEqualTo("key_admin");
        assertThat(vm.breakGlassProblemProperty().get()).isEmpty();
    }

    @Test
    void theReportIsExportedAsJsonOrCsvWithoutASecret() throws Exception {
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("web-*"));
        vm.form().referenceProperty().set("INC-9");
        vm.requestPreview();
        vm.typedCountProperty().set("1");
        vm.typedNameProperty().set("Prod EU");
        runToTheEnd();
        Path json = reports.resolve("copy.json");
        Path csv = reports.resolve("copy.csv");
        vm.exportReport(json);
        vm.exportReport(csv);
        assertThat(Files.readString(json)).contains("\"incident\" : \"INC-9\"").contains("web_1").doesNotContain("secret");
        assertThat(Files.readString(csv)).startsWith("incident,").contains("web_1");
        assertThat(dialogs.infos).last().asString().contains("holds no secret");
    }

    @Test
    void aPlanCannotBeReplacedWhileARunIsGoing() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        vm = viewModel(tasks, c -> null);
        rules(IncidentAction.REVOKE, new TargetRule.NameMatches("ci-*"));
        tasks.runAll();
        vm.typedCountProperty().set("2");
        vm.typedNameProperty().set("Prod EU");
        vm.start();
        assertThat(vm.prefill(List.of(api.keys.get("web_1")), IncidentAction.FREEZE)).isFalse();
        assertThat(dialogs.infos).last().asString().contains("An incident run is going");
        tasks.runAll();
        fx.runUntil("the run finished", () -> vm.phase() == IncidentViewModel.Phase.FINISHED);
    }
}
