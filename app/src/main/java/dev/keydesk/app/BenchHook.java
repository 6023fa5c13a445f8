package dev.keydesk.app;

import dev.keydesk.app.keys.KeyRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableRow;
import javafx.scene.paint.Color;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * For the start-up benchmark ({@code bench ui-start}) only, and inert unless the system property
 * {@value #PROPERTY} is {@code true}: once the key table shows rows and the frame that holds them
 * has been rendered, prints {@code KEYDESK_PAINTED <ms since the JVM started> <rows> <epoch ms>}
 * on stdout and quits. The epoch milliseconds let a parent process time from its own launch.
 *
 * <p>JavaFX has no public "frame rendered" event. What it does guarantee: a pulse that changes
 * anything waits for the previous frame to finish rendering before it copies the scene to the
 * renderer. So, after the layout pass that put rows into cells (frame N), the hook changes the
 * scene's fill to an equal colour (a change that paints nothing new), which makes the next pulse
 * wait for frame N; the report runs right after that pulse.
 */
public final class BenchHook {

    public static final String PROPERTY = "keydesk.bench.reportPaint";
    public static final String MARKER = "KEYDESK_PAINTED";

    private BenchHook() {
    }

    /** The app's hook: reports once the key table's visible cells hold keys. */
    static void installIfRequested(Scene scene) {
        if (Boolean.getBoolean(PROPERTY)) {
            reportFirstPaint(scene, BenchHook::keyRowsShown);
        }
    }

    /**
     * Reports the first rendered frame for which {@code ready} answers a count of zero or more
     * (negative: not yet), checked after each layout pass; then exits the FX platform.
     */
    public static void reportFirstPaint(Scene scene, ToIntFunction<Scene> ready) {
        new Reporter(scene, ready).install();
    }

    /** The key table's row count once at least one visible table row shows a key, else -1. */
    private static int keyRowsShown(Scene scene) {
        for (Node node : scene.getRoot().lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && row.isVisible() && row.getItem() instanceof KeyRow) {
                return row.getTableView().getItems().size();
            }
        }
        return -1;
    }

    private static final class Reporter implements Runnable {
        private final Scene scene;
        private final ToIntFunction<Scene> ready;
        private int count = -1;
        private boolean nudged;
        private boolean done;

        Reporter(Scene scene, ToIntFunction<Scene> ready) {
            this.scene = scene;
            this.ready = ready;
        }

        void install() {
            scene.addPostLayoutPulseListener(this);
        }

        /** After each layout pass. */
        @Override
        public void run() {
            if (done) {
                return;
            }
            if (count < 0) {
                count = ready.applyAsInt(scene);
                if (count >= 0) {
                    // Runs after this pulse, whose frame (with the rows) then goes to the renderer.
                    Platform.runLater(this::nudge);
                }
            } else if (nudged) {
                done = true;
                Platform.runLater(() -> scene.removePostLayoutPulseListener(this));
                // Runs after this pulse, which first waited for the frame with the rows.
                Platform.runLater(this::report);
            }
        }

        private void nudge() {
            nudged = true;
            if (scene.getFill() instanceof Color c) {
                scene.setFill(new Color(c.getRed(), c.getGreen(), c.getBlue(), c.getOpacity()));
            } else {
                scene.getRoot().requestLayout();
                Platform.requestNextPulse();
            }
        }

        private void report() {
            long now = System.currentTimeMillis();
            long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf(Locale.ROOT, "%s %d %d %d%n", MARKER, sinceJvmStart, count, now);
            System.out.flush();
            Platform.exit();
        }
    }
}
