package dev.keydesk.app.editor;

import dev.keydesk.app.testing.FixedSession;

import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.secret.FxClipboard;
import dev.keydesk.app.secret.SecretViewModel;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path through the create, copy-once and edit dialogs, against the real local server
 * and the real HTTP client. The task runner runs work at once (no timed waits); the clipboard is
 * the real JavaFX one (it works under headless Monocle: see {@code FxClipboardTest}).
 */
@ExtendWith(ApplicationExtension.class)
class KeyDialogsFlowTest {

    @TempDir
    Path dir;
    private TestBackend backend;
    private final ScriptedDialogs dialogs = new ScriptedDialogs(false);
    private final FxClipboard clipboard = new FxClipboard();
    private FxKeyDialogs keyDialogs;
    private int created;
    private int saved;

    /** The main window stand-in: dialogs are modal to it, as in the app. */
    private Stage owner;

    @Start
    void start(Stage stage) {
        // The app's theme, so the stylesheets' colour variables resolve as they do for a person.
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        owner = stage;
        // A window needs a scene to be a modal owner under Monocle (else its view is null).
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 320, 200));
        stage.show();
    }

    @BeforeEach
    void setUp() {
        backend = TestBackend.start(dir, 0);
        keyDialogs = new FxKeyDialogs(new FixedSession(backend.connection()), new CurrentThreadTaskRunner(), dialogs,
                () -> Duration.ofSeconds(30), error -> false, clipboard, Clock.systemDefaultZone());
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(() -> List.copyOf(Window.getWindows()).forEach(w -> {
            if (w instanceof Stage s && s.getScene() != null
                    && (s.getScene().getRoot().getStyleClass().contains("key-editor")
                    || s.getScene().getRoot().getStyleClass().contains("secret-dialog"))) {
                s.close();
            }
        }));
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void createViaPresetThenCopyOnceDialogThenWipe(FxRobot robot) {
        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        robot.clickOn("#nameField").write("CI pipeline");
        robot.clickOn("Presets").clickOn("Read-only analytics");
        assertThat(robot.lookup(".matrix-preset").queryAs(Label.class).getText())
                .isEqualTo("Matches preset: Read-only analytics");
        robot.clickOn("#createButton");

        assertThat(created).isEqualTo(1);
        TextField secretField = robot.lookup("#secretField").queryAs(TextField.class);
        assertThat(secretField.getText()).matches("sk_(live|test)_.*").contains("\u2022");
        robot.clickOn("#copyButton");
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = clipboard.getString());
        assertThat(clip[0]).matches("sk_(live|test)_.*").doesNotContain("\u2022");
        assertThat(robot.lookup(".secret-clipboard").queryAs(Label.class).getText()).startsWith("Copied. Clipboard clears in");

        // Closing without the tick asks; "cancel" (the scripted answer) keeps it open.
        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(secretField.getScene().getWindow().isShowing()).isTrue();
        robot.clickOn("#closeButton");
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(secretField.getScene().getWindow().isShowing()).isTrue();

        robot.clickOn("#storedBox");
        robot.clickOn("#closeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(secretField.getScene().getWindow().isShowing()).isFalse();
        SecretViewModel vm = keyDialogs.lastSecretViewModel();
        assertThat(vm.disposedProperty().get()).isTrue();
        assertThat(secretField.getText()).isEmpty();
        robot.interact(() -> clip[0] = clipboard.getString());
        assertThat(clip[0]).isNullOrEmpty();

        Preset analytics = backend.api().catalog().presets().stream()
                .filter(p -> p.id().equals("analytics")).findFirst().orElseThrow();
        ApiKey key = backend.api().listAllKeys(n -> { }).stream()
                .filter(k -> "CI pipeline".equals(k.name())).findFirst().orElseThrow();
        assertThat(Set.copyOf(key.permissions())).isEqualTo(Set.copyOf(analytics.permissions()));
    }

    @Test
    void quittingTheAppWithTheSecretDialogOpenStillClearsTheClipboard(FxRobot robot) {
        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        robot.clickOn("#nameField").write("Left open");
        robot.clickOn("Presets").clickOn("Read-only analytics");
        robot.clickOn("#createButton");
        robot.clickOn("#copyButton");
        String[] clip = new String[1];
        robot.interact(() -> clip[0] = clipboard.getString());
        assertThat(clip[0]).startsWith("sk_");

        robot.interact(keyDialogs::close); // what AppContext.close() does when the app stops

        SecretViewModel vm = keyDialogs.lastSecretViewModel();
        assertThat(vm.disposedProperty().get()).isTrue();
        robot.interact(() -> clip[0] = clipboard.getString());
        assertThat(clip[0]).isNullOrEmpty();
    }

    @Test
    void editShowsTheDiffAndSaves(FxRobot robot) {
        ApiKey key = newKey("Reports");
        robot.interact(() -> keyDialogs.openEdit(owner, key, () -> saved++));
        tick(robot, "jobs", "#perm-jobs-write");
        tick(robot, "datasets", "#perm-datasets-read");
        assertThat(robot.lookup(".matrix-diff").queryAs(Label.class).getText())
                .isEqualTo("Adds: jobs:write · Removes: datasets:read");
        CheckBox removed = robot.lookup("#perm-datasets-read").queryAs(CheckBox.class);
        assertThat(removed.getStyleClass()).contains("perm-removed");
        assertThat(removed.getAccessibleText()).isEqualTo("datasets read, removed");
        assertThat(robot.lookup(".change-summary").queryAs(Label.class).getText())
                .isEqualTo("Changes: +1 permission, \u22121 permission");
        robot.clickOn("#saveButton");
        assertThat(saved).isEqualTo(1);
        assertThat(backend.api().getKey(key.id()).key().permissions())
                .contains(Permission.parse("jobs:write")).doesNotContain(Permission.parse("datasets:read"));
    }

    @Test
    void aStaleEditGetsTheConflictAndReapply(FxRobot robot) {
        ApiKey key = newKey("Shared");
        robot.interact(() -> keyDialogs.openEdit(owner, key, () -> saved++));
        tick(robot, "jobs", "#perm-jobs-write");
        backend.api().updateKey(key.id(), KeyUpdateParams.builder().name("Renamed elsewhere").build(), null);
        robot.clickOn("#saveButton");
        assertThat(saved).isZero();
        assertThat(robot.lookup(".editor-conflict .label").queryAs(Label.class).getText())
                .isEqualTo("Someone else changed this key since you opened it. Nothing was saved.");
        robot.clickOn("#reapplyButton");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).getText()).isEqualTo("Renamed elsewhere");
        assertThat(robot.lookup(".matrix-diff").queryAs(Label.class).getText()).isEqualTo("Adds: jobs:write");
        robot.clickOn("#saveButton");
        assertThat(saved).isEqualTo(1);
        ApiKey now = backend.api().getKey(key.id()).key();
        assertThat(now.name()).isEqualTo("Renamed elsewhere");
        assertThat(now.permissions()).contains(Permission.parse("jobs:write"));
    }

    @Test
    void closingTheEditorWithUnsavedChangesAsksAndNoKeepsEverythingTyped(FxRobot robot) {
        ApiKey key = newKey("Unsaved");
        robot.interact(() -> keyDialogs.openEdit(owner, key, () -> saved++));
        TextField name = robot.lookup("#nameField").queryAs(TextField.class);
        Stage editor = (Stage) name.getScene().getWindow();
        robot.clickOn(name).write(" v2");

        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).singleElement().asString()
                .startsWith("Close without saving your changes?\nChanges: name.");
        assertThat(editor.isShowing()).isTrue();
        assertThat(name.getText()).isEqualTo("Unsaved v2");

        robot.interact(() -> editor.fireEvent(new WindowEvent(editor, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(editor.isShowing()).isTrue();

        robot.clickOn("#cancelButton");
        assertThat(dialogs.confirmations).hasSize(3);
        assertThat(editor.isShowing()).isTrue();
        assertThat(name.getText()).isEqualTo("Unsaved v2");

        dialogs.confirmAnswer = true;
        robot.clickOn("#cancelButton");
        assertThat(dialogs.confirmations).hasSize(4);
        assertThat(editor.isShowing()).isFalse();
        assertThat(saved).isZero();
        assertThat(backend.api().getKey(key.id()).key().name()).isEqualTo("Unsaved");
    }

    @Test
    void closingTheCreateFormWithInputAsksAndNoKeepsEverythingTyped(FxRobot robot) {
        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        TextField name = robot.lookup("#nameField").queryAs(TextField.class);
        Stage form = (Stage) name.getScene().getWindow();
        robot.clickOn(name).write("Half typed");

        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).singleElement().asString()
                .startsWith("Close without creating the key?");
        assertThat(form.isShowing()).isTrue();
        assertThat(name.getText()).isEqualTo("Half typed");

        robot.interact(() -> form.fireEvent(new WindowEvent(form, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(form.isShowing()).isTrue();

        dialogs.confirmAnswer = true;
        robot.clickOn("#cancelButton");
        assertThat(dialogs.confirmations).hasSize(3);
        assertThat(form.isShowing()).isFalse();
        assertThat(created).isZero();
        assertThat(backend.api().listAllKeys(n -> { })).noneMatch(k -> "Half typed".equals(k.name()));
    }

    @Test
    void escapeWhileTheKeyIsBeingCreatedAsksBeforeItStopsWaiting(FxRobot robot) {
        dev.keydesk.app.testing.ManualTaskRunner held = new dev.keydesk.app.testing.ManualTaskRunner();
        keyDialogs = new FxKeyDialogs(new FixedSession(backend.connection()), held, dialogs, () -> Duration.ofSeconds(30),
                error -> false, clipboard, Clock.systemDefaultZone());
        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        TextField name = robot.lookup("#nameField").queryAs(TextField.class);
        Stage form = (Stage) name.getScene().getWindow();
        robot.clickOn(name).write("In flight");
        robot.clickOn("Presets").clickOn("Read-only analytics");
        robot.clickOn("#createButton");
        assertThat(held.pendingTitles()).hasSize(1); // the create is on its way

        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).singleElement().asString().contains("The key is being created right now.");
        assertThat(form.isShowing()).as("No: keep waiting").isTrue();
        assertThat(held.pendingTitles()).hasSize(1);

        dialogs.confirmAnswer = true;
        robot.type(KeyCode.ESCAPE);
        assertThat(form.isShowing()).isFalse();
        assertThat(held.pendingTitles()).as("the create was cancelled").isEmpty();
        assertThat(created).as("the list is refreshed so a key made anyway can be found").isEqualTo(1);
    }

    @Test
    void closingAnUntouchedCreateFormDoesNotAsk(FxRobot robot) {
        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        Stage form = (Stage) robot.lookup("#nameField").queryAs(TextField.class).getScene().getWindow();
        robot.clickOn("#nameField");
        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(form.isShowing()).isFalse();
    }

    @Test
    void closingTheEditorWithoutChangesDoesNotAsk(FxRobot robot) {
        ApiKey key = newKey("Untouched");
        robot.interact(() -> keyDialogs.openEdit(owner, key, () -> saved++));
        Stage editor = (Stage) robot.lookup("#nameField").queryAs(TextField.class).getScene().getWindow();
        robot.clickOn("#nameField");
        robot.type(KeyCode.ESCAPE);
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(editor.isShowing()).isFalse();
    }

    @Test
    void theClipboardDelayIsReadWhenTheSecretDialogOpens(FxRobot robot) {
        AtomicReference<Duration> setting = new AtomicReference<>(Duration.ofSeconds(30));
        keyDialogs = new FxKeyDialogs(new FixedSession(backend.connection()), new CurrentThreadTaskRunner(), dialogs,
                setting::get, error -> false, clipboard, Clock.systemDefaultZone());
        setting.set(Duration.ofSeconds(600)); // changed from the menu after the app started

        robot.interact(() -> keyDialogs.openCreate(owner, () -> created++));
        robot.clickOn("#nameField").write("Long clipboard");
        robot.clickOn("Presets").clickOn("Read-only analytics");
        robot.clickOn("#createButton");
        robot.clickOn("#copyButton");

        // Counted down from 600, not 30 (a tick or two may have passed: no exact value asserted).
        assertThat(keyDialogs.lastSecretViewModel().secondsLeftProperty().get()).isGreaterThan(30);
        robot.interact(keyDialogs::close);
    }

    /** Narrows the matrix with its search field (as a person would in a long catalog), then clicks the cell. */
    private static void tick(FxRobot robot, String search, String cell) {
        TextField field = robot.lookup(".matrix-toolbar .text-field").queryAs(TextField.class);
        robot.interact(field::clear);
        robot.clickOn(field).write(search);
        robot.clickOn(cell);
    }

    private ApiKey newKey(String name) {
        var result = backend.api().createKey(new KeyCreateParams(name, null, "test",
                List.of(Permission.parse("datasets:read"), Permission.parse("jobs:read")),
                Instant.now().plus(30, ChronoUnit.DAYS)));
        result.secret().ifPresent(s -> s.wipe());
        return result.key();
    }
}
