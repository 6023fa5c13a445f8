package dev.keydesk.app.status;

import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.client.model.KeyListParams;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.text.NumberFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The budget in the status bar comes from the real server's rate-limit headers. */
@ExtendWith(ApplicationExtension.class)
class StatusBarRealServerFxTest {

    @TempDir
    static Path dir;

    private TestBackend backend;

    @Start
    void start(Stage stage) {
        backend = TestBackend.start(dir.resolve("srv-" + System.nanoTime()), 0);
        FixedSession session = new FixedSession(backend.connection());
        stage.setScene(new Scene(new StatusBar(session), 1000, 40));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    @Test
    void the_budget_shows_after_a_request(FxRobot robot) {
        backend.api().listKeys(KeyListParams.firstPage(10));
        WaitForAsyncUtils.waitForFxEvents();

        long remaining = backend.api().lastRateLimit().orElseThrow().remaining();
        String text = robot.lookup("#rateLimitLabel").queryAs(Label.class).getText();
        assertThat(text).startsWith(NumberFormat.getIntegerInstance().format(remaining) + " / ")
                .contains(" requests left · resets ");
    }
}
