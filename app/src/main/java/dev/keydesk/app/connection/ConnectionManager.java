package dev.keydesk.app.connection;

import dev.keydesk.app.common.AppPaths;
import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.ErrorMessages;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.common.UserMessage;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.WhoAmI;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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
    private final AdminKeys adminKeys;
    private final EmbeddedServer embedded;
    private final ApiFactory apiFactory;

    private final ReadOnlyObjectWrapper<Connection> connection = new ReadOnlyObjectWrapper<>(this, "connection");
    private final ReadOnlyObjectWrapper<ConnectionState> state =
            new ReadOnlyObjectWrapper<>(this, "state", new ConnectionState.Idle());

    // Each connect gets a number; an answer for an older attempt is thrown away (and its client
    // closed), so a slow first attempt can never overwrite the profile the person chose later.
    private long generation;
    private Profile target;
    private Secret liveSecret;
    private boolean closed;

    // profiles.json is written off the FX thread, one write at a time and the newest choice last,
    // so two quick switches can never leave the older profile remembered (a pool may finish
    // tasks in any order).
    private Profile lastUsedToWrite;
    private boolean writingLastUsed;
    private boolean lastUsedFailureShown;

    /** The app's wiring: profiles in {@code paths}, the OS keyring, real HTTP clients. */
    public ConnectionManager(TaskRunner tasks, DialogService dialogs, AppPaths paths) {
        this(tasks, dialogs, new ProfileStore(paths.profilesFile()), new AdminKeys(new OsKeyring(), System::getenv),
                new EmbeddedServer(paths.embeddedServerDir()), ApiFactory.http());
    }

    public ConnectionManager(TaskRunner tasks, DialogService dialogs, ProfileStore store, AdminKeys adminKeys,
                             EmbeddedServer embedded, ApiFactory apiFactory) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.store = Objects.requireNonNull(store, "store");
        this.adminKeys = Objects.requireNonNull(adminKeys, "adminKeys");
        this.embedded = Objects.requireNonNull(embedded, "embedded");
        this.apiFactory = Objects.requireNonNull(apiFactory, "apiFactory");
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
        return adminKeys;
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
        tasks.submit(BackgroundTask.of("Connecting to " + profile.name(), progress -> open(profile, demo))
                .onSuccess(opened -> {
                    if (attempt != generation) {
                        dispose(opened.connection().api(), opened.secret());
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
        Throwable cause = unwrap(error);
        Connection current = connection.get();
        if (current == null || closed) {
            return false;
        }
        Optional<ConnectionState.Remedy> remedy = connectionRemedy(cause);
        if (remedy.isEmpty()) {
            return false;
        }
        // The request may have been a write the caller describes itself: the banner must not
        // claim that nothing changed, so its outcome is "unknown", not "read".
        Profile profile = current.profile();
        UserMessage message = ErrorMessages.describe(cause, ErrorMessages.Action.unknown(null).on(profile.name()));
        state.set(new ConnectionState.Failed(profile, message, remedy.get()));
        return true;
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
        if (profile.isEmbedded()) {
            return embedded.borrow(running ->
                    whoami(running.baseUri(), adminKeys.readKeyFile(running.bootstrapKeyFile())));
        }
        URI baseUrl = URI.create(profile.baseUrl().trim());
        Secret secret = typedKey != null ? Secret.ofChars(typedKey.copyChars()) : adminKeys.resolve(profile);
        return whoami(baseUrl, secret);
    }

    /** Closes the client, wipes the key, stops the embedded server. */
    @Override
    public void close() {
        closed = true;
        generation++;
        Connection current = connection.get();
        connection.set(null);
        dispose(current == null ? null : current.api(), liveSecret);
        liveSecret = null;
        adminKeys.close();
        embedded.close();
    }

    // ---- background work ------------------------------------------------------------------

    /** Whoami once with a client of its own; closes it and wipes {@code secret}. */
    private Optional<WhoAmI> whoami(URI baseUrl, Secret secret) {
        KeyApi api = null;
        try {
            api = apiFactory.create(baseUrl, secret);
            return api.whoami();
        } finally {
            dispose(api, secret);
        }
    }

    private record Opened(Connection connection, Secret secret) {
    }

    private Opened open(Profile profile, int demoKeys) {
        URI baseUrl;
        Secret secret;
        Profile shown = profile;
        if (profile.isEmbedded()) {
            EmbeddedServer.Running running = embedded.start(demoKeys);
            baseUrl = running.baseUri();
            secret = adminKeys.readKeyFile(running.bootstrapKeyFile());
            // The address is only known once the server runs; the status bar shows it.
            shown = new Profile(profile.id(), profile.name(), baseUrl.toString(), profile.environment(),
                    profile.keySource(), profile.keyReference());
        } else {
            baseUrl = URI.create(Objects.requireNonNull(profile.baseUrl(), "baseUrl").trim());
            secret = adminKeys.resolve(profile);
        }
        KeyApi api = null;
        try {
            api = apiFactory.create(baseUrl, secret);
            Optional<WhoAmI> whoami = api.whoami();
            Catalog catalog = api.catalog();
            KeyPolicy policy = api.policy();
            return new Opened(new Connection(shown, api, whoami, catalog, policy), secret);
        } catch (RuntimeException | Error e) {
            dispose(api, secret);
            throw e;
        }
    }

    // ---- FX thread --------------------------------------------------------------------------

    private void publish(Opened opened) {
        Connection previous = connection.get();
        Secret previousSecret = liveSecret;
        connection.set(opened.connection());
        liveSecret = opened.secret();
        state.set(new ConnectionState.Connected(opened.connection()));
        if (previous != null) {
            disposeInBackground(previous.api(), previousSecret);
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
        Connection previous = connection.get();
        Secret previousSecret = liveSecret;
        // The person chose to leave the previous server: keeping its keys on screen under another
        // profile's error would invite acting on the wrong server.
        connection.set(null);
        liveSecret = null;
        if (previous != null) {
            disposeInBackground(previous.api(), previousSecret);
        }
        if (!profile.isEmbedded()) {
            stopEmbeddedInBackground();
        }
        state.set(failure(profile, unwrap(error)));
    }

    private ConnectionState.Failed failure(Profile profile, Throwable error) {
        String where = profile.baseUrl() == null ? profile.name() : profile.name() + " (" + profile.baseUrl() + ")";
        ErrorMessages.Action connecting = ErrorMessages.Action.read("connect to " + where).on(profile.name());
        if (error instanceof AdminKeyException e) {
            return new ConnectionState.Failed(profile, new UserMessage("No admin key", e.getMessage(),
                    "Nothing was sent to the server.", "Open Connections… to enter or fix the key, then connect.", null),
                    ConnectionState.Remedy.FIX_KEY);
        }
        if (error instanceof EmbeddedServer.StartFailedException) {
            return new ConnectionState.Failed(profile, new UserMessage("Local server did not start",
                    "The embedded local server could not start (" + rootCauseName(error) + ").",
                    "Nothing was changed.",
                    "Check that " + embedded.dataDir() + " is writable and not used by another KeyDesk, then Retry.",
                    null), ConnectionState.Remedy.RETRY);
        }
        UserMessage message = ErrorMessages.describe(error, connecting);
        ConnectionState.Remedy remedy = connectionRemedy(error).orElseGet(() -> {
            // While connecting, every failure is about the connection; these only arise here.
            if (error instanceof PermissionDeniedException) {
                return ConnectionState.Remedy.FIX_KEY;
            }
            if (error instanceof RateLimitedException || error instanceof CancelledException
                    || !(error instanceof KeyApiException || error instanceof IllegalArgumentException)) {
                return ConnectionState.Remedy.RETRY;
            }
            return ConnectionState.Remedy.EDIT_PROFILE;
        });
        if (error instanceof IllegalArgumentException) {
            message = new UserMessage("Invalid address", "The base URL of " + profile.name() + " is not a valid address.",
                    "Nothing was sent to the server.", "Correct the base URL in Connections….", null);
        }
        return new ConnectionState.Failed(profile, message, remedy);
    }

    /**
     * The one rule for which failures are about the connection itself rather than one request: the
     * admin key refused (401: fix the key), or the server unavailable, whether it cannot be reached
     * or answers 5xx after the client's retries (Retry). Used for failures while connecting and for
     * those that features report later.
     */
    static Optional<ConnectionState.Remedy> connectionRemedy(Throwable error) {
        if (error instanceof UnauthorizedException) {
            return Optional.of(ConnectionState.Remedy.FIX_KEY);
        }
        if (error instanceof TransportException || error instanceof ServerException s && s.isTransient()) {
            return Optional.of(ConnectionState.Remedy.RETRY);
        }
        return Optional.empty();
    }

    private void disposeInBackground(KeyApi api, Secret secret) {
        tasks.submit(BackgroundTask.of("Closing the previous connection", progress -> {
            dispose(api, secret);
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

    private static void dispose(KeyApi api, Secret secret) {
        try {
            if (api != null) {
                api.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing a client failed: {}", e.getClass().getSimpleName());
        } finally {
            if (secret != null) {
                secret.wipe();
            }
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String rootCauseName(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current.getClass().getSimpleName();
    }
}
