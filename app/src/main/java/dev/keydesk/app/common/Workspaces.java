package dev.keydesk.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Which workspace of the main window is in front. The main window's tabs follow it (and set it
 * when the person switches), so a feature can bring another forward (an activity row opens its key
 * in the Keys workspace) and know whether it is seen (the Activity view polls only then).
 */
public final class Workspaces {

    /** The main window's workspaces, in tab order (Ctrl+1, Ctrl+2, …). */
    public enum Workspace {
        KEYS("Keys"),
        ACTIVITY("Activity"),
        INCIDENT("Incident");

        private final String label;

        Workspace(String label) {
            this.label = label;
        }

        public String label() {
            return label;
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
