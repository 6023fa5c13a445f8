package dev.keydesk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.incident.IdentifyDialog;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedFiles;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.keydesk.core.connection.Environment;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static dev.keydesk.app.MainWindowFixture.clipboardText;
import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise about secrets, checked on the whole app: after the copy-once dialog
 * (copied, copied as an env line, tested with whoami) has closed, or after a leaked secret was
 * pasted into Identify (found and revoked, or not found), the secret is nowhere — not on the
 * clipboard, in any window's text, in any log line (the app's own loggers at TRACE for the run),
 * or in any file of the app's folder or the server's data folder; and the exported inventory
 * (CSV and JSON) holds the keys but no secret.
 */
@ExtendWith(ApplicationExtension.class)
class SecretHygieneFxTest {

    private static final KeyCodeCombination CTRL_N = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    Path dir;
    private Path appHome;
    private TestBackend backend;
    private MainWindowFixture window;
    private final Captured logs = new Captured();
    private final ScriptedFiles files = new ScriptedFiles();
    private Level appLevelBefore;

    /** Every log event, with its exception's messages, as text. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(ILoggingEvent e) {
            StringBuilder line = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        appHome = dir.resolve("app-home");
        window = MainWindowFixture.show(stage, appHome, new AppSettings(new MemoryPreferences()), files);
    }

    @BeforeEach
    void setUp(FxRobot robot) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger app = (Logger) LoggerFactory.getLogger("dev.keydesk");
        appLevelBefore = app.getLevel();
        app.setLevel(Level.TRACE);
        logs.setContext(root.getLoggerContext());
        logs.start();
        root.addAppender(logs);

        backend = TestBackend.start(dir.resolve("server"), 5);
        window.connect(robot, backend, "Hygiene server", Environment.SANDBOX);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("dev.keydesk")).setLevel(appLevelBefore);
        window.close(robot);
        backend.close();
    }

    @Test
    void afterTheCopyOnceDialogTheSecretIsNowhere(FxRobot robot) {
        robot.push(CTRL_N);
        Stage form = window.waitForWindow("KeyDesk — Create key — Hygiene server");
        robot.clickOn(robot.from(form.getScene().getRoot()).lookup("#nameField").queryAs(TextField.class))
                .write("Hygiene check");
        robot.clickOn("Presets").clickOn("Read-only analytics");
        robot.clickOn(robot.from(form.getScene().getRoot()).lookup("#createButton").queryButton());

        Stage dialog = window.waitForWindow("KeyDesk — New key — copy the secret now");
        Parent root = dialog.getScene().getRoot();
        robot.clickOn(robot.from(root).lookup("#copyEnvButton").queryButton());
        String envLine = clipboardText();
        robot.clickOn(robot.from(root).lookup("#copyButton").queryButton());
        String secret = clipboardText();
        assertThat(secret).startsWith("sk_").hasSizeGreaterThan(24);
        assertThat(envLine).contains(secret);
        robot.clickOn(robot.from(root).lookup("#testButton").queryButton());
        waitUntil("whoami with the new key answered", () -> robot.from(root).lookup("#testResult")
                .queryAs(Labeled.class).getText().contains("datasets"));

        robot.clickOn(robot.from(root).lookup("#storedBox").queryAs(Node.class));
        robot.clickOn(robot.from(root).lookup("#closeButton").queryButton());
        waitUntil("the copy-once dialog closed", () -> !dialog.isShowing());

        assertThat(clipboardText()).as("the clipboard, once the dialog closed").isNotEqualTo(secret);
        assertThat(onFx(SecretHygieneFxTest::textOfEveryWindow)).as("text on screen").doesNotContain(secret);
        assertThat(logs.lines).as("log lines (%d captured)", logs.lines.size()).noneMatch(l -> l.contains(secret));
        assertThat(logs.lines).as("the capture works").isNotEmpty();
        assertThat(filesContaining(appHome, secret)).as("files in the app's folder").isEmpty();
        assertThat(filesContaining(dir.resolve("server"), secret)).as("files in the server's data").isEmpty();
    }

    @Test
    void aPastedLeakedSecretIsIdentifiedRevokedAndThenNowhere(FxRobot robot) {
        CreatedKey leaked = backend.call(api -> api.createKey(new KeyCreateParams("Leaked in a gist", null, "live",
                List.of(Permission.parse("datasets:read")), Instant.now().plus(30, ChronoUnit.DAYS))));
        String secret = leaked.secret().orElseThrow().reveal();
        MainWindowFixture.putOnClipboard(robot, secret);

        robot.push(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        Stage dialog = window.waitForWindow(IdentifyDialog.TITLE);
        Parent root = dialog.getScene().getRoot();
        waitUntil("the server said it can identify", () -> !robot.from(root).lookup("#leakedSecret").query().isDisabled());
        robot.clickOn(robot.from(root).lookup("#leakedSecret").queryAs(Node.class));
        robot.push(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        waitUntil("the secret is pasted (masked)", () -> robot.from(root).lookup("#leakedSecret")
                .queryAs(TextInputControl.class).getLength() == secret.length());
        robot.clickOn(robot.from(root).lookup("#identifyButton").queryButton());
        waitUntil("the key was found", () -> robot.from(root).lookup("#identifyMessage").queryAs(Labeled.class)
                .getText().contains("“Leaked in a gist”"));
        assertThat(onFx(() -> robot.from(root).lookup("#leakedSecret").queryAs(TextInputControl.class).getLength()))
                .as("the field is emptied once the secret is sent").isZero();
        assertThat(clipboardText()).as("the clipboard held the secret: emptied").isNotEqualTo(secret);

        robot.clickOn(robot.from(root).lookup("#revokeIdentified").queryButton());
        waitUntil("the identify dialog closed", () -> !dialog.isShowing());
        DialogPane prompt = window.waitForAlert();
        assertThat(prompt.getHeaderText()).contains("The key of the pasted secret, “Leaked in a gist”: 1 key");
        robot.clickOn(robot.from(prompt).lookup(".text-field").queryAs(TextField.class)).write("1");
        robot.clickOn(robot.from(prompt).lookup(".button").match((Button b) -> b == prompt.lookupButton(ButtonType.OK))
                .queryButton());
        DialogPane report = window.waitForAlert();
        assertThat(report.getHeaderText()).isEqualTo("The key is revoked.");
        robot.clickOn(robot.from(report).lookup(".button").match((Button b) -> b == report.lookupButton(ButtonType.OK))
                .queryButton());
        assertThatThrownBy(() -> backend.call(api -> api.getKey(leaked.key().id()))).isInstanceOf(NotFoundException.class);

        assertThat(onFx(SecretHygieneFxTest::textOfEveryWindow)).as("text on screen").doesNotContain(secret);
        assertThat(logs.lines).as("log lines (%d captured)", logs.lines.size()).noneMatch(l -> l.contains(secret));
        assertThat(logs.lines).as("the capture works").isNotEmpty();
        assertThat(filesContaining(appHome, secret)).as("files in the app's folder").isEmpty();
        assertThat(filesContaining(dir.resolve("server"), secret)).as("files in the server's data").isEmpty();
        leaked.secret().ifPresent(Secret::wipe);
    }

    @Test
    void aSecretNoKeyHasIsSaidSoAndNotKept(FxRobot robot) {
        String unknown = "sk_live_" + "Q".repeat(32);
        robot.push(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        Stage dialog = window.waitForWindow(IdentifyDialog.TITLE);
        Parent root = dialog.getScene().getRoot();
        waitUntil("the server said it can identify", () -> !robot.from(root).lookup("#leakedSecret").query().isDisabled());
        MainWindowFixture.putOnClipboard(robot, unknown);
        robot.clickOn(robot.from(root).lookup("#leakedSecret").queryAs(Node.class));
        robot.push(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN));
        robot.type(KeyCode.ENTER);
        waitUntil("the server answered", () -> robot.from(root).lookup("#identifyMessage").queryAs(Labeled.class)
                .getText().startsWith("No key on this server has this secret"));
        assertThat(onFx(() -> robot.from(root).lookup("#revokeIdentified").query().isVisible())).isFalse();
        robot.type(KeyCode.ESCAPE);
        waitUntil("the dialog closed", () -> !dialog.isShowing());
        assertThat(logs.lines).noneMatch(l -> l.contains(unknown));
        assertThat(onFx(SecretHygieneFxTest::textOfEveryWindow)).doesNotContain(unknown);
    }

    @Test
    void theExportedInventoryHoldsTheKeysButNoSecret(FxRobot robot) throws IOException {
        CreatedKey made = backend.call(api -> api.createKey(new KeyCreateParams("Exported key", null, "test",
                List.of(Permission.parse("jobs:read")), Instant.now().plus(30, ChronoUnit.DAYS))));
        String secret = made.secret().orElseThrow().reveal();
        robot.type(KeyCode.F5);
        waitUntil("the key is in the table", () -> window.row(robot, made.key().id()).isPresent());
        Path csv = dir.resolve("export/keys.csv");
        Path json = dir.resolve("export/all-keys.json");
        Files.createDirectories(csv.getParent());

        files.answers.add(csv);
        robot.push(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        DialogPane which = window.waitForAlert();
        assertThat(onFx(() -> robot.from(which).lookup("#exportShown").queryAs(Labeled.class).getText()))
                .contains(window.table(robot).getItems().size() + " keys");
        robot.clickOn(robot.from(which).lookup(".button").match((Button b) -> b == which.lookupButton(ButtonType.OK))
                .queryButton());
        DialogPane done = window.waitForAlert();
        assertThat(done.getHeaderText()).startsWith("Exported ").endsWith(" as CSV.");
        robot.clickOn(robot.from(done).lookup(".button").match((Button b) -> b == done.lookupButton(ButtonType.OK))
                .queryButton());

        files.answers.add(json);
        robot.clickOn(IncidentWorkspaceFxTest.menuBarMenu(robot, "File"))
                .clickOn(MainWindowFixture.menuEntry(robot, "Export the key inventory…"));
        DialogPane scope = window.waitForAlert();
        robot.clickOn(robot.from(scope).lookup("#exportAll").queryAs(Node.class));
        robot.clickOn(robot.from(scope).lookup(".button").match((Button b) -> b == scope.lookupButton(ButtonType.OK))
                .queryButton());
        DialogPane doneJson = window.waitForAlert();
        assertThat(doneJson.getHeaderText()).endsWith(" as JSON.");
        robot.clickOn(robot.from(doneJson).lookup(".button").match((Button b) -> b == doneJson.lookupButton(ButtonType.OK))
                .queryButton());

        assertThat(Files.readString(csv)).startsWith("id,name,prefix").contains(made.key().id()).doesNotContain(secret);
        assertThat(Files.readString(json)).contains("\"id\" : \"" + made.key().id() + "\"").doesNotContain(secret);
        assertThat(files.asked).containsExactly("Export the key inventory", "Export the key inventory");
        made.secret().ifPresent(Secret::wipe);
    }

    /** Every text a window shows or holds: labels, fields, tooltips, titles. */
    private static String textOfEveryWindow() {
        StringBuilder all = new StringBuilder();
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s) {
                all.append(s.getTitle()).append('\n');
            }
            if (w.getScene() != null) {
                collect(w.getScene().getRoot(), all);
            }
        }
        return all.toString();
    }

    private static void collect(Node node, StringBuilder all) {
        if (node instanceof Labeled l) {
            all.append(l.getText()).append('\n');
            Tooltip t = l.getTooltip();
            if (t != null) {
                all.append(t.getText()).append('\n');
            }
        }
        if (node instanceof TextInputControl t) {
            all.append(t.getText()).append('\n');
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, all);
            }
        }
    }

    private static List<Path> filesContaining(Path folder, String secret) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(read(f), needle)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
