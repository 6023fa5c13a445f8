package dev.keydesk.app;

import dev.keydesk.app.incident.IncidentViewModel;
import dev.keydesk.app.incident.RuleKind;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.server.Plan;
import javafx.scene.Node;
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

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run on the free plan (100 requests a minute) meets the rate limit and pauses with its reason
 * and countdown in view; Escape cancels it cleanly: nothing new starts, every key ends in a known
 * state, and those not attempted are offered for a retry. (That the report equals the server's
 * state after a cancel is the engine's test, IncidentRunTest; here the free plan's minute is spent.)
 */
@ExtendWith(ApplicationExtension.class)
class IncidentCancelFxTest {

    @TempDir
    Path dir;
    private TestBackend backend;
    private MainWindowFixture window;

    @Start
    void start(Stage stage) throws IOException {
        backend = TestBackend.start(dir.resolve("server"), 250, o -> o.plan(Plan.FREE));
        window = MainWindowFixture.show(stage, dir.resolve("home"));
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        backend.close();
    }

    @Test
    void aRateLimitPauseIsShownAndEscapeCancelsTheRunWithEveryKeyInAKnownState(FxRobot robot) {
        window.connect(robot, backend, "Free plan", Environment.SANDBOX);
        waitUntil("the keys are loaded", () -> window.table(robot).getItems().size() > 150);
        IncidentViewModel incident = window.incident();
        robot.push(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN));
        robot.clickOn("#addRuleButton");
        Node row = onFx(() -> robot.lookup(".rule-row").query());
        Node kind = onFx(() -> robot.from(row).lookup(".rule-kind").queryAs(ComboBox.class));
        robot.clickOn(kind);
        Node all = onFx(() -> robot.lookup(".combo-box-popup .list-cell")
                .match((ListCell<?> c) -> c.getItem() == RuleKind.ALL).query());
        robot.clickOn(all);
        waitUntil("the preview", () -> incident.previewCurrentProperty().get() && !incident.previewingProperty().get());
        int count = onFx(() -> incident.previewProperty().get().count());
        assertThat(count).as("more keys than the free plan allows in a minute").isGreaterThan(100);
        robot.clickOn("#countField").write(Integer.toString(count));
        robot.clickOn("#startButton");

        try {
            waitUntil("the run pauses for the rate limit", () -> incident.phase() == IncidentViewModel.Phase.RUNNING
                    && !incident.pauseTextProperty().get().isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError(onFx(() -> incident.phase() + " / " + incident.startStateProperty().get() + " / "
                    + incident.countsTextProperty().get() + " / " + incident.stateTextProperty().get()), e);
        }
        assertThat(onFx(() -> robot.lookup("#pauseLabel").queryAs(Label.class).getText()))
                .containsPattern("Resuming in \\d+ s; no key is given up.");
        assertThat(onFx(() -> robot.lookup("#pauseLabel").queryAs(Label.class).isVisible())).isTrue();

        robot.type(KeyCode.ESCAPE);
        waitUntil("the cancelled run finished", () -> incident.phase() == IncidentViewModel.Phase.FINISHED);
        var result = onFx(() -> incident.resultProperty().get());
        assertThat(result.cancelled()).isTrue();
        assertThat(result.outcomes()).hasSize(count)
                .allSatisfy(o -> assertThat(o.outcome()).isIn(Outcome.REVOKED, Outcome.NOT_ATTEMPTED));
        assertThat(result.count(Outcome.NOT_ATTEMPTED)).as("the pause held the rest back").isPositive();
        assertThat(onFx(() -> incident.headlineProperty().get())).startsWith("Cancelled. ");

        assertThat(onFx(() -> incident.retryStateProperty().get().enabled()))
                .as("the keys not attempted can be run again").isTrue();
        assertThat(onFx(() -> incident.notAsAsked().size())).isEqualTo(result.count(Outcome.NOT_ATTEMPTED));
    }
}
