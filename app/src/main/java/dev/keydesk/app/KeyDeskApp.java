package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.FxFileDialogs;
import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Theme;
import dev.keydesk.core.common.AppPaths;
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

        context = new AppContext(settings, AppPaths.fromEnvironment(), () -> stage,
                new FxFileDialogs(() -> stage, getHostServices()::showDocument));
        // The connection (and the embedded server's ~2 s start) runs in the background: begin it
        // now, while the window is built, unless it has a question to ask in front of the window.
        boolean connectAfterShow = context.connections().startupAsksFirst();
        if (!connectAfterShow) {
            context.connections().connectAtStartup();
        }
        Scene scene = installMainWindow(stage, context);
        stage.getIcons().setAll(Icons.windowIcons());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        BenchHook.installIfRequested(scene);
        stage.show();
        if (connectAfterShow) {
            context.connections().connectAtStartup();
        }
    }

    /**
     * Puts the main window's scene (FXML wired by {@code context}, the app's stylesheet) on
     * {@code stage} and binds the title; the main-window UI tests build it through here too.
     */
    static Scene installMainWindow(Stage stage, AppContext context) throws IOException {
        FXMLLoader loader = new FXMLLoader(KeyDeskApp.class.getResource("MainView.fxml"));
        loader.setControllerFactory(context.controllers());
        Parent root = loader.load();
        MainView main = loader.getController();
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(main.titleProperty());
        return scene;
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
