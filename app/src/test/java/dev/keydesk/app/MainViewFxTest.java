package dev.keydesk.app;

import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.common.AppSettings;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The main window as the app builds it: the View menu sets how long the clipboard keeps a secret. */
@ExtendWith(ApplicationExtension.class)
class MainViewFxTest {

    @TempDir
    static Path dir;
    private final AppSettings settings = new AppSettings(new MemoryPreferences());
    private MainWindowFixture window;

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir, settings);
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void theViewMenuChangesTheClipboardDelay(FxRobot robot) {
        robot.clickOn("View").clickOn("Clipboard clears after…");
        TextInputControl seconds = robot.lookup(".text-input-dialog .text-field").queryTextInputControl();
        assertThat(seconds.getText()).isEqualTo("30");
        robot.interact(() -> seconds.setText("90"));
        robot.clickOn("OK");

        assertThat(settings.clipboardClearAfter()).isEqualTo(Duration.ofSeconds(90));
    }
}
