package dev.keydesk.app.incident;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Replacements for the keys a revoke stopped, one by one: for each, the create form opens as a copy
 * of it (name, description, type, permissions; to review and narrow), its secret is shown once,
 * and the walk moves on to the next. A form closed without creating leaves the walk on that key,
 * to create it again, skip it or stop (the form is modal: nothing else happens meanwhile).
 */
public final class ReplacementWalk {

    /** Opens the create form prefilled from {@code revoked}. */
    @FunctionalInterface
    public interface Forms {
        /**
         * @param position "2 of 5"
         * @param onCreated runs once the replacement exists
         * @param afterSecretStored runs once its copy-once dialog has closed
         */
        void open(ApiKey revoked, String position, Runnable onCreated, Runnable afterSecretStored);
    }

    private final List<ApiKey> keys;
    private final Forms forms;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(this, "index", -1);
    private final ReadOnlyIntegerWrapper created = new ReadOnlyIntegerWrapper(this, "created");
    private final ReadOnlyIntegerWrapper skipped = new ReadOnlyIntegerWrapper(this, "skipped");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status");
    private final ReadOnlyBooleanWrapper walking = new ReadOnlyBooleanWrapper(this, "walking");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");

    public ReplacementWalk(List<ApiKey> revoked, Forms forms) {
        this.keys = List.copyOf(revoked);
        this.forms = Objects.requireNonNull(forms, "forms");
        updateStatus();
    }

    /** Opens the form for the current key (the first, when the walk has not begun). */
    public void createCurrent() {
        if (keys.isEmpty() || finished.get()) {
            return;
        }
        if (index.get() < 0) {
            index.set(0);
            walking.set(true);
        }
        int at = index.get();
        updateStatus();
        forms.open(keys.get(at), (at + 1) + " of " + keys.size(), () -> {
            if (index.get() == at) {
                created.set(created.get() + 1);
            }
        }, () -> {
            if (index.get() == at) {
                advance(true);
            }
        });
    }

    /** Leaves the current key without a replacement and goes on. */
    public void skip() {
        if (!walking.get() || finished.get()) {
            return;
        }
        skipped.set(skipped.get() + 1);
        advance(false);
    }

    /** Ends the walk here. */
    public void stop() {
        if (finished.get()) {
            return;
        }
        skipped.set(skipped.get() + Math.max(0, keys.size() - Math.max(0, index.get())));
        index.set(keys.size());
        walking.set(false);
        finished.set(true);
        updateStatus();
    }

    private void advance(boolean openNext) {
        index.set(index.get() + 1);
        if (index.get() >= keys.size()) {
            walking.set(false);
            finished.set(true);
            updateStatus();
            return;
        }
        updateStatus();
        if (openNext) {
            createCurrent();
        }
    }

    private void updateStatus() {
        int i = index.get();
        if (keys.isEmpty()) {
            status.set("No key was revoked: nothing to replace.");
        } else if (finished.get()) {
            status.set("Replacements done: " + created.get() + " created, " + skipped.get() + " skipped.");
        } else if (i < 0) {
            status.set(IncidentTexts.keys(keys.size()) + " revoked. Replace them one by one: the create form opens "
                    + "as a copy of each (to review and narrow), then the next.");
        } else {
            ApiKey k = keys.get(i);
            status.set("Replacement " + (i + 1) + " of " + keys.size() + ": “" + k.name() + "” ("
                    + k.permissions().stream().map(Permission::value).collect(Collectors.joining(", ")) + ")");
        }
    }

    /** The key the walk is on, or null before it began and after it ended. */
    public ApiKey current() {
        int i = index.get();
        return i >= 0 && i < keys.size() ? keys.get(i) : null;
    }

    public List<ApiKey> keys() {
        return keys;
    }

    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True from the first form until the last key is done or the walk is stopped. */
    public ReadOnlyBooleanProperty walkingProperty() {
        return walking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
