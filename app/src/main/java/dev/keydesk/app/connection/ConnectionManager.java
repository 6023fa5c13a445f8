package dev.keydesk.app.connection;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.client.DialectProbe;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.ConnectionProblem;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.OpenConnection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.connection.ProfileWriteErrors;
import dev.keydesk.core.connection.Remedy;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * The app's {@link Session}: connects to a profile in the background (admin key, client, whoami,
 * catalog, policy) and publishes the {@link Connection} on the FX thread. Switching profiles
 * replaces the connection and closes the old client; the embedded server runs only while its
 * profile is in use.
 *
 * <p>Failures become a {@link ConnectionState.Failed} with the message to show and a remedy
 * (fix the key, retry, edit the profile). A 401, or the server going away or failing (5xx),
 * noticed later by any feature should be passed to {@link #reportFailure(Throwable)}, which turns
 * the state into Failed so the status bar offers Reconnect or Retry.
 *
 * <p>Call every public method on the FX thread (tests with {@code CurrentThreadTaskRunner} call
 * them from the test thread).
 */
public final class ConnectionManager implements Session, AutoCloseable {

    static final int DEMO_KEYS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ProfileStore store;
    private final Connector connector;
    private final EmbeddedServer embedded;

    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyObjectWrapper<ConnectionState> state =
            new ReadOnlyObjectWrapper<>(this, "state", new ConnectionState.Idle());

    // Each connect gets a number; an answer for an older attempt is thrown away (and its client
    // closed), so a slow first attempt can never overwrite the profile the person chose later.
    private long generation;
    private Profile target;
    /** The connection published now, with the admin key its client holds. */
    private OpenConnection live;
    private boolean closed;

    // profiles.json is written off the FX thread, one write at a time and the newest choice last,
    // so two quick switches can never leave the older profile remembered (a pool may finish
    // tasks in any order).
    private Profile lastUsedToWrite;
    private boolean writingLastUsed;
    private boolean lastUsedFailureShown;

    /** The app's wiring: profiles in {@code paths}, the OS keyring, real HTTP clients. */
    public ConnectionManager(TaskRunner tasks, DialogService dialogs, AppPaths paths) {
        this(tasks, dialogs, new ProfileStore(paths.profilesFile()), Connector.standard(paths, System::getenv));
    }

    public ConnectionManager(TaskRunner tasks, DialogService dialogs, ProfileStore store, AdminKeys adminKeys,
                             EmbeddedServer embedded, ApiFactory apiFactory) {
        this(tasks, dialogs, store, new Connector(adminKeys, embedded, apiFactory));
    }

    public ConnectionManager(TaskRunner tasks, DialogService dialogs, ProfileStore store, Connector connector) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.store = Objects.requireNonNull(store, "store");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.embedded = connector.embedded();
    }

    @Override
    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ProfileStore profiles() {
        return store;
    }

    public AdminKeys adminKeys() {
        return connector.adminKeys();
    }

    /**
     * Connects to the profile used last, else to the embedded local server (offering demo data
     * on its very first start). A damaged profiles file is reported, not silently dropped.
     */
    public void connectAtStartup() {
        store.loadWarning().ifPresent(warning -> dialogs.showError(new UserMessage("Connection profiles damaged",
                warning, "No admin key is ever stored in that file, so none was exposed.",
                "Re-create the missing profiles in Connections….", null)));
        connect(store.lastUsed().orElse(ProfileStore.EMBEDDED));
    }

    /**
     * Whether {@link #connectAtStartup()} will ask something (the first start's demo-data question,
     * or a damaged profiles file): then it should wait until the main window shows. Otherwise the
     * app connects at once, so the embedded server starts while the window is still being built.
     */
    public boolean startupAsksFirst() {
        Profile first = store.lastUsed().orElse(ProfileStore.EMBEDDED);
        return store.loadWarning().isPresent() || (first.isEmbedded() && embedded.isFirstStart());
    }

    /** Connects to {@code profile} in the background; the current connection stays until the new one is ready. */
    public void connect(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        if (closed) {
            return;
        }
        long attempt = ++generation;
        target = profile;
        state.set(new ConnectionState.Connecting(profile));
        int demoKeys = 0;
        if (profile.isEmbedded() && embedded.isFirstStart()) {
            demoKeys = dialogs.confirm("Local server", "Add demo data to the local server?",
                    "Add " + DEMO_KEYS + " realistic demo keys so every screen has something to show?") ? DEMO_KEYS : 0;
        }
        int demo = demoKeys;
        tasks.submit(BackgroundTask.of("Connecting to " + profile.name(), progress -> connector.open(profile, demo))
                .onSuccess(opened -> {
                    if (attempt != generation) {
                        opened.close();
                    } else {
                        publish(opened);
                    }
                })
                .onFailure(error -> {
                    if (attempt == generation) {
                        fail(profile, error);
                    }
                })
                .onCancelled(() -> {
                    if (attempt == generation) {
                        fail(profile, new CancelledException("cancelled", 0, null, null, null, null));
                    }
                }));
    }

    /** Connects again to the profile chosen last (after a 401, a failure, or a fixed key). */
    public void reconnect() {
        if (target == null) {
            connectAtStartup();
        } else {
            connect(target);
        }
    }

    /**
     * Tells the manager that a request of the current connection failed. A 401 means the admin
     * key is no longer valid; a server that cannot be reached, or that still answers 5xx after the
     * client's retries, is unavailable: both turn the state into Failed (the connection stays, so
     * what is on screen stays readable) and the status bar offers Reconnect or Retry. Other
     * failures concern one request only and are the caller's to show.
     *
     * @return whether the failure concerned the connection
     */
    public boolean reportFailure(Throwable error) {
        Throwable cause = ConnectionProblem.unwrap(error);
        Connection current = connection.get();
        if (current == null || closed) {
            return false;
        }
        Profile profile = current.profile();
        Optional<Remedy> remedy = ConnectionProblem.remedyFor(profile, cause);
        if (remedy.isEmpty()) {
            return false;
        }
        // The request may have been a write the caller describes itself: the banner must not
        // claim that nothing changed, so its outcome is "unknown", not "read".
        UserMessage message = ErrorMessages.describe(cause, ErrorMessages.Action.unknown(null).on(profile.name()));
        if (remedy.get() == Remedy.RESET_LOCAL_ADMIN) {
            message = ConnectionProblem.localAdminRefused(embedded, message).message();
        }
        state.set(new ConnectionState.Failed(profile, message, remedy.get()));
        return true;
    }

    /** Whether the embedded server refused its own admin key just now, so a reset is what helps. */
    public boolean localAdminRefused() {
        return state.get() instanceof ConnectionState.Failed f && f.remedy() == Remedy.RESET_LOCAL_ADMIN;
    }

    /**
     * Local recovery, when the embedded server refuses its own admin key: asks first (saying what
     * it does), then in the background closes the connection, stops the embedded server, mints a
     * new admin key for its folder (every other key is kept; the old admin key stays revoked),
     * starts the server again and connects with the new key. A failure (another KeyDesk holds the
     * folder, say) becomes the connection's problem with the reason, and the offer stands.
     */
    public void resetLocalAdminKey() {
        if (closed) {
            return;
        }
        Profile local = ProfileStore.EMBEDDED;
        boolean confirmed = dialogs.confirmDestructive("Reset the local admin key", "Reset the local admin key?",
                "KeyDesk stops the local server, mints a new admin key (admin:*) for this local folder, "
                        + embedded.dataDir() + ", writes it to bootstrap.key there (readable by you only), starts "
                        + "the server again and connects with it.\n\nEvery other key stays as it is, and the old "
                        + "admin key stays revoked. The local server's audit log records the new key.",
                "Reset admin key");
        if (!confirmed) {
            return;
        }
        long attempt = ++generation;
        target = local;
        // The embedded server is about to stop: nothing should go on using its old client.
        OpenConnection previous = live;
        live = null;
        connection.set(null);
        state.set(new ConnectionState.Connecting(local, "Resetting the local admin key…"));
        tasks.submit(BackgroundTask.of("Resetting the local admin key", progress -> {
            if (previous != null) {
                previous.close();
            }
            embedded.resetAdminKey();
            return connector.open(local, 0);
        }).onSuccess(opened -> {
            if (attempt != generation) {
                opened.close();
            } else {
                publish(opened);
            }
        }).onFailure(error -> {
            if (attempt != generation) {
                return;
            }
            if (ConnectionProblem.unwrap(error) instanceof EmbeddedServer.ResetFailedException e) {
                state.set(new ConnectionState.Failed(local, new UserMessage("Local admin key not reset",
                        e.getMessage(), e.nothingChanged() ? "Nothing was changed: every key is as it was."
                                : "The reset may or may not have happened: connect to check.",
                        "Once that is fixed, reset the local admin key again.", null), Remedy.RESET_LOCAL_ADMIN));
            } else {
                fail(local, error);
            }
        }));
    }

    /** Opens the Connections dialog: list, add, edit, delete, test and connect profiles. */
    public void openProfiles(Window owner) {
        new ProfilesDialog(new ProfilesViewModel(this, tasks, dialogs)).show(owner);
    }

    /**
     * Whoami for a profile that may not be saved yet, with {@code typedKey} when the person typed
     * one. Blocks: run it through the TaskRunner. Leaves nothing open: an embedded server started
     * for the probe is stopped again, unless a connection uses it.
     */
    public Optional<WhoAmI> probe(Profile profile, Secret typedKey) {
        return connector.probe(profile, typedKey);
    }

    /**
     * Which dialect the server of a profile that may not be saved yet speaks, asked with its key
     * ({@code typedKey} when the person typed one). Blocks: run it through the TaskRunner.
     */
    public DialectProbe detectDialect(Profile profile, Secret typedKey) {
        return connector.detectDialect(profile, typedKey);
    }

    /** Closes the client, wipes the key, stops the embedded server. */
    @Override
    public void close() {
        closed = true;
        generation++;
        connection.set(null);
        if (live != null) {
            live.close();
            live = null;
        }
        connector.close();
    }

    // ---- background work ------------------------------------------------------------------

    // ---- FX thread --------------------------------------------------------------------------

    private void publish(OpenConnection opened) {
        OpenConnection previous = live;
        live = opened;
        connection.set(opened.connection());
        state.set(new ConnectionState.Connected(opened.connection()));
        if (previous != null) {
            closeInBackground(previous);
        }
        Profile profile = opened.connection().profile();
        if (!profile.isEmbedded()) {
            stopEmbeddedInBackground();
        }
        rememberLastUsed(profile);
    }

    private void rememberLastUsed(Profile profile) {
        lastUsedToWrite = profile;
        if (!writingLastUsed) {
            writeLastUsed();
        }
    }

    private void writeLastUsed() {
        Profile profile = lastUsedToWrite;
        lastUsedToWrite = null;
        writingLastUsed = profile != null && !closed;
        if (!writingLastUsed) {
            return;
        }
        tasks.submit(BackgroundTask.of("Remembering the profile used last", progress -> {
            store.setLastUsed(profile.id());
            return null;
        }).onSuccess(ignored -> writeLastUsed()).onFailure(error -> {
            lastUsedNotWritten(profile, error);
            writeLastUsed();
        }).onCancelled(this::writeLastUsed));
    }

    private void lastUsedNotWritten(Profile profile, Throwable error) {
        // Told once: after that the person knows, and each switch would ask again for nothing.
        if (lastUsedFailureShown) {
            LOG.warn("could not remember the last used profile again: {}", error.getClass().getSimpleName());
            return;
        }
        lastUsedFailureShown = true;
        dialogs.showError(ProfileWriteErrors.lastUsedNotRemembered(store, profile, error));
    }

    private void fail(Profile profile, Throwable error) {
        OpenConnection previous = live;
        // The person chose to leave the previous server: keeping its keys on screen under another
        // profile's error would invite acting on the wrong server.
        connection.set(null);
        live = null;
        if (previous != null) {
            closeInBackground(previous);
        }
        if (!profile.isEmbedded()) {
            stopEmbeddedInBackground();
        }
        ConnectionProblem problem = ConnectionProblem.whileConnecting(profile, error, embedded, "Connections…");
        state.set(new ConnectionState.Failed(profile, problem.message(), problem.remedy()));
    }

    private void closeInBackground(OpenConnection previous) {
        tasks.submit(BackgroundTask.of("Closing the previous connection", progress -> {
            previous.close();
            return null;
        }));
    }

    private void stopEmbeddedInBackground() {
        if (embedded.isRunning()) { // lock-free: a probe may be starting the server right now
            tasks.submit(BackgroundTask.of("Stopping the local server", progress -> {
                embedded.release();
                return null;
            }).onFailure(e -> LOG.warn("the local server did not stop cleanly: {}", e.getClass().getSimpleName())));
        }
    }
}
