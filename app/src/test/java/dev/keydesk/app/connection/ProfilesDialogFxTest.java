package dev.keydesk.app.connection;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.ProfileStore;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Adding a profile in the Connections dialog and switching to it, as a person does. */
@ExtendWith(ApplicationExtension.class)
class ProfilesDialogFxTest {

    @TempDir
    static Path dir;

    private ConnectionManager manager;
    private Stage dialog;

    @Start
    void start(Stage stage) {
        manager = new ConnectionManager(new CurrentThreadTaskRunner(), new ScriptedDialogs(true),
                new ProfileStore(dir.resolve("profiles-" + System.nanoTime() + ".json")),
                new AdminKeys(FakeKeyring.unavailable(), Map.of("KD_STAGING", "sk_live_s")::get),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                new dev.keydesk.core.connection.ApiFactory() {
                    @Override
                    public dev.keydesk.client.KeyApi create(dev.keydesk.client.Dialect dialect, java.net.URI url,
                                                            dev.keydesk.client.Secret secret) {
                        return new FakeKeyApi("Staging admin", "admin:*");
                    }

                    @Override
                    public dev.keydesk.client.DialectProbe detect(java.net.URI url, dev.keydesk.client.Secret secret) {
                        return dev.keydesk.client.DialectProbe.found(dev.keydesk.client.Dialect.KEYDESK, true,
                                "KeyDesk key API; the key was accepted.");
                    }
                });
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
        dialog = new ProfilesDialog(new ProfilesViewModel(manager, new CurrentThreadTaskRunner(), new ScriptedDialogs(true)))
                .show(stage);
    }

    @Test
    void add_a_profile_see_the_insecure_url_refused_then_connect(FxRobot robot) {
        robot.clickOn("#addButton");
        TextField name = robot.lookup("#nameField").queryAs(TextField.class);
        robot.interact(() -> name.setText("Staging"));
        TextField url = robot.lookup("#baseUrlField").queryAs(TextField.class);
        robot.interact(() -> url.setText("http://staging.example.com"));

        Label error = robot.lookup("#baseUrlError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("unencrypted");
        Button connect = robot.lookup("#connectButton").queryButton();
        assertThat(connect.isDisabled()).isTrue();

        robot.interact(() -> url.setText("https://staging.example.com"));
        robot.interact(() -> robot.lookup("#envVarField").queryAs(TextField.class).setText("KD_STAGING"));
        assertThat(error.isVisible()).isFalse();
        robot.clickOn("#testButton");
        assertThat(robot.lookup("#testResult").queryAs(Label.class).getText()).startsWith("Connected as “Staging admin”");

        robot.clickOn(connect);
        assertThat(dialog.isShowing()).isFalse();
        assertThat(manager.current()).map(c -> c.profile().name()).contains("Staging");
    }
}
