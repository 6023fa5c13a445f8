package dev.keydesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.testing.OffsetClock;
import dev.keydesk.core.testing.TestBackend;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code keydesk review} and {@code keydesk rotate} against the real local server, whose clock started 120 days ago. */
class ReviewRotateCliTest {

    private static final Duration AGO = Duration.ofDays(120);

    @TempDir
    Path dir;
    private final OffsetClock serverClock = new OffsetClock(AGO.negated());
    private TestBackend backend;
    private CliHarness cli;
    private final List<Secret> secrets = new ArrayList<>();

    @BeforeEach
    void start() {
        backend = TestBackend.start(dir.resolve("server"), 0, o -> o.clock(serverClock));
        serverClock.setOffset(Duration.ZERO);
        cli = new CliHarness(dir.resolve("home"));
        cli.env.put("KEYDESK_SERVER", backend.server().baseUri().toString());
        cli.env.put("KEYDESK_API_KEY", backend.adminSecret().reveal());
    }

    @AfterEach
    void stop() throws Exception {
        // No secret anywhere but where it was asked for: stdout of a rotate, or its --secret-file.
        for (String output : cli.allOutput) {
            assertThat(output).doesNotContain(backend.adminSecret().reveal());
        }
        Path rotations = cli.paths.rotationsFile();
        if (Files.exists(rotations)) {
            String text = Files.readString(rotations);
            secrets.forEach(s -> assertThat(text).doesNotContain(s.reveal()));
            assertThat(text).as("ids, names and prefixes only").doesNotContain("\"secret\"");
        }
        secrets.forEach(Secret::wipe);
        cli.close();
        backend.close();
    }

    private CreatedKey dueKey(String name, String... permissions) {
        serverClock.setOffset(AGO.negated());
        try {
            CreatedKey k = backend.call(api -> api.createKey(new KeyCreateParams(name, "for " + name, "live",
                    Arrays.stream(permissions).map(Permission::parse).toList(), Instant.now().plus(100, ChronoUnit.DAYS))));
            secrets.add(k.secret().orElseThrow());
            return k;
        } finally {
            serverClock.setOffset(Duration.ZERO);
        }
    }

    private ApiKey server(String id) {
        return backend.call(api -> api.getKey(id)).key();
    }

    @Test
    void reviewPrintsAProposalPerDueKeyWithItsEvidence() throws Exception {
        CreatedKey etl = dueKey("Nightly ETL", "datasets:read", "datasets:write", "jobs:read");
        assertThat(backend.useKey(etl.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        CreatedKey idle = dueKey("Idle", "queries:read");

        CliHarness.Result table = cli.run("review", "--due");
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains(etl.key().id()).contains("Narrow").contains("datasets:write jobs:read")
                .contains("  - datasets:write — never used; 7 d 0 · 30 d 0 · 90 d 0")
                .contains(idle.key().id() + " “Idle”: Never used: revoke it rather than rotate it");
        assertThat(table.err()).contains("Nothing was changed");

        CliHarness.Result json = cli.run("--format", "json", "review", "--id", etl.key().id(), "--window", "7");
        assertThat(json.code()).isZero();
        JsonNode proposals = new ObjectMapper().readTree(json.out());
        assertThat(proposals).hasSize(1);
        JsonNode p = proposals.get(0);
        assertThat(p.get("proposal").asText()).isEqualTo("narrow");
        assertThat(p.get("window_days").asInt()).isEqualTo(7);
        assertThat(p.get("remove").toString()).isEqualTo("[\"datasets:write\",\"jobs:read\"]");
        assertThat(p.get("risk_dropped").toString()).isEqualTo("[\"datasets:write\"]");
        assertThat(p.get("evidence").get(0).get("permission").asText()).isEqualTo("datasets:read");
        assertThat(p.get("addresses").get(0).get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(server(etl.key().id()).permissions()).as("review changes nothing").hasSize(3);

        assertThat(cli.run("review", "--window", "365").code()).isEqualTo(2);
    }

    @Test
    void rotateWithNarrowPrintsTheNewSecretAloneAndGivesTheOldKeyItsGrace() throws Exception {
        CreatedKey old = dueKey("Billing export", "datasets:read", "datasets:write");
        assertThat(backend.useKey(old.secret().orElseThrow(), "datasets", false)).isEqualTo(200);
        Instant before = Instant.now();

        CliHarness.Result r = cli.run("rotate", "--id", old.key().id(), "--grace", "24h", "--narrow", "--yes");

        assertThat(r.code()).as(r.err()).isZero();
        String secret = r.out().strip();
        assertThat(secret).startsWith("sk_live_").doesNotContain("\n");
        try (Secret s = Secret.of(secret)) {
            secrets.add(Secret.of(secret));
            assertThat(backend.useKey(s, "datasets", false)).as("the printed secret works").isEqualTo(200);
            assertThat(backend.useKey(s, "datasets", true)).as("narrowed: no write").isEqualTo(403);
        }
        assertThat(r.err()).contains("removes datasets:write").contains("works for 24 hours");
        ApiKey oldNow = server(old.key().id());
        assertThat(oldNow.name()).isEqualTo("[rotating] Billing export");
        assertThat(oldNow.expiresAt()).isCloseTo(before.plus(Duration.ofHours(24)), within(2, ChronoUnit.MINUTES));
        assertThat(new CutoverStore(cli.paths.rotationsFile()).all()).singleElement()
                .satisfies(c -> assertThat(c.oldKeyId()).isEqualTo(old.key().id()));
        assertThat(Files.getPosixFilePermissions(cli.paths.rotationsFile()))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void rotateAsksLikeEveryChangingCommandAndChangesNothingUnconfirmed() {
        CreatedKey old = dueKey("Ask first", "datasets:read");

        CliHarness.Result noTerminal = cli.run("rotate", "--id", old.key().id());
        assertThat(noTerminal.code()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("without a confirmation");

        cli.terminal = new CliHarness.FakeTerminal("0");
        CliHarness.Result declined = cli.run("rotate", "--id", old.key().id());
        assertThat(declined.code()).isEqualTo(1);
        assertThat(declined.err()).contains("Not confirmed: nothing was changed.");
        assertThat(server(old.key().id()).name()).isEqualTo("Ask first");
        List<ApiKey> keys = backend.call(api -> api.listAllKeys(n -> { }));
        assertThat(keys.stream().filter(k -> k.name().equals("Ask first")).count()).as("no replacement made").isEqualTo(1);
        assertThat(cli.terminal.prompts).singleElement().asString().startsWith("Type 1 to rotate this key");

        assertThat(cli.run("rotate", "--id", old.key().id(), "--grace", "2h", "--yes").code()).isEqualTo(2);
        String adminId = backend.connection().connectedKeyId().orElseThrow();
        assertThat(cli.run("rotate", "--id", adminId, "--yes").err()).contains("admin key you are connected with");
    }

    @Test
    void rotateToASecretFileWithNoGraceRevokesTheOldKeyAfterwards() throws Exception {
        CreatedKey old = dueKey("Rotate now", "datasets:read");
        Path file = dir.resolve("out/new.key");

        CliHarness.Result r = cli.run("--format", "json", "rotate", "--id", old.key().id(), "--grace", "now",
                "--secret-file", file.toString(), "--yes");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(r.out());
        assertThat(result.get("grace").asText()).isEqualTo("now");
        String secret = Files.readString(file).strip();
        secrets.add(Secret.of(secret));
        assertThat(r.out()).doesNotContain(secret);
        assertThat(result.get("grace_result").asText()).isEqualTo("revoked");
        assertThat(result.get("old_key_until").isNull()).isTrue();
        assertThat(Files.getPosixFilePermissions(file))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (Secret s = Secret.of(secret)) {
            assertThat(backend.useKey(s, "datasets", false)).isEqualTo(200);
        }
        assertThatThrownBy(() -> server(old.key().id())).isInstanceOf(NotFoundException.class);
        assertThat(new CutoverStore(cli.paths.rotationsFile()).all().get(0).isOpen()).isFalse();
    }

    @Test
    void narrowingAKeyNothingUsedIsRefusedWithTheReason() {
        CreatedKey idle = dueKey("Never used", "datasets:read");
        CliHarness.Result r = cli.run("rotate", "--id", idle.key().id(), "--narrow", "--yes");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Never used: revoke it rather than rotate it").contains("Nothing was changed");
        assertThat(server(idle.key().id()).name()).isEqualTo("Never used");
    }
}
