package dev.keydesk.app.common;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A running (or finished) background task, seen from the UI. */
public interface TaskHandle {

    /** Asks the work to stop: interrupts it, which also cancels an HTTP call in flight. */
    void cancel();

    boolean isDone();

    /**
     * How far the work is, 0..1, or -1 while unknown; changes on the FX thread, so a progress
     * overlay can bind to it. Runners that finish at once report 1.
     */
    default ReadOnlyDoubleProperty progressProperty() {
        return new ReadOnlyDoubleWrapper(1).getReadOnlyProperty();
    }

    /** The work's latest {@link Progress#message(String)}; changes on the FX thread. */
    default ReadOnlyStringProperty messageProperty() {
        return new ReadOnlyStringWrapper("").getReadOnlyProperty();
    }
}
