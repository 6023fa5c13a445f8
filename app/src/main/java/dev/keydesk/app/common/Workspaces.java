package dev.keydesk.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which workspace of the main window is in front. The main window's tabs follow it (and set it
 * when the person switches), so a feature can bring another forward (an activity row opens its key
 * in the Keys workspace) and know whether it is seen (the Activity view polls only then).
 */
public final class Workspaces {

    /** The main window's workspaces, in tab order, each with its Ctrl+digit. */
    public enum Workspace {
        KEYS("Keys", 1),
        ACTIVITY("Activity", 2),
        INCIDENT("Incident", 3),
        REVIEW("Review", 4);

        private final String label;
        private final int shortcut;

        Workspace(String label, int shortcut) {
            this.label = label;
            this.shortcut = shortcut;
        }

        public String label() {
            return label;
        }

        /** The digit of its Ctrl+digit shortcut. */
        public int shortcut() {
            return shortcut;
        }
    }

    private final ObjectProperty<Workspace> current = new SimpleObjectProperty<>(this, "current", Workspace.KEYS);

    public ObjectProperty<Workspace> currentProperty() {
        return current;
    }

    public Workspace current() {
        return current.get();
    }

    public void show(Workspace workspace) {
        current.set(workspace);
    }
}
