package dev.keydesk.app;

import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.status.StatusBarViewModel;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Remedy;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local recovery in the real main window with its real embedded server: the person revokes the
 * admin key KeyDesk is connected with, the app offers "Reset the local admin key…" (status bar and
 * Connections), and after the reset it is connected again with every other key still there.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowLocalRecoveryFxTest {

    private static final KeyCodeCombination CTRL_K = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    Path dir;
    private MainWindowFixture window;

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir.resolve("home"));
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
    }

    @Test
    void revokingTheEmbeddedAdminKeyOffersAResetAndTheResetReconnectsWithEveryKeyKept(FxRobot robot)
            throws IOException {
        Platform.runLater(window.connections()::connectAtStartup);
        DialogPane demoQuestion = window.waitForAlert();
        robot.clickOn((Button) demoQuestion.lookupButton(ButtonType.OK));
        waitUntil("connected to the embedded server", () -> window.connections().stateProperty().get().isConnected());
        Connection first = onFx(() -> window.connections().current().orElseThrow());
        String adminId = first.connectedKeyId().orElseThrow();
        waitUntil("the keys are listed", () -> window.row(robot, adminId).isPresent());
        List<String> before = window.shownIds(robot);
        Path keyFile = dir.resolve("home").resolve("local-server").resolve("bootstrap.key");
        String oldSecret = Files.readString(keyFile);

        // The person revokes the very key KeyDesk is connected with: the app warns, the person goes ahead.
        window.clickRow(robot, adminId);
        robot.type(KeyCode.DELETE);
        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getContentText()).startsWith("This is the admin key KeyDesk is connected with.");
        robot.clickOn(robot.from(confirmation).lookup(".button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton());

        // The reload after it is refused: no dead end, but the offer to reset.
        waitUntil("the status bar shows the refused local key", () -> window.problemShown(robot));
        assertThat(window.statusLabel(robot, "#problemLabel").getText()).startsWith("Local admin key refused:");
        Button action = window.problemAction(robot);
        assertThat(action.getText()).isEqualTo(StatusBarViewModel.RESET_LOCAL_ADMIN_ACTION);
        assertThat(onFx(() -> ((ConnectionState.Failed) window.connections().stateProperty().get()).remedy()))
                .isEqualTo(Remedy.RESET_LOCAL_ADMIN);

        // Connections offers it too.
        robot.push(CTRL_K);
        Stage connections = window.waitForWindow("Connections");
        Node offer = robot.from(connections.getScene().getRoot()).lookup("#resetBox").query();
        assertThat(onFx(offer::isVisible)).isTrue();
        robot.interact(connections::close);

        // The status bar's button: a confirmation that says what it does, then the reset in the background.
        robot.clickOn(action);
        DialogPane reset = window.waitForAlert();
        assertThat(reset.getHeaderText()).isEqualTo("Reset the local admin key?");
        assertThat(reset.getContentText()).contains("mints a new admin key (admin:*) for this local folder")
                .contains("Every other key stays as it is").contains("the old admin key stays revoked");
        robot.clickOn(robot.from(reset).lookup(".button").match((Button b) -> "Reset admin key".equals(b.getText()))
                .queryButton());

        waitUntil("connected again", () -> window.connections().stateProperty().get().isConnected());
        assertThat(window.problemShown(robot)).isFalse();
        Connection again = onFx(() -> window.connections().current().orElseThrow());
        String newAdmin = again.connectedKeyId().orElseThrow();
        assertThat(newAdmin).isNotEqualTo(adminId);
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldSecret);
        List<String> expected = new ArrayList<>(before);
        expected.remove(adminId);
        expected.add(newAdmin);
        window.waitForRows(robot, expected);
        KeyRow minted = window.row(robot, newAdmin).orElseThrow();
        assertThat(minted.key().permissions()).extracting(p -> p.value()).containsExactly("admin:*");
    }
}
