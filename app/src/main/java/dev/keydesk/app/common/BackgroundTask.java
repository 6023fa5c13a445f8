package dev.keydesk.app.common;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Work for the {@link TaskRunner}, with the callbacks that come back on the FX thread. Built
 * fluently: {@code BackgroundTask.of("Loading keys", p -> api.listAllKeys(...)).onSuccess(...)}.
 */
public final class BackgroundTask<T> {

    /** The work itself; runs off the FX thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = value -> { };
    private Consumer<? super Throwable> onFailure = error -> { };
    private Runnable onCancelled = () -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title, "title");
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    public Consumer<? super T> onSuccess() {
        return onSuccess;
    }

    public Consumer<? super Throwable> onFailure() {
        return onFailure;
    }

    public Runnable onCancelled() {
        return onCancelled;
    }
}
