package dev.keydesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The X display the UI benchmarks draw on: {@code $DISPLAY} when set, else a private Xvfb
 * (1280x800, 24 bit) started here and stopped on close.
 */
final class XDisplay implements AutoCloseable {

    private final String name;
    private final Process xvfb;
    private final Path work;

    private XDisplay(String name, Process xvfb, Path work) {
        this.name = name;
        this.xvfb = xvfb;
        this.work = work;
    }

    static XDisplay open() {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            return new XDisplay(display, null, null);
        }
        try {
            Path work = Files.createTempDirectory("keydesk-xvfb");
            Path displayFd = work.resolve("display");
            // -displayfd 1: Xvfb picks a free display and writes its number once it accepts clients.
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectOutput(displayFd.toFile())
                    .redirectError(work.resolve("xvfb.log").toFile())
                    .start();
            for (int i = 0; i < 100; i++) {
                String n = Files.readString(displayFd, StandardCharsets.US_ASCII).trim();
                if (!n.isEmpty()) {
                    return new XDisplay(":" + n, xvfb, work);
                }
                if (!xvfb.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            xvfb.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start; see " + work.resolve("xvfb.log")
                    + " (apt-get install -y xvfb xauth libgtk-3-0)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Xvfb (apt-get install -y xvfb xauth libgtk-3-0)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value for {@code DISPLAY}. */
    String name() {
        return name;
    }

    String describe() {
        return xvfb == null ? "DISPLAY=" + name + " (given)" : "private Xvfb " + name + " 1280x800x24";
    }

    @Override
    public void close() {
        if (xvfb != null) {
            xvfb.destroy();
            try {
                if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                    xvfb.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BenchFiles.deleteTree(work);
        }
    }
}
