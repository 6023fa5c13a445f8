package dev.keydesk.app;

import dev.keydesk.app.activity.ActivityView;
import dev.keydesk.app.activity.ActivityViewModel;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.FileDialogs;
import dev.keydesk.app.common.FxDialogService;
import dev.keydesk.app.common.FxFileDialogs;
import dev.keydesk.app.common.FxTaskRunner;
import dev.keydesk.app.common.NoticeLayer;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.EnvironmentBadge;
import dev.keydesk.app.editor.FxKeyDialogs;
import dev.keydesk.app.expiry.ExpiryCalendarView;
import dev.keydesk.app.expiry.ExpiryCalendarViewModel;
import dev.keydesk.app.expiry.ExpiryPanelView;
import dev.keydesk.app.expiry.ExpiryPanelViewModel;
import dev.keydesk.app.expiry.FxExpiryDialogs;
import dev.keydesk.app.expiry.GroupActions;
import dev.keydesk.app.expiry.Rescheduling;
import dev.keydesk.app.incident.AppBreakGlass;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.incident.IdentifyViewModel;
import dev.keydesk.app.incident.IncidentLauncher;
import dev.keydesk.app.incident.IncidentView;
import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.incident.InventoryExport;
import dev.keydesk.app.keys.KeyDetailsView;
import dev.keydesk.app.keys.KeyDetailsViewModel;
import dev.keydesk.app.keys.KeyNavigator;
import dev.keydesk.app.keys.KeyReviews;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.keys.KeyTableView;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.keys.RevokeViewModel;
import dev.keydesk.app.review.CutoverView;
import dev.keydesk.app.review.CutoverViewModel;
import dev.keydesk.app.review.FxSecretFileChooser;
import dev.keydesk.app.review.ReviewView;
import dev.keydesk.app.review.ReviewViewModel;
import dev.keydesk.app.review.RotationFlow;
import dev.keydesk.app.secret.FxClipboard;
import dev.keydesk.app.status.StatusBar;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.expiry.ExpiryApplier;
import dev.keydesk.core.expiry.SequentialExpiryApplier;
import dev.keydesk.core.rotation.CutoverStore;
import javafx.application.Platform;
import javafx.stage.Window;

import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * The composition root: every long-lived object of the app is built here, once, and handed to
 * the controllers through {@link ControllerFactory}. Nothing else constructs services.
 */
public final class AppContext implements AutoCloseable {

    private final AppSettings settings;
    private final FxTaskRunner tasks;
    private final FxDialogService dialogs;
    private final ConnectionManager connections;
    private final KeyTableViewModel keyTable;
    private final FxKeyDialogs keyDialogs;
    private final StatusBar statusBar;
    private final ControllerFactory controllers;
    private final IncidentViewModel incident;
    /** Timers the views run, stopped on close (a running animation outlives its window otherwise). */
    private final java.util.List<Runnable> disposers = new java.util.ArrayList<>();

    /** @param mainWindow the window dialogs belong to (may answer null until it exists) */
    public AppContext(AppSettings settings, AppPaths paths, Supplier<Window> mainWindow) {
        this(settings, paths, mainWindow, new FxFileDialogs(mainWindow, uri -> { }));
    }

    /** @param files file choosers and the file manager (the app's show folders; tests script them) */
    public AppContext(AppSettings settings, AppPaths paths, Supplier<Window> mainWindow, FileDialogs files) {
        this.settings = settings;
        this.tasks = new FxTaskRunner();
        this.dialogs = new FxDialogService(mainWindow);
        this.connections = new ConnectionManager(tasks, dialogs, paths);
        Clock clock = Clock.systemUTC();
        this.statusBar = new StatusBar(connections);
        // The status bar counts a 429 down and hands a 401, an unreachable server or a 5xx to
        // the connection manager, which offers Reconnect / Retry.
        this.keyDialogs = new FxKeyDialogs(connections, tasks, dialogs, settings::clipboardClearAfter,
                statusBar::report);
        this.keyTable = new KeyTableViewModel(connections, tasks, clock, statusBar::report);
        KeyDetailsViewModel details = new KeyDetailsViewModel(connections, tasks, clock, ZoneId.systemDefault());
        RevokeViewModel revoke = new RevokeViewModel(connections, tasks, dialogs, clock, statusBar::report);
        EnvironmentBadge badge = new EnvironmentBadge(connections);
        Workspaces workspaces = new Workspaces();
        Notices notices = new Notices();

        // Expiry: the panel's groups, the calendar, and extend / spread through one apply seam
        // (the incident engine's bulk path replaces SequentialExpiryApplier here).
        Clock localClock = Clock.systemDefaultZone();
        ExpiryApplier expiryApplier = new SequentialExpiryApplier();
        Rescheduling rescheduling = new Rescheduling(expiryApplier, tasks, localClock, ZoneId.systemDefault(),
                statusBar::report, keyTable::refresh);
        FxExpiryDialogs expiryDialogs = new FxExpiryDialogs();
        GroupIncident groupIncident = new GroupIncident(connections, tasks, dialogs, paths.incidentsDir(),
                statusBar::report);
        // Review and rotation: usage per key, proposals, narrowing, rotation with grace, and the
        // cutover tracker (its file in the app's data folder). A group's or a key's Rotate… starts here.
        CutoverStore cutovers = new CutoverStore(paths.rotationsFile());
        CutoverViewModel tracker = new CutoverViewModel(connections, tasks, dialogs, cutovers, clock, notices,
                statusBar::report, keyTable::refresh);
        RotationFlow rotation = new RotationFlow(connections, tasks, dialogs, keyDialogs,
                new FxSecretFileChooser(mainWindow), cutovers, clock, statusBar::report);
        ReviewViewModel review = new ReviewViewModel(connections, tasks, dialogs, settings, clock, rotation, groupIncident,
                tracker, keyTable::refresh, statusBar::report, RetryPolicy.Sleeper.REAL);
        KeyReviews reviews = (keys, toRotate) -> {
            review.review(keys, toRotate);
            workspaces.show(Workspaces.Workspace.REVIEW);
        };
        GroupActions groupActions = new GroupActions(connections, groupIncident, rescheduling, expiryDialogs,
                keyTable::refresh, reviews);
        ExpiryPanelViewModel expiryPanel = new ExpiryPanelViewModel(keyTable, settings, localClock, notices, workspaces,
                groupActions);
        ExpiryCalendarViewModel expiryCalendar = new ExpiryCalendarViewModel(keyTable, rescheduling, expiryDialogs,
                localClock);
        // Activity: the audit log across all keys; a row opens its key in the Keys workspace.
        ActivityViewModel activity = new ActivityViewModel(keyTable, tasks, dialogs, clock, ZoneId.systemDefault(),
                new KeyNavigator(keyTable, workspaces), statusBar::report);

        // Incident: the workspace over the engine (news marshalled with Platform::runLater, as the
        // status bar's), break-glass through the copy-once dialog and the connection manager, and
        // the quick path (GroupIncident) for freeze, thaw and one identified key.
        this.incident = new IncidentViewModel(connections, tasks, dialogs, Platform::runLater, clock,
                ZoneId.systemDefault(), paths.incidentsDir(),
                new AppBreakGlass(connections, (key, secret, title, note, afterClosed) -> keyDialogs.showSecretOnce(
                        mainWindow.get(), key, secret, title, note, afterClosed), Platform::runLater),
                (revoked, position, onCreated, afterSecret) -> keyDialogs.openReplacement(mainWindow.get(), revoked,
                        position, onCreated, afterSecret),
                statusBar::report, keyTable::refresh);
        IncidentLauncher incidents = new IncidentLauncher(incident, groupIncident, workspaces);
        IdentifyViewModel identify = new IdentifyViewModel(connections, tasks, new FxClipboard());
        InventoryExport export = new InventoryExport(connections, tasks, dialogs,
                () -> keyTable.visibleRows().stream().map(KeyRow::key).toList());

        this.controllers = new ControllerFactory()
                .register(MainView.class, () -> new MainView(new MainViewModel(connections), connections, settings,
                        dialogs, new ClipboardSettingViewModel(settings, dialogs), badge, statusBar,
                        new NoticeLayer(notices), workspaces, statusBar::setLastRefresh))
                .register(ExpiryPanelView.class, () -> new ExpiryPanelView(expiryPanel))
                .register(ExpiryCalendarView.class, () -> new ExpiryCalendarView(expiryCalendar))
                .register(ActivityView.class, () -> {
                    ActivityView view = new ActivityView(activity, workspaces);
                    disposers.add(view::dispose);
                    return view;
                })
                .register(IncidentView.class, () -> new IncidentView(incident, identify, export, incidents, files,
                        workspaces, paths.incidentsDir(), keyTable::refresh))
                .register(KeyTableView.class, () -> new KeyTableView(keyTable, details, revoke, keyDialogs, incidents,
                        reviews))
                .register(ReviewView.class, () -> {
                    ReviewView view = new ReviewView(review, workspaces);
                    disposers.add(view::dispose);
                    return view;
                })
                .register(CutoverView.class, () -> new CutoverView(tracker))
                .register(KeyDetailsView.class, () -> new KeyDetailsView(details));
    }

    public ControllerFactory controllers() {
        return controllers;
    }

    /** The Incident workspace's state (tests read it; the workspace's view binds it). */
    public IncidentViewModel incident() {
        return incident;
    }

    public ConnectionManager connections() {
        return connections;
    }

    public AppSettings settings() {
        return settings;
    }

    /** Stops background work, closes the connection (and the embedded server), ends the workers. */
    @Override
    public void close() {
        disposers.forEach(Runnable::run);
        statusBar.dispose();
        keyTable.cancelLoad();
        keyDialogs.close();
        connections.close();
        tasks.close();
    }
}
