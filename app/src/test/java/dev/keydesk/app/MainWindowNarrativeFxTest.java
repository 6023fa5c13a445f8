package dev.keydesk.app;

import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.connection.NarrativeTarget;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.client.narrative.NarrativeCatalog;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's path on a Narrative account, in the real main window against the scripted Narrative
 * server: add a Narrative profile in Connections (its API detected by Test connection), see the
 * tokens with the columns Narrative has, create one from a preset (its secret shown once, masked
 * whole), and revoke it.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowNarrativeFxTest {

    private static final KeyCodeCombination CTRL_K = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_N = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);

    @TempDir
    Path dir;
    private MainWindowFixture window;
    private NarrativeScriptedServer narrative;

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir.resolve("home"));
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        if (narrative != null) {
            narrative.close();
        }
    }

    @Test
    void addANarrativeProfileListCreateFromAPresetAndRevoke(FxRobot robot) {
        narrative = NarrativeScriptedServer.start();
        String token = narrative.adminToken("KeyDesk admin");
        String etl = narrative.seed("Nightly ETL", Instant.now().plus(40, ChronoUnit.DAYS), "datasets:read");
        String legacy = narrative.seed("Legacy importer", Instant.now().plus(3, ChronoUnit.DAYS), "datasets:admin",
                "datasets:revise");

        // Connections… → Add: a Narrative account at another URL (the scripted server), its token typed in.
        robot.push(CTRL_K);
        Stage connections = window.waitForWindow("Connections");
        Node root = connections.getScene().getRoot();
        robot.clickOn(robot.from(root).lookup("#addButton").queryButton());
        TextField name = robot.from(root).lookup("#nameField").queryAs(TextField.class);
        robot.interact(() -> name.setText("Narrative (test)"));
        @SuppressWarnings("unchecked")
        ComboBox<Dialect> dialect = robot.from(root).lookup("#dialectBox").queryAs(ComboBox.class);
        robot.interact(() -> dialect.setValue(Dialect.NARRATIVE));
        @SuppressWarnings("unchecked")
        ComboBox<NarrativeTarget> target = robot.from(root).lookup("#narrativeTargetBox").queryAs(ComboBox.class);
        assertThat(onFx(target::isVisible)).as("Narrative's environments are offered by name").isTrue();
        NarrativeTarget offered = onFx(target::getValue);
        assertThat(offered).isEqualTo(NarrativeTarget.PRODUCTION);
        TextField url = robot.from(root).lookup("#baseUrlField").queryAs(TextField.class);
        String suggested = onFx(url::getText);
        assertThat(suggested).isEqualTo("https://api.narrative.io");
        assertThat(onFx(() -> robot.from(root).lookup("#envVarField").queryAs(TextField.class).getText()))
                .isEqualTo("NARRATIVE_API_KEY");
        robot.interact(() -> url.setText(narrative.baseUri().toString()));
        NarrativeTarget other = onFx(target::getValue);
        assertThat(other).isEqualTo(NarrativeTarget.OTHER);
        @SuppressWarnings("unchecked")
        ComboBox<Environment> environment = robot.from(root).lookup("#environmentBox").queryAs(ComboBox.class);
        robot.interact(() -> environment.setValue(Environment.STAGING));
        @SuppressWarnings("unchecked")
        ComboBox<Profile.KeySource> source = robot.from(root).lookup("#keySourceBox").queryAs(ComboBox.class);
        robot.interact(() -> source.setValue(Profile.KeySource.SESSION_ONLY));
        PasswordField key = robot.from(root).lookup("#keyField").queryAs(PasswordField.class);
        robot.interact(() -> key.setText(token));

        robot.clickOn(robot.from(root).lookup("#testButton").queryButton());
        Label testResult = robot.from(root).lookup("#testResult").queryAs(Label.class);
        waitUntil("the test connection answered", () -> testResult.getText() != null
                && testResult.getText().startsWith("Connected"));
        assertThat(testResult.getText()).startsWith("Connected (Narrative access tokens) as John Doe · Narrative, Inc.");
        assertThat(robot.from(root).lookup("#detectResult").queryAs(Label.class).getText())
                .startsWith("Detected: Narrative access tokens.");

        robot.clickOn(robot.from(root).lookup("#connectButton").queryButton());
        waitUntil("connected to Narrative", () -> window.connections().stateProperty().get()
                instanceof ConnectionState.Connected c && c.connection().profile().dialect() == Dialect.NARRATIVE);
        assertThat(window.connections().profiles().profiles()).extracting(Profile::dialect).contains(Dialect.NARRATIVE);

        // The tokens, with only the columns Narrative fills, and a note saying what is not there.
        window.waitForRows(robot, narrative.tokenIds());
        TableView<KeyRow> table = window.table(robot);
        List<String> headers = onFx(() -> table.getColumns().stream().map(TableColumn::getText).toList());
        assertThat(headers).containsExactly("Name", "Status", "Permissions", "Expires");
        Label note = robot.from(window.stage.getScene().getRoot()).lookup("#columnsNote").queryAs(Label.class);
        assertThat(onFx(note::isVisible)).isTrue();
        assertThat(note.getText()).contains("Prefix").contains("Last used").contains("hidden");
        assertThat(window.row(robot, legacy).orElseThrow().permissions().text()).contains("admin").contains("revise");

        // Ctrl+N, a preset from Narrative's catalog, Create: the secret once, masked whole.
        String newName = "Looker (read-only) " + System.nanoTime();
        robot.push(CTRL_N);
        Stage form = window.waitForWindow("KeyDesk — Create key — Narrative (test)");
        Node formRoot = form.getScene().getRoot();
        assertThat(onFx(() -> robot.from(formRoot).lookup("#typeRow").query().isVisible())).isFalse();
        assertThat(onFx(() -> robot.from(formRoot).lookup("#descriptionField").query().isDisabled())).isTrue();
        robot.clickOn(robot.from(formRoot).lookup("#nameField").queryAs(TextField.class)).write(newName);
        robot.clickOn(robot.from(formRoot).lookup(".menu-button")
                .match((Labeled b) -> "Presets".equals(b.getText())).queryAs(Node.class));
        robot.clickOn("Read-only analytics");
        robot.clickOn(robot.from(formRoot).lookup("#createButton").queryButton());

        Stage secretDialog = window.waitForWindow("KeyDesk — New key — copy the secret now");
        TextField secretField = robot.from(secretDialog.getScene().getRoot()).lookup("#secretField")
                .queryAs(TextField.class);
        String masked = onFx(secretField::getText);
        assertThat(masked).matches("\u2022+");
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#storedBox").queryAs(Node.class));
        robot.clickOn(robot.from(secretDialog.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("the copy-once dialog closed", () -> !secretDialog.isShowing());

        String created = narrative.tokenIds().stream().filter(id -> newName.equals(narrative.nameOf(id)))
                .findFirst().orElseThrow();
        Catalog catalog = NarrativeCatalog.builtIn();
        Preset analytics = catalog.presets().stream().filter(p -> p.id().equals("analytics")).findFirst().orElseThrow();
        assertThat(Set.copyOf(narrative.permissionsOf(created)))
                .isEqualTo(Set.copyOf(analytics.permissions().stream().map(Permission::value).toList()));
        waitUntil("the new token is in the table", () -> window.row(robot, created).isPresent());

        // Delete: the confirmation cannot promise the connected token is safe, and says so; Revoke.
        window.clickRow(robot, created);
        robot.type(KeyCode.DELETE);
        DialogPane confirmation = window.waitForAlert();
        assertThat(confirmation.getHeaderText()).isEqualTo("Revoke “" + newName + "”?");
        assertThat(confirmation.getContentText())
                .contains("KeyDesk cannot tell whether this is the admin key it is connected with")
                .contains("ID: " + created).doesNotContain("Prefix:").doesNotContain("Last used:");
        robot.clickOn(robot.from(confirmation).lookup(".button").match((Button b) -> "Revoke".equals(b.getText()))
                .queryButton());
        waitUntil("the token is gone from Narrative", () -> !narrative.exists(created));
        waitUntil("and from the table", () -> window.row(robot, created).isEmpty());
        assertThat(window.shownIds(robot)).contains(etl, legacy);
        assertThat(narrative.count("DELETE /access-tokens/tokens/" + created)).isEqualTo(1);
        assertThat(List.of(window.problemShown(robot))).containsExactly(false);
    }
}
