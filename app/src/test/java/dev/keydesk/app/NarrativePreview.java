package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.Icons;
import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.testing.NarrativeScriptedServer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Test-only: the real app on a Narrative account, to look at it as a person would (screenshots
 * under Xvfb). The account is the scripted Narrative server with realistic tokens; a second profile
 * points at Narrative's production by name. {@code table} (default) shows the key table with a
 * token selected, {@code profiles} the Connections dialog on the Narrative production profile,
 * {@code create} the create form.
 * Run through {@link NarrativePreviewLauncher}.
 */
public final class NarrativePreview extends Application {

    private AppContext context;
    private NarrativeScriptedServer narrative;

    @Override
    public void start(Stage stage) throws Exception {
        String what = getParameters().getRaw().isEmpty() ? "table" : getParameters().getRaw().get(0);
        AppSettings settings = new AppSettings(new MemoryPreferences());
        settings.theme().apply();
        Path home = Files.createTempDirectory("keydesk-narrative-preview");
        context = new AppContext(settings, AppPaths.of(home), () -> stage);

        narrative = NarrativeScriptedServer.start();
        String admin = narrative.adminToken("KeyDesk administration");
        Instant now = Instant.now();
        narrative.seed("Looker exports (read-only)", now.plus(64, ChronoUnit.DAYS), "datasets:read", "queries:read",
                "subscriptions:read");
        String etl = narrative.seed("Nightly ETL (prod)", now.plus(5, ChronoUnit.DAYS), "datasets:read",
                "datasets:write", "data_streams:write");
        narrative.seed("Segment bridge", now.plus(180, ChronoUnit.DAYS), "connections:read", "destinations:write");
        narrative.seed("Data-plane sync", now.plus(27, ChronoUnit.DAYS), "data-planes:read", "datasets:read");
        narrative.seed("Legacy importer", now.plus(12, ChronoUnit.DAYS), "datasets:admin", "datasets:revise",
                "uploads:write");
        narrative.seed("Q3 audience export", now.minus(9, ChronoUnit.DAYS), "datasets:read");

        Profile account = new Profile(ProfileStore.newId(), "Narrative (dev account)", narrative.baseUri().toString(),
                Environment.STAGING, Profile.KeySource.SESSION_ONLY, null, Dialect.NARRATIVE);
        Profile production = new Profile(ProfileStore.newId(), "Narrative production", "https://api.narrative.io",
                Environment.PRODUCTION, Profile.KeySource.ENVIRONMENT, "NARRATIVE_API_KEY", Dialect.NARRATIVE);
        context.connections().profiles().save(production);
        context.connections().profiles().save(account);
        context.connections().adminKeys().store(account, Secret.of(admin));

        KeyDeskApp.installMainWindow(stage, context);
        stage.getIcons().setAll(Icons.windowIcons());
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        context.connections().connect(account);

        context.connections().stateProperty().addListener((obs, old, state) -> {
            if (state instanceof ConnectionState.Connected) {
                PauseTransition settle = new PauseTransition(Duration.seconds(2));
                settle.setOnFinished(e -> {
                    if (what.equals("create")) {
                        javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene()
                                .lookup(".menu-bar");
                        bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                                .filter(i -> "newKeyItem".equals(i.getId())).findFirst()
                                .ifPresent(javafx.scene.control.MenuItem::fire);
                    } else if (what.equals("profiles")) {
                        context.connections().openProfiles(stage);
                        for (Window w : Window.getWindows()) {
                            if (w != stage && w.getScene() != null) {
                                w.setX(60);
                                w.setY(40);
                                @SuppressWarnings("unchecked")
                                ListView<Profile> list = (ListView<Profile>) w.getScene().lookup("#profileList");
                                list.getSelectionModel().select(production);
                            }
                        }
                    } else {
                        @SuppressWarnings("unchecked")
                        TableView<dev.keydesk.app.keys.KeyRow> table =
                                (TableView<dev.keydesk.app.keys.KeyRow>) stage.getScene().lookup("#table");
                        table.getItems().stream().filter(r -> r.id().equals(etl)).findFirst()
                                .ifPresent(r -> table.getSelectionModel().select(r));
                    }
                });
                settle.play();
            }
        });
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
        if (narrative != null) {
            narrative.close();
        }
        Platform.exit();
    }
}
