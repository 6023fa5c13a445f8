package dev.keydesk.app.common;

import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real runner: work off the FX thread on named daemon workers, callbacks on it, cancel interrupts. */
class FxTaskRunnerTest {

    private final FxTaskRunner runner = new FxTaskRunner(2);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void runsWorkOnAWorkerAndCallsBackOnTheFxThread() throws Exception {
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
        runner.submit(BackgroundTask.of("test", p -> {
            seen.add("work:" + Thread.currentThread().getName() + ":" + Thread.currentThread().isDaemon()
                    + ":" + Platform.isFxApplicationThread());
            return 42;
        }).onSuccess(v -> seen.add("success:" + v + ":" + Platform.isFxApplicationThread())));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).matches("work:keydesk-worker-\\d+:true:false");
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("success:42:true");
    }

    @Test
    void failuresComeBackOnTheFxThread() throws Exception {
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
        runner.submit(BackgroundTask.of("test", p -> {
            throw new IllegalStateException("broken");
        }).onFailure(e -> seen.add(e.getMessage() + ":" + Platform.isFxApplicationThread())));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("broken:true");
    }

    @Test
    void cancelInterruptsTheWorkAndReportsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
        TaskHandle handle = runner.submit(BackgroundTask.of("test", p -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                seen.add("interrupted");
                throw e;
            }
            return "late";
        }).onSuccess(v -> seen.add("success")).onCancelled(() -> seen.add("cancelled")));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        FxToolkit.setupFixture(handle::cancel);
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isIn("interrupted", "cancelled");
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isIn("interrupted", "cancelled");
        assertThat(seen).doesNotContain("success");
        assertThat(handle.isDone()).isTrue();
    }

    @Test
    void aTaskSubmittedAfterCloseIsCancelledAndNeverRuns() throws Exception {
        FxTaskRunner closed = new FxTaskRunner(1);
        closed.close();
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
        TaskHandle[] handle = new TaskHandle[1];
        // As a late debounce timer would: on the FX thread, after the app closed the runner.
        FxToolkit.setupFixture(() -> handle[0] = closed.submit(BackgroundTask.of("late", p -> {
            seen.add("ran");
            return "x";
        }).onSuccess(v -> seen.add("success")).onCancelled(() -> seen.add("cancelled"))));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("cancelled");
        assertThat(handle[0].isDone()).isTrue();
        assertThat(seen).isEmpty();
    }

    @Test
    void progressReachesTheHandle() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskHandle handle = runner.submit(BackgroundTask.of("test", p -> {
            p.update(3, 4);
            p.message("three of four");
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return null;
        }));
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        // Updates are coalesced onto the FX thread: wait for it to have run.
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> handle.progressProperty().get()).get(10, TimeUnit.SECONDS))
                .isEqualTo(0.75);
        assertThat(WaitForAsyncUtils.asyncFx(() -> handle.messageProperty().get()).get(10, TimeUnit.SECONDS))
                .isEqualTo("three of four");
        release.countDown();
    }
}
