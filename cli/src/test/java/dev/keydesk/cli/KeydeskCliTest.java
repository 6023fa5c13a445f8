package dev.keydesk.cli;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.incident.IncidentReport;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.testing.FaultProxy;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.server.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every command and exit code of {@code keydesk}, in-process, against the real local server. */
class KeydeskCliTest {

    @TempDir
    Path dir;

    private TestBackend backend;
    private CliHarness cli;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() {
        backend = TestBackend.start(dir.resolve("server"), 40, o -> o.plan(Plan.UNLIMITED)).withListedKeys(40);
        cli = new CliHarness(dir.resolve("home"));
        cli.env.put("KEYDESK_SERVER", backend.server().baseUri().toString());
        cli.env.put("KEYDESK_API_KEY", backend.adminSecret().reveal());
        secrets.add(backend.adminSecret().reveal());
    }

    @AfterEach
    void stop() throws Exception {
        for (String output : cli.allOutput) {
            for (String s : secrets) {
                assertThat(output).as("no secret in any output").doesNotContain(s);
            }
        }
        if (Files.exists(cli.paths.incidentsDir())) {
            try (Stream<Path> files = Files.walk(cli.paths.incidentsDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(f);
                    secrets.forEach(s -> assertThat(text).as(f.toString()).doesNotContain(s));
                    assertThat(Files.getPosixFilePermissions(f)).as(f + " owner-only")
                            .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                }
            }
        }
        cli.close();
        backend.close();
    }

    private List<ApiKey> keys() {
        try (KeyApi api = backend.client(backend.adminSecret())) {
            return api.listAllKeys(n -> { });
        }
    }

    private String adminId() {
        return backend.connection().connectedKeyId().orElseThrow();
    }

    @Test
    void helpTeachesCommandsExamplesAndExitCodes() {
        CliHarness.Result r = cli.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("revoke", "freeze", "thaw", "whoami", "Examples:", "Exit codes:",
                "KEYDESK_API_KEY", "never from a flag");
        CliHarness.Result revoke = cli.run("revoke", "--help");
        assertThat(revoke.out()).contains("--match", "--ids-from", "--include-self", "--dry-run", "Exit codes");
        assertThat(cli.run().code()).isEqualTo(2);
        assertThat(cli.run("frobnicate").code()).isEqualTo(2);
    }

    /** A terminal is 80 columns: no help line may wrap there, and no command's summary may stop mid-sentence. */
    @Test
    void everyHelpFitsEightyColumnsAndEverySummaryIsASentence() {
        List<String> commands = List.of("whoami", "list", "export", "create", "identify", "review", "rotate", "revoke",
                "freeze", "thaw", "reset-local-admin");
        for (String command : commands) {
            String help = cli.run(command, "--help").out();
            assertThat(help.lines().filter(l -> l.codePointCount(0, l.length()) > 80))
                    .as(command + " --help").isEmpty();
        }
        String main = cli.run("--help").out();
        assertThat(main.lines().filter(l -> l.codePointCount(0, l.length()) > 80)).as("keydesk --help").isEmpty();
        String list = main.substring(main.indexOf("Commands:"), main.indexOf("Examples:"));
        for (String command : commands) {
            int at = list.indexOf("  " + command + " ");
            assertThat(at).as(command + " is listed").isNotNegative();
            int next = list.indexOf("\n  ", at + 1);
            while (next >= 0 && list.startsWith("                     ", next + 1)) {
                next = list.indexOf("\n  ", next + 1);
            }
            String summary = (next < 0 ? list.substring(at) : list.substring(at, next)).strip();
            assertThat(summary).as(command + "'s summary").endsWith(".");
        }
    }

    @Test
    void whoamiInEachFormat() {
        CliHarness.Result table = cli.run("whoami");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains(adminId()).contains("admin:*");
        CliHarness.Result json = cli.run("--format", "json", "whoami");
        assertThat(json.out()).contains("\"key_id\" : \"" + adminId() + "\"");
        // The options above the command may also follow it, as the subcommands' examples write them.
        CliHarness.Result after = cli.run("whoami", "--format", "json");
        assertThat(after.code()).isZero();
        assertThat(after.out()).isEqualTo(json.out());
        assertThat(cli.run("--format", "csv", "whoami").out()).startsWith("server,profile,key_id");
    }

    @Test
    void connectionProblemsAreExitTwoWithSentencesNotStackTraces() {
        cli.env.remove("KEYDESK_API_KEY");
        CliHarness.Result noKey = cli.run("whoami");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("set KEYDESK_API_KEY");

        cli.env.put("KEYDESK_API_KEY", "sk_live_not_a_real_key");
        CliHarness.Result refused = cli.run("whoami");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("Admin key refused").contains("Nothing was changed").doesNotContain("\tat ");

        cli.env.put("KEYDESK_API_KEY", backend.adminSecret().reveal());
        CliHarness.Result down = cli.run("--server", "http://127.0.0.1:1", "list");
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err()).contains("could not be reached").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli.run("--server", "http://x", "--profile", "y", "whoami").code()).isEqualTo(2);
    }

    @Test
    void listFiltersAndFormats() {
        CliHarness.Result all = cli.run("list");
        assertThat(all.code()).isZero();
        // The demo data revokes a few of its keys, and a list shows only the others (plus the admin key).
        assertThat(all.out().lines().count()).isEqualTo(1 + keys().size());
        CliHarness.Result disabled = cli.run("--format", "csv", "list", "--status", "disabled");
        long expected = keys().stream().filter(k -> KeyStatus.DISABLED.equals(k.status())).count();
        assertThat(disabled.out().lines().count()).isEqualTo(1 + expected);
        assertThat(cli.run("--format", "json", "list", "--expiring", "7").out()).startsWith("[");
        assertThat(cli.run("list", "--match", "billing").out()).contains("Billing");
    }

    @Test
    void exportWritesAnOwnerOnlyFileWithoutSecrets() throws Exception {
        Path out = dir.resolve("keys.csv");
        CliHarness.Result r = cli.run("export", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readAllLines(out)).hasSize(1 + keys().size());
        assertThat(Files.getPosixFilePermissions(out)).doesNotContain(PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        assertThat(Files.readString(out)).doesNotContain(backend.adminSecret().reveal());
        assertThat(cli.run("--format", "json", "export").out()).startsWith("[");
    }

    @Test
    void createPrintsTheSecretAloneOnStdoutAndNeedsAConfirmation() {
        CliHarness.Result refused = cli.run("create", "--name", "ci-new", "--preset", "analytics");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("no terminal");

        cli.terminal = new CliHarness.FakeTerminal("0");
        assertThat(cli.run("create", "--name", "ci-new", "--preset", "analytics").code()).isEqualTo(1);

        cli.terminal = null;
        CliHarness.Result made = cli.run("create", "--name", "ci-new", "--permission", "datasets:read",
                "--permission", "jobs:write", "--days", "10", "--type", "test", "--yes");
        assertThat(made.code()).isZero();
        String secret = made.out().strip();
        // That stdout is the one place the new secret belongs; every other output is checked for it.
        cli.allOutput.remove(made.out());
        secrets.add(secret);
        assertThat(made.out().lines().count()).isEqualTo(1);
        assertThat(secret).startsWith("sk_test_");
        assertThat(made.err()).contains("cannot be shown again");
        try (KeyApi api = backend.client(Secret.of(secret))) {
            assertThat(api.whoami().orElseThrow().key().name()).isEqualTo("ci-new");
        }
        assertThat(cli.run("create", "--name", "x", "--preset", "nope", "--yes").code()).isEqualTo(2);
        assertThat(cli.run("create", "--name", "x").code()).as("permissions are required").isEqualTo(2);
    }

    @Test
    void revokeDryRunConfirmRunAndReport() throws Exception {
        int before = keys().size();
        CliHarness.Result dry = cli.run("revoke", "--match", "billing*", "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.err()).contains("Revoke").contains("in use:").contains("Dry run: nothing was changed");
        assertThat(keys()).hasSize(before);

        CliHarness.Result noTerminal = cli.run("revoke", "--match", "billing*");
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("Refusing").contains("--yes");

        long billing = keys().stream().filter(k -> k.name().toLowerCase().startsWith("billing")).count();
        cli.terminal = new CliHarness.FakeTerminal(Long.toString(billing));
        Path copy = dir.resolve("inc.json");
        CliHarness.Result run = cli.run("revoke", "--match", "billing*", "--reason", "leaked", "--incident", "INC-9",
                "--report", copy.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(cli.terminal.prompts).singleElement().asString().contains("Type " + billing);
        assertThat(run.out()).contains("Revoked " + billing + " of " + billing);
        assertThat(keys()).hasSize((int) (before - billing));
        IncidentReport report = IncidentReport.read(copy);
        assertThat(report.incident()).isEqualTo("INC-9");
        assertThat(report.reason()).isEqualTo("leaked");
        assertThat(report.keys()).hasSize((int) billing).allMatch(k -> k.outcomeValue() == Outcome.REVOKED);
        try (Stream<Path> runs = Files.list(cli.paths.incidentsDir())) {
            assertThat(runs.map(p -> p.getFileName().toString())).singleElement().asString().endsWith("-INC-9");
        }
        assertThat(cli.run("revoke", "--yes").code()).as("no targets named").isEqualTo(2);
        CliHarness.Result none = cli.run("revoke", "--match", "nothing-matches-*", "--yes");
        assertThat(none.code()).isZero();
        assertThat(none.err()).contains("Nothing to revoke");
    }

    @Test
    void idsFromStdinAndJsonOutput() throws Exception {
        List<String> two = keys().stream().filter(k -> !k.id().equals(adminId())).limit(2).map(ApiKey::id).toList();
        cli.stdin = "# leaked\n" + two.get(0) + "\n" + two.get(1) + ", key_unknown\n";
        CliHarness.Result r = cli.run("--format", "json", "revoke", "--ids-from", "-", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"format\" : \"keydesk-incident-report\"").contains(two.get(0));
        assertThat(r.err()).contains("not on the server's list");
    }

    @Test
    void aKeyThatFailsMakesExitOneAndTheReportSaysWhich() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(backend.server().baseUri())) {
            String victim = keys().stream().filter(k -> !k.id().equals(adminId())).findFirst().orElseThrow().id();
            proxy.faultsOn(r -> r.getMethod().equals("DELETE") && r.getTarget().contains(victim)).failFraction(1.0);
            cli.env.put("KEYDESK_SERVER", proxy.baseUri().toString());
            CliHarness.Result r = cli.run("revoke", "--all", "--yes");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).contains(victim).contains("failed").contains("req_proxy_");
            assertThat(keys()).extracting(ApiKey::id).containsExactlyInAnyOrder(adminId(), victim);
            Path failed;
            try (Stream<Path> runs = Files.list(cli.paths.incidentsDir())) {
                failed = runs.findFirst().orElseThrow().resolve("failed.txt");
            }
            assertThat(Files.readString(failed).strip()).isEqualTo(victim);
            proxy.clear();
            CliHarness.Result again = cli.run("revoke", "--ids-from", failed.toString(), "--yes");
            assertThat(again.code()).isZero();
            assertThat(keys()).extracting(ApiKey::id).containsExactly(adminId());
        }
    }

    @Test
    void ctrlCCancelsCleanlyWithACompleteReportAndExitOne() throws Exception {
        int live0 = keys().size(); // the demo keys that are not revoked, and the admin key (left out)
        try (FaultProxy proxy = FaultProxy.start(backend.server().baseUri())) {
            proxy.latency(java.time.Duration.ofMillis(30));
            cli.env.put("KEYDESK_SERVER", proxy.baseUri().toString());
            Thread presser = new Thread(() -> {
                try {
                    while (!cli.interrupts.armed() || countJournalKeys() < 5) {
                        Thread.sleep(5);
                    }
                    cli.interrupts.press();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            presser.start();
            CliHarness.Result r = cli.run("revoke", "--all", "--yes", "--concurrency", "1");
            presser.join();
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("Cancelling");
            assertThat(r.out()).contains("Cancelled.").contains("not attempted");
            Path folder;
            try (Stream<Path> runs = Files.list(cli.paths.incidentsDir())) {
                folder = runs.findFirst().orElseThrow();
            }
            IncidentReport report = IncidentReport.read(folder);
            assertThat(report.cancelled()).isTrue();
            assertThat(report.keys()).hasSize(live0 - 1);
            Set<String> revoked = report.idsWith(Outcome.REVOKED);
            Set<String> live = keys().stream().map(ApiKey::id).collect(Collectors.toSet());
            assertThat(live).doesNotContainAnyElementsOf(revoked);
            assertThat(live).containsAll(report.idsWith(Outcome.NOT_ATTEMPTED));
        }
    }

    private long countJournalKeys() throws Exception {
        if (!Files.exists(cli.paths.incidentsDir())) {
            return 0;
        }
        try (Stream<Path> runs = Files.list(cli.paths.incidentsDir())) {
            Path journal = runs.findFirst().map(p -> p.resolve(IncidentReport.JOURNAL_FILE)).orElse(null);
            if (journal == null || !Files.exists(journal)) {
                return 0;
            }
            return Files.readAllLines(journal).stream().filter(l -> l.contains("\"record\":\"key\"")).count();
        }
    }

    @Test
    void freezeThenThawFromTheReport() throws Exception {
        Path report = dir.resolve("freeze.json");
        CliHarness.Result frozen = cli.run("freeze", "--type", "test", "--report", report.toString(), "--yes");
        assertThat(frozen.code()).as(frozen.err()).isZero();
        Set<String> frozenIds = IncidentReport.read(report).idsWith(Outcome.FROZEN);
        assertThat(frozenIds).isNotEmpty();
        assertThat(keys().stream().filter(k -> frozenIds.contains(k.id()))).allMatch(k -> "disabled".equals(k.status()));
        assertThat(cli.run("thaw", "--report", report.toString(), "--dry-run").code()).isZero();
        CliHarness.Result thawed = cli.run("thaw", "--report", report.toString(), "--yes");
        assertThat(thawed.code()).as(thawed.err()).isZero();
        assertThat(thawed.out()).contains("Thawed " + frozenIds.size());
        assertThat(keys().stream().filter(k -> frozenIds.contains(k.id()))).allMatch(k -> "active".equals(k.status()));
        assertThat(cli.run("thaw", "--report", dir.resolve("missing.json").toString()).code()).isEqualTo(2);
        Path revokeReport;
        try (Stream<Path> runs = Files.list(cli.paths.incidentsDir())) {
            revokeReport = runs.sorted().reduce((a, b) -> b).orElseThrow();
        }
        CliHarness.Result notFreeze = cli.run("thaw", "--report", revokeReport.toString(), "--yes");
        assertThat(notFreeze.code()).isEqualTo(2);
        assertThat(notFreeze.err()).contains("not of a freeze");
    }

    @Test
    void revokeAllIncludingSelfHandsTheNewKeyOverAndKeepsControl() throws Exception {
        CliHarness.Result refused = cli.run("revoke", "--all", "--include-self", "--yes");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("--new-admin-key-file");

        Path keyFile = dir.resolve("new-admin.key");
        CliHarness.Result r = cli.run("revoke", "--all", "--include-self", "--yes", "--new-admin-key-file",
                keyFile.toString(), "--incident", "INC-ALL");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String fresh = Files.readString(keyFile).strip();
        secrets.add(fresh);
        try (KeyApi api = backend.client(Secret.of(fresh))) {
            ApiKey me = api.whoami().orElseThrow().key();
            assertThat(me.name()).contains("Replaces").contains("INC-ALL");
            assertThat(api.listAllKeys(n -> { })).extracting(ApiKey::id).containsExactly(me.id());
        }
        try (KeyApi old = backend.client(backend.adminSecret())) {
            assertThatThrownBy(old::whoami).isInstanceOf(UnauthorizedException.class);
        }
        assertThat(r.out()).contains("Break-glass: Done");
    }

    @Test
    void breakGlassOnATerminalShowsTheSecretThereOnce() {
        cli.terminal = new CliHarness.FakeTerminal();
        CliHarness.Result r = cli.run("freeze", "--id", adminId(), "--include-self", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        String shown = cli.terminal.secretShown.get();
        secrets.add(shown);
        assertThat(shown).startsWith("sk_live_");
        assertThat(cli.terminal.shown).singleElement().asString().contains("shown this once");
        assertThat(r.out()).doesNotContain(shown);
    }

    @Test
    void identifyReadsTheSecretFromStdinAndNeverEchoesIt() {
        CliHarness.Result made = cli.run("create", "--name", "leaky", "--preset", "analytics", "--yes");
        String secret = made.out().strip();
        cli.allOutput.remove(made.out());
        secrets.add(secret);
        cli.stdin = secret + "\n";
        CliHarness.Result r = cli.run("identify");
        if (backend.api().capabilities().has(dev.keydesk.client.Capability.IDENTIFY)) {
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("leaky");
            assertThat(r.err()).contains("keydesk revoke --id");
            cli.stdin = "sk_live_nobodyhasthisone0000000000000000\n";
            assertThat(cli.run("identify").code()).isEqualTo(1);
        } else {
            // Today's local server lacks POST /v1/api-keys/identify: the command says so and changes nothing.
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("cannot identify");
        }
        cli.stdin = "";
        assertThat(cli.run("identify").code()).isEqualTo(
                backend.api().capabilities().has(dev.keydesk.client.Capability.IDENTIFY) ? 2 : 2);
    }

    @Test
    void theNarrativeDialectIsOffered() {
        CliHarness.Result help = cli.run("--help");
        assertThat(help.out()).contains("--dialect").contains("narrative");
        // Our server does not speak Narrative's API: its whoami is missing, and the CLI says it cannot tell who
        // is calling instead of pretending; nothing is a stack trace.
        CliHarness.Result r = cli.run("--dialect", "narrative", "whoami");
        assertThat(r.err()).doesNotContain("\tat ");
        if (r.code() == 0) {
            assertThat(r.out()).contains("does not say which key");
        } else {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).startsWith("keydesk:");
        }
    }

    @Test
    void profilesFromTheAppAndTheEmbeddedServer() {
        cli.env.remove("KEYDESK_SERVER");
        cli.env.put("STAGING_KEY", backend.adminSecret().reveal());
        new ProfileStore(cli.paths.profilesFile()).save(new Profile("p-1", "Staging", backend.server().baseUri().toString(),
                Environment.STAGING, Profile.KeySource.ENVIRONMENT, "STAGING_KEY"));
        CliHarness.Result byName = cli.run("--profile", "staging", "whoami");
        assertThat(byName.code()).as(byName.err()).isZero();
        assertThat(byName.out()).contains(adminId()).contains("Staging");
        CliHarness.Result unknown = cli.run("--profile", "prod", "whoami");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Staging");

        CliHarness.Result local = cli.run("--profile", "local", "whoami");
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.out()).contains("the local server");
        assertThat(cli.paths.embeddedServerDir().resolve("bootstrap.key")).exists();
    }
}
