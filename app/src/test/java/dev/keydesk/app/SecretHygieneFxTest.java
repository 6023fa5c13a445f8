package dev.keydesk.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.keydesk.core.testing.TestBackend;
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
 * The promise about a new key's secret, checked on the whole app: after the copy-once
 * dialog (copied, copied as an env line, tested with whoami) has closed, the secret is nowhere —
 * not on the clipboard, in any window's text, in any log line (the app's own loggers at TRACE
 * for the run), or in any file of the app's folder or the server's data folder.
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
        window = MainWindowFixture.show(stage, appHome);
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
