package dev.keydesk.app.expiry;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import dev.keydesk.core.expiry.SequentialExpiryApplier;
import javafx.stage.Window;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The expiry feature wired as AppContext wires it, over a fake server, a fixed clock and scripted dialogs. */
final class ExpiryFixture {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final ZoneId ZONE = ZoneOffset.UTC;

    final FakeKeys api = new FakeKeys();
    final FixedSession session;
    final ScriptedDialogs dialogs = new ScriptedDialogs();
    final AppSettings settings;
    final Notices notices = new Notices();
    final Workspaces workspaces = new Workspaces();
    final RecordingDialogs expiryDialogs = new RecordingDialogs();
    Clock clock = Clock.fixed(NOW, ZONE);
    TaskRunner tasks = new CurrentThreadTaskRunner();
    final List<Throwable> reported = new ArrayList<>();

    KeyTableViewModel table;
    GroupIncident incident;
    /** Where the incident engine writes its reports in these tests. */
    java.nio.file.Path reports = tempDir();
    Rescheduling rescheduling;
    GroupActions actions;

    ExpiryFixture(String... adminPermissions) {
        this(new AppSettings(new MemoryPreferences()), adminPermissions);
    }

    ExpiryFixture(AppSettings settings, String... adminPermissions) {
        this.settings = settings;
        this.session = new FixedSession(null);
        this.held = adminPermissions.length == 0 ? new String[] {"admin:*"} : adminPermissions;
    }

    private final String[] held;
    /** The key sets a group's Rotate… handed to the review workspace. */
    final java.util.List<java.util.List<dev.keydesk.client.model.ApiKey>> reviewed = new java.util.ArrayList<>();

    /** Connects (the table loads at once) and builds everything. */
    ExpiryFixture start() {
        table = new KeyTableViewModel(session, tasks, clock);
        rescheduling = new Rescheduling(new SequentialExpiryApplier(), tasks, clock, ZONE, e -> reported.add(e),
                table::refresh);
        incident = new GroupIncident(session, tasks, dialogs, reports, e -> reported.add(e));
        actions = new GroupActions(session, incident, rescheduling, expiryDialogs, table::refresh,
                (keys, toRotate) -> reviewed.add(keys));
        session.set(FakeKeys.connection(api, held));
        return this;
    }

    ExpiryPanelViewModel panel() {
        return new ExpiryPanelViewModel(table, settings, clock, notices, workspaces, actions);
    }

    ExpiryCalendarViewModel calendar() {
        return new ExpiryCalendarViewModel(table, rescheduling, expiryDialogs, clock);
    }

    private static java.nio.file.Path tempDir() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("keydesk-incidents");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ApiKey key(String id, Instant created, Instant expires, Instant lastUsed, String type) {
        return new ApiKey(id, "Key " + id, "sk_" + type + "_" + id, List.of(Permission.parse("datasets:read")),
                created, expires, lastUsed, Usage.NONE, "", type, "active", "key_boot", null);
    }

    /** Records the dialogs the feature opens instead of showing them. */
    static final class RecordingDialogs implements ExpiryDialogs {
        final List<ExtendViewModel> extends_ = new ArrayList<>();
        final List<SpreadViewModel> spreads = new ArrayList<>();

        @Override
        public void openExtend(Window owner, ExtendViewModel vm) {
            extends_.add(vm);
        }

        @Override
        public void openSpread(Window owner, SpreadViewModel vm) {
            spreads.add(vm);
        }
    }
}
