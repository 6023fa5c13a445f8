package dev.keydesk.app.editor;

import atlantafx.base.theme.PrimerLight;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Test-only launcher to look at the dialogs (screenshots under Xvfb) without a server:
 * {@code java ... dev.keydesk.app.editor.EditorPreview create|edit|secret}.
 */
public final class EditorPreview extends Application {

    public static void main(String[] args) {
        Application.launch(EditorPreview.class, args);
    }

    @Override
    public void start(Stage primary) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        String what = getParameters().getRaw().isEmpty() ? "create" : getParameters().getRaw().get(0);
        FakeKeys api = new FakeKeys();
        Profile profile = new Profile("local", "Local server", "http://127.0.0.1:9", Environment.LOCAL,
                Profile.KeySource.EMBEDDED, null);
        FixedSession session = new FixedSession(new Connection(profile, api, Optional.empty(), Catalog.builtIn(),
                KeyPolicy.defaults()));
        FxKeyDialogs dialogs = new FxKeyDialogs(session, new CurrentThreadTaskRunner(), new ScriptedDialogs(false),
                () -> Duration.ofSeconds(30), error -> false);
        Platform.setImplicitExit(true);
        switch (what) {
            case "edit" -> {
                ApiKey key = FakeKeys.key("key_1", "Reporting dashboard", Instant.now().plus(Duration.ofDays(40)),
                        null, "datasets:read", "queries:read", "jobs:read", "billing:export");
                api.add(key);
                dialogs.openEdit(null, key, () -> { });
                // Show a diff: one added, one removed.
                Stage st = dialogs.lastOpened();
                var matrix = (dev.keydesk.app.permissions.PermissionMatrixView) st.getScene().lookup(".permission-matrix");
                matrix.viewModel().setSelected(Permission.parse("datasets:write"), true);
                matrix.viewModel().setSelected(Permission.parse("queries:read"), false);
            }
            case "secret" -> {
                ApiKey key = FakeKeys.key("key_1", "Billing backend", null, null);
                api.add(key);
                dialogs.openSecret(null, session.current().orElseThrow(),
                        key, dev.keydesk.client.Secret.of(
                                "sk_live_4fTq9ZbX2mLr8WvKc1NdYe7HsPa3Ju6G"), () -> { });
            }
            case "create-filled" -> {
                dialogs.openCreate(null, () -> { });
                Stage st = dialogs.lastOpened();
                javafx.scene.control.TextField name = (javafx.scene.control.TextField) st.getScene().lookup("#nameField");
                name.setText("Analytics dashboard (prod)");
                javafx.scene.control.TextArea d = (javafx.scene.control.TextArea) st.getScene().lookup("#descriptionField");
                d.setText("Read-only reporting for the BI team");
                var matrix = (dev.keydesk.app.permissions.PermissionMatrixView) st.getScene().lookup(".permission-matrix");
                var vm = matrix.viewModel();
                vm.applyPreset(vm.catalog().presets().get(0));
                vm.setSelected(Permission.parse("datasets:write"), true);
            }
            default -> dialogs.openCreate(null, () -> { });
        }
        Stage s = dialogs.lastOpened();
        s.setX(0);
        s.setY(0);
    }
}
