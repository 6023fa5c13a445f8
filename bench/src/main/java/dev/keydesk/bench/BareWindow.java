package dev.keydesk.bench;

import dev.keydesk.app.BenchHook;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The yardstick for {@code ui-start}: the least a JavaFX program can show, an empty 1280x800
 * window. It reports its first rendered frame through the app's own {@link BenchHook}, so both
 * sides of the ratio are timed the same way.
 */
public final class BareWindow extends Application {

    /** A plain main, since a class that extends Application cannot be launched from the classpath. */
    public static final class Launcher {
        private Launcher() {
        }

        public static void main(String[] args) {
            Application.launch(BareWindow.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(), 1280, 800);
        BenchHook.reportFirstPaint(scene, s -> 0);
        stage.setTitle("Bare JavaFX window");
        stage.setScene(scene);
        stage.show();
    }
}
