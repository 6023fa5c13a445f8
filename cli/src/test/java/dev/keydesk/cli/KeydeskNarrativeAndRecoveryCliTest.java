package dev.keydesk.cli;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keydesk --dialect narrative} with Narrative's own variables against the scripted Narrative
 * server; the address-blocked 429 named as such; and local recovery when the embedded server
 * refuses its own admin key.
 */
class KeydeskNarrativeAndRecoveryCliTest {

    @TempDir
    Path dir;

    private CliHarness cli;
    private NarrativeScriptedServer narrative;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() {
        cli = new CliHarness(dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        for (String output : cli.allOutput) {
            for (String s : secrets) {
                assertThat(output).as("no admin secret in any output").doesNotContain(s);
            }
        }
        cli.close();
        if (narrative != null) {
            narrative.close();
        }
    }

    @Test
    void narrativeListCreateAndRevokeFromNarrativesOwnVariables() {
        narrative = NarrativeScriptedServer.start();
        String token = narrative.adminToken("KeyDesk admin");
        secrets.add(token);
        String etl = narrative.seed("Nightly ETL", Instant.now().plus(40, ChronoUnit.DAYS), "datasets:read");
        // The MCP servers' names: a URL and a token (not NARRATIVE_API_KEY), and no profile at all.
        cli.env.put("NARRATIVE_API_URL", narrative.baseUri().toString());
        cli.env.put("NARRATIVE_API_TOKEN", token);

        CliHarness.Result list = cli.run("--dialect", "narrative", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("ID", "NAME", "STATUS", "EXPIRES");
        assertThat(list.out()).contains(etl).contains("Nightly ETL").contains("active").doesNotContain("null");
        assertThat(list.err()).contains("2 keys on “Narrative (" + narrative.baseUri() + ")”");

        CliHarness.Result created = cli.run("--dialect", "narrative", "create", "--name", "Looker export",
                "--preset", "analytics", "--days", "30", "--yes");
        assertThat(created.code()).as(created.err()).isZero();
        String secret = created.out().strip();
        assertThat(secret).doesNotStartWith("sk_").matches("[A-Za-z0-9+/]+=*");
        assertThat(created.err()).contains("Create “Looker export” on").doesNotContain("(live)")
                .contains("Its secret was printed once").doesNotContain("null");
        String id = narrative.tokenIds().stream().filter(t -> "Looker export".equals(narrative.nameOf(t)))
                .findFirst().orElseThrow();

        CliHarness.Result dryRun = cli.run("--dialect", "narrative", "revoke", "--match", "Looker*", "--dry-run");
        assertThat(dryRun.err()).contains("in use:     not known").doesNotContain(" idle")
                .contains("does not say which key KeyDesk is connected with");
        CliHarness.Result revoked = cli.run("--dialect", "narrative", "revoke", "--id", id, "--yes");
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(narrative.exists(id)).isFalse();
        assertThat(narrative.exists(etl)).isTrue();
        assertThat(narrative.count("DELETE /access-tokens/tokens/" + id)).isEqualTo(1);

        CliHarness.Result whoami = cli.run("--dialect", "narrative", "whoami");
        assertThat(whoami.out()).contains("Signed in as: John Doe · Narrative, Inc")
                .contains("the server does not say which key this is");

        // What cannot work on Narrative says why, before anything is sent.
        CliHarness.Result freeze = cli.run("--dialect", "narrative", "freeze", "--all", "--yes");
        assertThat(freeze.code()).isEqualTo(2);
        assertThat(freeze.err()).contains("cannot be disabled");
    }

    @Test
    void narrativesVariablesAreCheckedAndNeverAFlagOrAToken() {
        CliHarness.Result none = cli.run("--dialect", "narrative", "list");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("set NARRATIVE_API_KEY (or NARRATIVE_API_TOKEN)");

        cli.env.put("NARRATIVE_API_KEY", "YWFh");
        cli.env.put("NARRATIVE_API_TOKEN", "YmJi");
        CliHarness.Result both = cli.run("--dialect", "narrative", "list");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("both set, to different tokens").doesNotContain("YWFh").doesNotContain("YmJi");

        cli.env.remove("NARRATIVE_API_TOKEN");
        cli.env.put("NARRATIVE_ENVIRONMENT", "staging");
        CliHarness.Result odd = cli.run("--dialect", "narrative", "list");
        assertThat(odd.code()).isEqualTo(2);
        assertThat(odd.err()).contains("NARRATIVE_ENVIRONMENT must be prod, dev or a URL");

        cli.env.put("NARRATIVE_ENVIRONMENT", "dev");
        cli.env.put("NARRATIVE_API_URL", "https://api.narrative.io");
        CliHarness.Result mixed = cli.run("--dialect", "narrative", "list");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("name different servers");
    }

    @Test
    void aBlockedAddressIsNamedInsteadOfTheAdminKeysRateLimit() throws Exception {
        // The server's clock stands still 5 s into a minute: the block lasts the whole test, and its
        // Retry-After (55 s) is beyond what the client waits out by itself.
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir.resolve("srv")).port(0)
                .failedAuthPerMinute(3).clock(dev.keydesk.core.testing.MutableClock.atMinute(5)).build())) {
            String admin = Files.readString(server.bootstrapKeyFile()).trim();
            secrets.add(admin);
            try (KeyApi bad = KeyApis.builder().baseUrl(server.baseUri()).secret(Secret.of("sk_live_wrong_wrong_wrong"))
                    .retryPolicy(RetryPolicy.none()).build()) {
                boolean blocked = false;
                for (int i = 0; i < 10 && !blocked; i++) {
                    try {
                        bad.whoami();
                    } catch (UnauthorizedException failedAuthentication) {
                        // counted against 127.0.0.1
                    } catch (RateLimitedException e) {
                        blocked = e.isAddressBlocked();
                    }
                }
                assertThat(blocked).isTrue();
            }
            cli.env.put("KEYDESK_SERVER", server.baseUri().toString());
            cli.env.put("KEYDESK_API_KEY", admin);
            CliHarness.Result r = cli.run("list");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Too many failed authentications from this address; every request from it "
                    + "waits 55 s.").doesNotContain("rate limit for this admin key");
        }
    }

    @Test
    void aRefusedLocalAdminKeySaysHowToResetItAndTheResetWorks() throws Exception {
        EmbeddedServer embedded = cli.connector.embedded();
        EmbeddedServer.Running running = embedded.start(3);
        String old = Files.readString(running.bootstrapKeyFile()).trim();
        secrets.add(old);
        try (KeyApi api = KeyApis.builder().baseUrl(running.baseUri()).secret(Secret.of(old))
                .retryPolicy(RetryPolicy.none()).build()) {
            api.revokeKey(api.whoami().orElseThrow().callingKey().orElseThrow().id());
        }
        embedded.release();

        CliHarness.Result refused = cli.run("list");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("The local server refused its own admin key")
                .contains("run: keydesk reset-local-admin");
        assertThat(embedded.isRunning()).isFalse();

        CliHarness.Result notConfirmed = cli.run("reset-local-admin");
        assertThat(notConfirmed.code()).isEqualTo(2);
        assertThat(notConfirmed.err()).contains("no terminal to ask on");

        CliHarness.Result reset = cli.run("reset-local-admin", "--yes");
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(reset.err()).contains("every other key is kept").contains("the new admin key is in");
        String fresh = Files.readString(running.bootstrapKeyFile()).trim();
        secrets.add(fresh);
        assertThat(fresh).isNotEqualTo(old);

        CliHarness.Result whoami = cli.run("whoami");
        assertThat(whoami.code()).as(whoami.err()).isZero();
        assertThat(whoami.out()).contains("Recovery admin").contains("admin:*");

        assertThat(cli.run("--server", "https://keys.example.com", "reset-local-admin", "--yes").code()).isEqualTo(2);
    }
}
