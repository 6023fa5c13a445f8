package dev.keydesk.app.secret;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The real JavaFX clipboard works under headless Monocle, so the flows can use it. */
@ExtendWith(ApplicationExtension.class)
class FxClipboardTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void setGetAndClear(FxRobot robot) {
        FxClipboard clipboard = new FxClipboard();
        String[] got = new String[2];
        robot.interact(() -> {
            clipboard.setString("hello");
            got[0] = clipboard.getString();
            clipboard.clear();
            got[1] = clipboard.getString();
        });
        assertThat(got[0]).isEqualTo("hello");
        assertThat(got[1]).isNull();
    }
}
