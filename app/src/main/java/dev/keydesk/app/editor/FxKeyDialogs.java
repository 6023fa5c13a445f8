package dev.keydesk.app.editor;

import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.keys.KeyDialogs;
import dev.keydesk.app.permissions.PermissionMatrixView;
import dev.keydesk.app.secret.ClipboardAccess;
import dev.keydesk.app.secret.FxClipboard;
import dev.keydesk.app.secret.SecretDialog;
import dev.keydesk.app.secret.SecretHandover;
import dev.keydesk.app.secret.SecretViewModel;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.narrative.NarrativeEnvironment;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.icons.AppIcons;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Callback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Opens the create, edit and copy-once secret dialogs. The key table calls it through
 * {@link KeyDialogs}; everything the dialogs need comes in through the constructor.
 */
public final class FxKeyDialogs implements KeyDialogs, SecretHandover, AutoCloseable {

    private static final String APP_CSS = "/dev/keydesk/app/app.css";

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Supplier<Duration> clipboardClearAfter;
    private final Predicate<Throwable> connectionFailures;
    private final ClipboardAccess clipboard;
    private final Clock clock;
    private Stage lastOpened;
    private SecretViewModel lastSecret;
    /** Secret dialogs still open: if the app quits, their clipboard and secret are cleaned up too. */
    private final List<SecretViewModel> openSecrets = new ArrayList<>();
    /** The app is quitting: a secret dialog closed now starts nothing (no next step). */
    private boolean closing;

    /**
     * @param clipboardClearAfter asked each time a secret dialog opens, so a changed setting
     *     applies without a restart
     * @param connectionFailures told of every create or edit failure first, so that one about the
     *     connection itself also reaches the status bar (the dialog still shows it)
     */
    public FxKeyDialogs(Session session, TaskRunner tasks, DialogService dialogs,
                        Supplier<Duration> clipboardClearAfter, Predicate<Throwable> connectionFailures) {
        this(session, tasks, dialogs, clipboardClearAfter, connectionFailures, new FxClipboard(),
                Clock.systemDefaultZone());
    }

    /** Everything chosen: tests pass their clipboard and clock. */
    public FxKeyDialogs(Session session, TaskRunner tasks, DialogService dialogs,
                        Supplier<Duration> clipboardClearAfter, Predicate<Throwable> connectionFailures,
                        ClipboardAccess clipboard, Clock clock) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.clipboardClearAfter = Objects.requireNonNull(clipboardClearAfter, "clipboardClearAfter");
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        this.clipboard = Objects.requireNonNull(clipboard, "clipboard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void openCreate(Window owner, Runnable onCreated) {
        openCreateForm(owner, null, null, onCreated, () -> { });
    }

    @Override
    public void openReplacement(Window owner, ApiKey revoked, String position, Runnable onCreated,
                                Runnable afterSecretStored) {
        openCreateForm(owner, revoked, position, onCreated, afterSecretStored);
    }

    /**
     * The create form, blank or, with {@code position}, the replacement of {@code old}, a key an
     * incident revoked; {@code afterSecret} runs once the new key's copy-once dialog has closed.
     */
    private void openCreateForm(Window owner, ApiKey old, String position, Runnable onCreated, Runnable afterSecret) {
        Optional<Connection> current = session.current();
        if (current.isEmpty()) {
            dialogs.showInfo("Not connected", "Connect to a server first", "Creating a key needs a connection.");
            return;
        }
        Connection connection = current.get();
        CreateKeyViewModel vm = new CreateKeyViewModel(connection.api(), connection.capabilities(),
                connection.catalog(), connection.policy(), adminHolds(connection), tasks, dialogs, clock,
                connectionFailures);
        if (old != null) {
            vm.startAsReplacementOf(old, position);
        }
        Stage stage = newStage(owner, (old == null ? "Create key — " : "Replace key — ") + connection.profile().name());
        // Cancel, Esc and the window's close button all come here: nothing typed is lost unasked,
        // and closing mid-create never hides that a key may now exist without its secret.
        Runnable requestClose = () -> {
            if (vm.busyProperty().get()) {
                if (!dialogs.confirm("Stop creating the key?", "The key is being created right now.",
                        "If you stop waiting, the server may still create it, and its secret could not be shown. "
                                + "The key list will be refreshed so that you can find the key and revoke it.")) {
                    return;
                }
                vm.cancel();
                stage.close();
                onCreated.run();
                return;
            }
            if (vm.hasUnsavedInput() && !dialogs.confirm("Discard this key?", "Close without creating the key?",
                    "What you typed and chose is not saved anywhere: closing discards it.")) {
                return;
            }
            stage.close();
        };
        CreateKeyDialog[] controller = new CreateKeyDialog[1];
        Parent root = load("CreateKeyDialog.fxml", type -> {
            controller[0] = new CreateKeyDialog(vm, created -> {
                onCreated.run();
                // A replay without a secret keeps the form open: the person was offered a revoke
                // and may create the key again with what they typed.
                created.secret().ifPresent(secret -> {
                    stage.close();
                    openSecret(owner, connection, created.key(), secret, afterSecret);
                });
            }, requestClose);
            return controller[0];
        });
        show(stage, root, 880, 780);
        closeVia(stage, requestClose);
        controller[0].focusFirstField();
    }

    @Override
    public void openEdit(Window owner, ApiKey key, Runnable onSaved) {
        Optional<Connection> current = session.current();
        if (current.isEmpty()) {
            dialogs.showInfo("Not connected", "Connect to a server first", "Editing a key needs a connection.");
            return;
        }
        Connection connection = current.get();
        EditKeyViewModel vm = new EditKeyViewModel(connection.api(), connection.capabilities(), key.id(),
                connection.catalog(), connection.policy(), adminHolds(connection), tasks, clock, connectionFailures);
        Stage stage = newStage(owner, "Edit key " + (key.name() == null ? key.id() : key.name()));
        // Cancel, Esc and the window's close button all come here: changes are never lost unasked.
        Runnable requestClose = () -> {
            if (vm.hasUnsavedChanges() && !confirmDiscard(vm)) {
                return;
            }
            vm.cancel();
            stage.close();
        };
        EditKeyDialog[] controller = new EditKeyDialog[1];
        Parent root = load("EditKeyDialog.fxml", type -> {
            controller[0] = new EditKeyDialog(vm, onSaved, requestClose);
            return controller[0];
        });
        show(stage, root, 880, 800);
        closeVia(stage, requestClose);
        vm.load();
        controller[0].focusFirstField();
    }

    /** The window's close button asks the same question as Cancel and Esc: {@code requestClose} decides. */
    private static void closeVia(Stage stage, Runnable requestClose) {
        stage.setOnCloseRequest(e -> {
            e.consume();
            requestClose.run();
        });
    }

    /** "No" keeps the form open with everything typed. */
    private boolean confirmDiscard(EditKeyViewModel vm) {
        String whatHappens = vm.busyProperty().get()
                ? "The save is still running: closing stops waiting, and the server may or may not apply it."
                : "They are not saved: closing discards them.";
        return dialogs.confirm("Discard changes?", "Close without saving your changes?",
                vm.changeSummaryProperty().get() + ". " + whatHappens);
    }

    /** A rotation's (or any flow's) new secret, in the copy-once dialog over the main window. */
    @Override
    public void showOnce(ApiKey key, Secret secret, Runnable afterClosed) {
        Optional<Connection> current = session.current();
        if (current.isEmpty()) {
            secret.wipe();
            dialogs.showInfo("Not connected", "The connection was lost",
                    "The new key " + key.id() + " exists, but its secret could not be shown: revoke it and rotate again.");
            afterClosed.run();
            return;
        }
        openSecret(mainWindow(), current.get(), key, secret, afterClosed);
    }

    private Window mainWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() == null && w.isShowing())
                .findFirst().orElse(null);
    }

    /**
     * The copy-once dialog for a freshly created key; the secret is wiped when it closes, then
     * {@code afterClosed} runs (not when the app quits with the dialog open).
     */
    void openSecret(Window owner, Connection connection, ApiKey key, Secret secret, Runnable afterClosed) {
        openSecret(owner, connection, key, secret, afterClosed, vm -> vm);
    }

    private void openSecret(Window owner, Connection connection, ApiKey key, Secret secret, Runnable afterClosed,
                            java.util.function.UnaryOperator<SecretViewModel> describe) {
        String baseUrl = connection.profile().baseUrl();
        Function<Secret, KeyApi> clientFactory = s -> {
            if (baseUrl == null) {
                throw new IllegalStateException("The server's address is not known, so the key cannot be tested");
            }
            return ApiFactory.http().create(connection.profile().dialect(), java.net.URI.create(baseUrl.trim()), s);
        };
        SecretViewModel vm = describe.apply(new SecretViewModel(secret, key, clipboard, clearAfter(), clientFactory,
                tasks, dialogs, connection.profile().dialect() == Dialect.NARRATIVE ? NarrativeEnvironment.API_KEY
                        : SecretViewModel.DEFAULT_VARIABLE));
        lastSecret = vm;
        openSecrets.add(vm);
        vm.disposedProperty().addListener((obs, was, disposed) -> {
            if (disposed && openSecrets.remove(vm) && !closing) {
                // After the secret dialog has finished closing, not inside its close handling.
                javafx.application.Platform.runLater(afterClosed);
            }
        });
        Stage stage = newStage(owner, vm.note().isEmpty() ? "New key — copy the secret now"
                : "Replacement admin key — copy the secret now");
        SecretDialog[] controller = new SecretDialog[1];
        Parent root = load("/dev/keydesk/app/secret/SecretDialog.fxml", type -> {
            controller[0] = new SecretDialog(vm);
            return controller[0];
        });
        root.getStylesheets().add(SecretDialog.STYLESHEET);
        stage.setScene(scene(root, 660, vm.note().isEmpty() ? 360 : 450));
        controller[0].attach(stage);
        lastOpened = stage;
        stage.show();
    }

    /**
     * The copy-once dialog for a secret that is not a plain new key's (break-glass: the replacement
     * admin key), with its own title and a note; {@code afterClosed} runs once it has closed and
     * the secret is wiped. Takes {@code secret}. On the FX thread.
     */
    public void showSecretOnce(Window owner, ApiKey key, Secret secret, String title, String note,
                               Runnable afterClosed) {
        Connection connection = session.current().orElse(null);
        if (connection == null) {
            secret.wipe();
            throw new IllegalStateException("not connected");
        }
        openSecret(owner, connection, key, secret, afterClosed, vm -> vm.describedAs(title, note));
    }

    /**
     * Called when the app stops (on the FX thread): a secret dialog that is still open clears the
     * clipboard if it holds the secret and wipes the secret, as closing it would.
     */
    @Override
    public void close() {
        closing = true;
        List.copyOf(openSecrets).forEach(SecretViewModel::dispose);
    }

    /** The setting as it is now (30 s when there is none). */
    private Duration clearAfter() {
        return Objects.requireNonNull(clipboardClearAfter.get(), "clipboardClearAfter");
    }

    /** The most recently opened window (tests find dialogs through it). */
    Stage lastOpened() {
        return lastOpened;
    }

    /** The last secret dialog's view model (tests check that it wiped the secret). */
    SecretViewModel lastSecretViewModel() {
        return lastSecret;
    }

    private static Predicate<Permission> adminHolds(Connection connection) {
        return connection::holds;
    }

    private Stage newStage(Window owner, String title) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        } else {
            stage.initModality(Modality.APPLICATION_MODAL);
        }
        stage.setTitle("KeyDesk — " + title);
        for (URL url : AppIcons.windowIconUrls()) {
            stage.getIcons().add(new Image(url.toExternalForm()));
        }
        lastOpened = stage;
        return stage;
    }

    private void show(Stage stage, Parent root, double width, double height) {
        stage.setScene(scene(root, width, height));
        stage.show();
    }

    private static Scene scene(Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        URL appCss = FxKeyDialogs.class.getResource(APP_CSS);
        if (appCss != null) {
            scene.getStylesheets().add(appCss.toExternalForm());
        }
        scene.getStylesheets().add(PermissionMatrixView.STYLESHEET);
        URL editorCss = FxKeyDialogs.class.getResource("editor.css");
        if (editorCss != null) {
            scene.getStylesheets().add(editorCss.toExternalForm());
        }
        return scene;
    }

    private static Parent load(String fxml, Callback<Class<?>, Object> controllers) {
        FXMLLoader loader = new FXMLLoader(FxKeyDialogs.class.getResource(fxml));
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
