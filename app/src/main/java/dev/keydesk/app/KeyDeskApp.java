package dev.keydesk.app;

import dev.keydesk.app.common.AppPaths;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Theme;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;

/** The JavaFX application: builds the context, shows the main window, then connects. */
public final class KeyDeskApp extends Application {

    private AppContext context;

    @Override
    public void start(Stage stage) throws IOException {
        AppSettings settings = AppSettings.userSettings();
        settings.theme().apply();
        settings.themeProperty().addListener((obs, old, theme) -> theme.apply());

        context = new AppContext(settings, AppPaths.fromEnvironment(), () -> stage);
        FXMLLoader loader = new FXMLLoader(KeyDeskApp.class.getResource("MainView.fxml"));
        loader.setControllerFactory(context.controllers());
        Parent root = loader.load();
        MainView main = loader.getController();

        Scene scene = new Scene(root);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(main.titleProperty());
        stage.getIcons().setAll(Icons.windowIcons());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        BenchHook.installIfRequested(scene);
        stage.show();
        // After the window is up, so a slow server or the embedded server's start never delays it.
        context.connections().connectAtStartup();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
