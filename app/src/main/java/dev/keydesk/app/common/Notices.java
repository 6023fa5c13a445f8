package dev.keydesk.app.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;

/**
 * Non-modal notices in the corner of the main window: something worth knowing that must not stop
 * the person ("3 keys expire within 7 days"). A notice stays until it is dismissed or its action
 * is taken. Changed on the FX thread only.
 */
public final class Notices {

    /**
     * One notice.
     *
     * @param actionLabel the button's text, or null for none
     * @param action what the button does (the notice is dismissed first)
     */
    public record Notice(String title, String text, String actionLabel, Runnable action) {
        public Notice {
            Objects.requireNonNull(title, "title");
            text = text == null ? "" : text;
        }
    }

    private final ObservableList<Notice> shown = FXCollections.observableArrayList();
    private final ObservableList<Notice> shownReadOnly = FXCollections.unmodifiableObservableList(shown);

    public void post(Notice notice) {
        shown.add(notice);
    }

    public void dismiss(Notice notice) {
        shown.remove(notice);
    }

    /** Dismisses the notice and runs its action. */
    public void act(Notice notice) {
        dismiss(notice);
        if (notice.action() != null) {
            notice.action().run();
        }
    }

    public ObservableList<Notice> shown() {
        return shownReadOnly;
    }
}
