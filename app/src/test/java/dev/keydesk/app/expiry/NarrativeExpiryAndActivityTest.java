package dev.keydesk.app.expiry;

import dev.keydesk.app.activity.ActivityViewModel;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.keys.KeyNavigator;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.Dialect;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.OpenConnection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.SequentialExpiryApplier;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expiry panel and Activity on a Narrative connection (the scripted server, the real client):
 * expiry groups work, groups that need data Narrative does not send say so instead of counting every
 * token as unused, freeze is unavailable with the reason, and Activity says there is no audit log.
 */
class NarrativeExpiryAndActivityTest {

    @TempDir
    Path dir;

    private NarrativeScriptedServer narrative;
    private Connector connector;
    private OpenConnection open;
    private final FixedSession session = new FixedSession(null);
    private final Clock clock = Clock.systemUTC();
    private final List<Throwable> reported = new ArrayList<>();
    private KeyTableViewModel table;
    private GroupActions actions;

    @BeforeEach
    void connect() {
        narrative = NarrativeScriptedServer.start();
        String admin = narrative.adminToken("KeyDesk admin");
        narrative.seed("Soon gone", Instant.now().plus(3, ChronoUnit.DAYS), "datasets:read");
        narrative.seed("Later", Instant.now().plus(20, ChronoUnit.DAYS), "datasets:read");
        narrative.seed("Dead", Instant.now().minus(1, ChronoUnit.DAYS), "datasets:read");
        connector = new Connector(new AdminKeys(FakeKeyring.unavailable(),
                name -> name.equals("NARRATIVE_API_KEY") ? admin : null),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                ApiFactory.http());
        open = connector.open(new Profile("p-n", "Narrative", narrative.baseUri().toString(), Environment.STAGING,
                Profile.KeySource.ENVIRONMENT, "NARRATIVE_API_KEY", Dialect.NARRATIVE), 0);
        CurrentThreadTaskRunner tasks = new CurrentThreadTaskRunner();
        table = new KeyTableViewModel(session, tasks, clock);
        Rescheduling rescheduling = new Rescheduling(new SequentialExpiryApplier(), tasks, clock, ZoneOffset.UTC,
                reported::add, table::refresh);
        GroupIncident incident = new GroupIncident(session, tasks, new ScriptedDialogs(), dir.resolve("incidents"),
                reported::add);
        actions = new GroupActions(session, incident, rescheduling, new ExpiryFixture.RecordingDialogs(),
                table::refresh, (keys, toRotate) -> { });
        session.set(open.connection());
    }

    @AfterEach
    void close() {
        open.close();
        connector.close();
        narrative.close();
    }

    @Test
    void groupsNarrativeCannotTellAreNotCountedAndFreezeSaysWhy() {
        ExpiryPanelViewModel panel = new ExpiryPanelViewModel(table, new AppSettings(new MemoryPreferences()), clock,
                new Notices(), new Workspaces(), actions);

        assertThat(panel.count(ExpiryGroup.EXPIRED)).isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.WITHIN_WEEK)).isEqualTo(1);
        assertThat(panel.count(ExpiryGroup.WITHIN_MONTH)).isEqualTo(1);
        assertThat(panel.actionState(ExpiryGroup.WITHIN_WEEK, GroupAction.EXTEND).enabled()).isTrue();

        // No token has a last use or a creation time: "unused" would be all of them.
        assertThat(panel.unknown(ExpiryGroup.UNUSED)).get().asString().contains("last used");
        assertThat(panel.count(ExpiryGroup.UNUSED)).isZero();
        assertThat(panel.rows(ExpiryGroup.UNUSED)).isEmpty();
        assertThat(panel.actionState(ExpiryGroup.UNUSED, GroupAction.REVOKE).enabled()).isFalse();
        assertThat(panel.describe(ExpiryGroup.UNUSED)).startsWith("Not known on this server:");
        assertThat(panel.unknown(ExpiryGroup.PAST_ROTATION_AGE)).get().asString().contains("created");
        assertThat(panel.summaryProperty().get()).contains("? unused").contains("? past rotation age");

        assertThat(actions.state(GroupAction.FREEZE, panel.rows(ExpiryGroup.EXPIRED)).reason())
                .isEqualTo("Narrative tokens cannot be disabled and enabled again; only revoked.");
    }

    @Test
    void activitySaysThereIsNoAuditLogWithoutAskingTheServer() {
        ActivityViewModel activity = new ActivityViewModel(table, new CurrentThreadTaskRunner(), new ScriptedDialogs(),
                clock, ZoneOffset.UTC, new KeyNavigator(table, new Workspaces()), reported::add);
        long before = narrative.requests().size();
        activity.setVisible(true);

        assertThat(activity.listStateProperty().get()).isEqualTo(ActivityViewModel.ListState.UNAVAILABLE);
        assertThat(activity.listMessageProperty().get()).isEqualTo("Narrative's API has no audit log of token changes.");
        assertThat(activity.auditLogAvailableProperty().get()).as("no quiet-looking week of tiles").isFalse();
        activity.poll();
        assertThat(narrative.requests()).hasSize((int) before);
    }
}
