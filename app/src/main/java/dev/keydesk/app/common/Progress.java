package dev.keydesk.app.common;

/** What background work may report while it runs; safe to call from the worker thread. */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public boolean isCancelled() {
            return Thread.currentThread().isInterrupted();
        }
    };

    /** {@code total} of -1 means unknown. */
    void update(long done, long total);

    void message(String message);

    /** Work that loops should stop when this turns true. */
    boolean isCancelled();
}
