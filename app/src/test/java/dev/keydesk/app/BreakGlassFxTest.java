package dev.keydesk.app;

import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.incident.RuleKind;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.testing.TestBackend;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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
import java.nio.file.Path;
import java.util.List;

import static dev.keydesk.app.MainWindowFixture.clipboardText;
import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Break-glass in the app: revoke every key, the connected admin key included on purpose. The
 * replacement's secret is shown once in the copy-once dialog (which says where KeyDesk keeps it),
 * the connection switches to it, the old key goes last, and KeyDesk is still connected afterwards
 * — also after a reconnect.
 */
@ExtendWith(ApplicationExtension.class)
class BreakGlassFxTest {

    @TempDir
    Path dir;
    private TestBackend backend;
    private MainWindowFixture window;

    @Start
    void start(Stage stage) throws IOException {
        backend = TestBackend.start(dir.resolve("server"), 0).withListedKeys(3);
        window = MainWindowFixture.show(stage, dir.resolve("home"));
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        backend.close();
    }

    @Test
    void revokingEverythingIncludingTheConnectedKeyLeavesKeyDeskConnectedWithItsReplacement(FxRobot robot) {
        window.connect(robot, backend, "Team server", Environment.SANDBOX);
        String oldAdmin = onFx(() -> window.connections().connectionProperty().get().connectedKeyId().orElseThrow());
        waitUntil("the keys are loaded", () -> window.table(robot).getItems().size() == 4);
        IncidentViewModel incident = window.incident();

        robot.push(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN));
        robot.clickOn("#addRuleButton");
        Node row = onFx(() -> robot.lookup(".rule-row").query());
        Node kind = onFx(() -> robot.from(row).lookup(".rule-kind").queryAs(ComboBox.class));
        robot.clickOn(kind);
        Node all = onFx(() -> robot.lookup(".combo-box-popup .list-cell")
                .match((ListCell<?> c) -> c.getItem() == RuleKind.ALL).query());
        robot.clickOn(all);
        robot.clickOn("#includeSelfBox");
        waitUntil("the preview includes the connected key", () -> incident.previewCurrentProperty().get()
                && incident.previewProperty().get().breakGlass());
        assertThat(onFx(() -> incident.previewProperty().get().count())).isEqualTo(4);
        assertThat(onFx(() -> robot.lookup("#includeSelfHint").queryAs(Label.class).getText()))
                .contains("replacement").contains("this session only");
        robot.clickOn("#countField").write("4");
        robot.clickOn("#startButton");

        Stage secretDialog = window.waitForWindow("KeyDesk — Replacement admin key — copy the secret now");
        Parent root = secretDialog.getScene().getRoot();
        assertThat(onFx(() -> robot.from(root).lookup("#noteLabel").queryAs(Label.class).getText()))
                .contains("replaces the admin key KeyDesk was connected with").contains("this session only");
        robot.clickOn(robot.from(root).lookup("#copyButton").queryButton());
        Secret replacementSecret = Secret.of(clipboardText());
        robot.clickOn(robot.from(root).lookup("#storedBox").queryAs(Node.class));
        robot.clickOn(robot.from(root).lookup("#closeButton").queryButton());

        waitUntil("the run finished", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        assertThat(onFx(() -> incident.headlineProperty().get())).isEqualTo("All 4 keys are revoked.");
        assertThat(onFx(() -> incident.breakGlassProblemProperty().get())).isEmpty();
        String replacement = onFx(() -> incident.resultProperty().get().breakGlass().replacementId());
        assertThat(onFx(() -> window.connections().connectionProperty().get().connectedKeyId()))
                .as("the app is connected with the replacement").contains(replacement);

        try (KeyApi asReplacement = backend.client(replacementSecret)) {
            assertThatThrownBy(() -> asReplacement.getKey(oldAdmin)).isInstanceOf(NotFoundException.class);
            List<ApiKey> left = asReplacement.listAllKeys(n -> { });
            assertThat(left).extracting(ApiKey::id).containsExactly(replacement);
            assertThat(left.get(0).name()).startsWith("Replaces ");
        }
        waitUntil("the key table shows the replacement, loaded through it", () -> window.shownIds(robot)
                .equals(List.of(replacement)));

        robot.interact(() -> window.connections().reconnect());
        waitUntil("reconnected", () -> window.connections().stateProperty().get() instanceof ConnectionState.Connected c
                && c.connection().connectedKeyId().filter(replacement::equals).isPresent());
        replacementSecret.wipe();
    }
}
