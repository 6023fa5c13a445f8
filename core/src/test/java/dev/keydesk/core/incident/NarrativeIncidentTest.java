package dev.keydesk.core.incident;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.OpenConnection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.testing.MutableClock;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident engine's bulk revoke over Narrative's access tokens (a scripted server that answers as its OpenAPI). */
class NarrativeIncidentTest {

    @TempDir
    Path dir;

    private NarrativeScriptedServer narrative;
    private OpenConnection open;
    private Connector connector;
    private final MutableClock clock = MutableClock.atMinute(20);

    @BeforeEach
    void connect() {
        narrative = NarrativeScriptedServer.start();
        String admin = narrative.adminToken("KeyDesk admin");
        connector = new Connector(new AdminKeys(FakeKeyring.unavailable(),
                name -> name.equals("NARRATIVE_API_KEY") ? admin : null),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                ApiFactory.http());
        open = connector.open(new Profile("p-n", "Narrative (test)", narrative.baseUri().toString(),
                Environment.STAGING, Profile.KeySource.ENVIRONMENT, "NARRATIVE_API_KEY", Dialect.NARRATIVE), 0);
    }

    @AfterEach
    void close() {
        open.close();
        connector.close();
        narrative.close();
    }

    private RunOptions options() {
        return RunOptions.builder().clock(clock).sleeper(clock.sleeper()).reportsRoot(dir.resolve("incidents")).build();
    }

    @Test
    void bulkRevokeIsOneDeletePerTokenAndATokenAlreadyGoneCountsAsGone() throws Exception {
        List<String> leaked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            leaked.add(narrative.seed("ci-runner-" + i, Instant.now().plus(20, ChronoUnit.DAYS), "datasets:read",
                    "datasets:write"));
        }
        String kept = narrative.seed("nightly-etl", Instant.now().plus(60, ChronoUnit.DAYS), "datasets:read");
        Connection connection = open.connection();
        IncidentEngine engine = IncidentEngine.of(connection);

        Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.NameMatches("ci-runner-*"))), "leaked in a CI log",
                "INC-7"));
        assertThat(preview.targets()).hasSize(8);
        // Narrative cannot say which token KeyDesk holds, and the preview says so rather than promise.
        assertThat(preview.caller().keyKnown()).isFalse();
        assertThat(preview.warnings()).anyMatch(w -> w.contains("does not say which key KeyDesk is connected with"));

        // Someone else deletes one between the preview and the run: a 404 without a body.
        narrative.seed("unrelated", Instant.now().plus(1, ChronoUnit.DAYS));
        try (var other = ApiFactory.http().create(Dialect.NARRATIVE, narrative.baseUri(),
                Secret.of(narrative.secretOf(leaked.get(0))))) {
            other.revokeKey(leaked.get(3));
        }
        long deletesBefore = narrative.count("DELETE ");

        IncidentResult result = engine.start(preview, options(), new RecordingListener()).await();

        assertThat(result.allAsAsked()).isTrue();
        assertThat(result.count(Outcome.REVOKED)).isEqualTo(7);
        assertThat(result.count(Outcome.ALREADY_GONE)).isEqualTo(1);
        assertThat(narrative.count("DELETE ") - deletesBefore).as("one DELETE per token").isEqualTo(8);
        assertThat(narrative.tokenIds()).doesNotContainAnyElementsOf(leaked).contains(kept);
        // Narrative keeps no reason; the report says it was not sent.
        assertThat(String.join(" ", result.notes())).contains("not sent to the server's audit log");
    }
}
