package dev.keydesk.app.editor;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.permissions.PermissionMatrixViewModel;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The edit form. It loads the key fresh (with its version tag), sends only the fields the person
 * changed, with {@code If-Match}, and when someone else changed the key meanwhile (412) offers to
 * reload theirs or to re-apply these changes on top of it. Nothing is overwritten silently.
 */
public final class EditKeyViewModel {

    public static final String CONFLICT_MESSAGE = "Someone else changed this key since you opened it. Nothing was saved.";

    private final KeyApi api;
    private final Capabilities capabilities;
    private final String keyId;
    private final TaskRunner tasks;
    private final KeyForm form;
    private final Predicate<Throwable> connectionFailures;

    private final BooleanProperty active = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<VersionedKey> original = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper conflict = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusEditable = new ReadOnlyBooleanWrapper();

    private final StringBinding changeSummary;
    private final BooleanBinding canSave;
    private TaskHandle running;

    public EditKeyViewModel(KeyApi api, String keyId, Catalog catalog, KeyPolicy policy,
                            Predicate<Permission> adminHolds, TaskRunner tasks, Clock clock) {
        this(api, keyId, catalog, policy, adminHolds, tasks, clock, error -> false);
    }

    /**
     * @param connectionFailures told of every load or save failure first, so that one about the
     *     connection itself (401, server gone, 429) also reaches the status bar with its
     *     Reconnect / Retry; the form still shows the failure next to it
     */
    public EditKeyViewModel(KeyApi api, String keyId, Catalog catalog, KeyPolicy policy,
                            Predicate<Permission> adminHolds, TaskRunner tasks, Clock clock,
                            Predicate<Throwable> connectionFailures) {
        this(api, api.capabilities(), keyId, catalog, policy, adminHolds, tasks, clock, connectionFailures);
    }

    /**
     * @param capabilities what the server's dialect can change (the connection's snapshot: asking
     *     the client may send requests); a field it cannot change is disabled, with the reason
     */
    public EditKeyViewModel(KeyApi api, Capabilities capabilities, String keyId, Catalog catalog, KeyPolicy policy,
                            Predicate<Permission> adminHolds, TaskRunner tasks, Clock clock,
                            Predicate<Throwable> connectionFailures) {
        this.api = Objects.requireNonNull(api, "api");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.form = new KeyForm(catalog, policy, adminHolds, capabilities, clock);
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");

        Observable[] everything = {form.nameProperty(), form.descriptionProperty(), active, original,
                form.matrix().selection(), form.matrix().baselineProperty(), form.expiry().dateProperty(),
                form.expiry().neverProperty()};
        changeSummary = Bindings.createStringBinding(this::summarize, everything);
        canSave = Bindings.createBooleanBinding(() -> loaded.get() && !busy.get() && !conflict.get()
                        && hasChanges() && form.isValid(),
                concat(everything, loaded, busy, conflict, form.validProperty()));
    }

    private static Observable[] concat(Observable[] a, Observable... b) {
        Observable[] all = new Observable[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The form's fields and rules. */
    public KeyForm form() {
        return form;
    }

    // ---- loading ---------------------------------------------------------------------------

    /** Loads the key fresh; the form shows it as it is on the server now. */
    public void load() {
        fetch("Loading the key…", latest -> {
            fill(latest);
            notice.set("");
        });
    }

    /** After a 412: discard my changes and show the key as the other person left it. */
    public void reload() {
        fetch("Loading the latest version…", latest -> {
            fill(latest);
            notice.set("Reloaded: you see the key as it is now. Your changes were discarded.");
        });
    }

    /**
     * After a 412: fetch the latest version and put my changes on top of it (my field edits win,
     * my added and removed permissions are applied to theirs), then show the diff again. Nothing
     * is sent until the person saves.
     */
    public void reapply() {
        Edits mine = currentEdits();
        fetch("Loading the latest version…", latest -> {
            fill(latest);
            mine.applyTo(this);
            notice.set("Your changes were re-applied on top of the latest version. Check the differences, then save.");
        });
    }

    private void fetch(String message, Consumer<VersionedKey> then) {
        cancelRunning();
        busy.set(true);
        progressText.set(message);
        generalError.set("");
        running = tasks.submit(BackgroundTask.of("Loading key " + keyId, p -> api.getKey(keyId))
                .onSuccess(latest -> {
                    finish();
                    conflict.set(false);
                    then.accept(latest);
                })
                .onFailure(error -> {
                    finish();
                    connectionFailures.test(error);
                    UserMessage m = ErrorMessages.describe(error, ErrorMessages.Action.read("load the key"));
                    generalError.set(KeyForm.sentence(m, false));
                })
                .onCancelled(this::finish));
    }

    private void fill(VersionedKey latest) {
        ApiKey key = latest.key();
        original.set(latest);
        String status = key.status();
        statusEditable.set(capabilities.has(Capability.FREEZE)
                && (status == null || KeyStatus.ACTIVE.equals(status) || KeyStatus.DISABLED.equals(status)));
        active.set(!KeyStatus.DISABLED.equals(status));
        form.fill(key);
        loaded.set(true);
    }

    // ---- changes ---------------------------------------------------------------------------

    private ApiKey originalKey() {
        return original.get() == null ? null : original.get().key();
    }

    public boolean nameChanged() {
        ApiKey k = originalKey();
        return k != null && form.nameDiffersFrom(k);
    }

    public boolean descriptionChanged() {
        ApiKey k = originalKey();
        return k != null && descriptionEditable() && form.descriptionDiffersFrom(k);
    }

    /** Whether the server keeps a description (Narrative does not): else the field is disabled, with the reason. */
    public boolean descriptionEditable() {
        return form.descriptionAvailable();
    }

    public String descriptionUnavailableReason() {
        return form.descriptionUnavailableReason();
    }

    /** Why the key cannot be disabled here, where that is the dialect's doing (Narrative); empty otherwise. */
    public String statusUnavailableReason() {
        return capabilities.whyNot(Capability.FREEZE).orElse("");
    }

    /** Whether the server can move an existing key's expiry. */
    public boolean expiryEditable() {
        return capabilities.has(Capability.MOVE_EXPIRY);
    }

    public String expiryUnavailableReason() {
        return capabilities.whyNot(Capability.MOVE_EXPIRY).orElse("");
    }

    /**
     * The line under the title: the key's prefix and id where it has a prefix, its id otherwise,
     * and, where the server sends no version tag, that the key is read again before saving.
     */
    public String subtitle() {
        ApiKey k = originalKey();
        if (k == null) {
            return "Loading…";
        }
        String who = k.prefix() == null ? k.id() : k.prefix() + " · " + k.id();
        return capabilities.has(Capability.ETAG) ? who
                : who + " · no version tag on this server: KeyDesk reads the key again before saving";
    }

    public boolean statusChanged() {
        ApiKey k = originalKey();
        return k != null && statusEditable.get() && active.get() == KeyStatus.DISABLED.equals(k.status());
    }

    public boolean expiryChanged() {
        return originalKey() != null && expiryEditable() && form.expiry().isChanged();
    }

    public boolean hasChanges() {
        return nameChanged() || descriptionChanged() || statusChanged() || expiryChanged()
                || (originalKey() != null && form.matrix().hasPermissionChanges());
    }

    /**
     * True when closing the form would lose something the person changed (the dialog asks first).
     * Before the key is loaded there is nothing of theirs to lose.
     */
    public boolean hasUnsavedChanges() {
        return loaded.get() && hasChanges();
    }

    /** Only the fields that changed, so that a save never rewrites what the person left alone. */
    public KeyUpdateParams changes() {
        KeyUpdateParams.Builder b = KeyUpdateParams.builder();
        if (nameChanged()) {
            b.name(form.trimmedName());
        }
        if (descriptionChanged()) {
            b.description(form.trimmedDescription());
        }
        if (form.matrix().hasPermissionChanges()) {
            b.permissions(form.matrix().selectionList());
        }
        if (expiryChanged()) {
            b.expiresAt(form.expiry().toInstant());
        }
        if (statusChanged()) {
            b.status(active.get() ? KeyStatus.ACTIVE : KeyStatus.DISABLED);
        }
        return b.build();
    }

    private String summarize() {
        if (originalKey() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (nameChanged()) {
            parts.add("name");
        }
        if (descriptionChanged()) {
            parts.add("description");
        }
        int added = form.matrix().added().size();
        int removed = form.matrix().removed().size();
        if (added > 0) {
            parts.add("+" + added + " permission" + (added == 1 ? "" : "s"));
        }
        if (removed > 0) {
            parts.add("\u2212" + removed + " permission" + (removed == 1 ? "" : "s"));
        }
        if (expiryChanged()) {
            parts.add("expiry");
        }
        if (statusChanged()) {
            parts.add(active.get() ? "enable" : "disable");
        }
        return parts.isEmpty() ? "No changes" : "Changes: " + String.join(", ", parts);
    }

    // ---- saving ----------------------------------------------------------------------------

    /** Sends the changed fields with {@code If-Match}; {@code onSaved} runs after a successful save. */
    public void save(Runnable onSaved) {
        if (!canSave.get()) {
            return;
        }
        KeyUpdateParams params = changes();
        String etag = original.get().etag();
        busy.set(true);
        progressText.set("Saving…");
        generalError.set("");
        notice.set("");
        ApiKey opened = original.get().key();
        running = tasks.submit(BackgroundTask.of("Saving key " + keyId, p -> {
                    if (etag == null) {
                        // No ETag from this server, so no If-Match: compare what we opened with what
                        // is there now, so that someone else's change is not silently overwritten.
                        // (A change in the moment between this read and the save can still be lost.)
                        ApiKey now = api.getKey(keyId).key();
                        if (!sameEditableFields(opened, now)) {
                            throw new ChangedMeanwhile();
                        }
                    }
                    return api.updateKey(keyId, params, etag);
                })
                .onSuccess(saved -> {
                    finish();
                    fill(saved);
                    notice.set("Saved.");
                    onSaved.run();
                })
                .onFailure(error -> {
                    finish();
                    connectionFailures.test(error);
                    showFailure(error);
                })
                .onCancelled(() -> {
                    finish();
                    generalError.set("Cancelled. The change may or may not have reached the server: reload to see.");
                }));
    }

    /**
     * The fields an edit can change: if any differs, someone else edited the key. The status is
     * compared only as set by people (active / disabled): "expired" is the server's reading of the
     * clock, and a key expiring while the editor is open is nobody's edit.
     */
    static boolean sameEditableFields(ApiKey a, ApiKey b) {
        return Objects.equals(a.name(), b.name())
                && Objects.equals(a.description(), b.description())
                && Set.copyOf(a.permissions()).equals(Set.copyOf(b.permissions()))
                && Objects.equals(a.expiresAt(), b.expiresAt())
                && (!isSetByPeople(a.status()) || !isSetByPeople(b.status()) || a.status().equals(b.status()));
    }

    private static boolean isSetByPeople(String status) {
        return KeyStatus.ACTIVE.equals(status) || KeyStatus.DISABLED.equals(status);
    }

    /** The key differs from the one opened, found without an ETag (see {@link #save}). */
    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super("The key changed since it was opened", null, false, false);
        }
    }

    private void showFailure(Throwable error) {
        if (error instanceof PreconditionFailedException || error instanceof ChangedMeanwhile) {
            conflict.set(true);
            generalError.set(CONFLICT_MESSAGE);
            return;
        }
        if (!form.showServerError(error)) {
            UserMessage m = ErrorMessages.describe(error, ErrorMessages.Action.write("save the key"));
            generalError.set(KeyForm.sentence(m, true));
        }
    }

    public void cancel() {
        cancelRunning();
    }

    private void cancelRunning() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }

    private void finish() {
        busy.set(false);
        progressText.set("");
        running = null;
    }

    /** What the person changed, relative to the version they started from. */
    private Edits currentEdits() {
        return new Edits(
                nameChanged() ? form.nameProperty().get() : null,
                descriptionChanged() ? form.descriptionProperty().get() : null,
                statusChanged() ? active.get() : null,
                expiryChanged(), form.expiry().neverProperty().get(), form.expiry().dateProperty().get(),
                new LinkedHashSet<>(form.matrix().added()), new LinkedHashSet<>(form.matrix().removed()));
    }

    private record Edits(String name, String description, Boolean active, boolean expiryChanged,
                         boolean never, java.time.LocalDate date, Set<Permission> added, Set<Permission> removed) {

        void applyTo(EditKeyViewModel vm) {
            if (name != null) {
                vm.form.nameProperty().set(name);
            }
            if (description != null) {
                vm.form.descriptionProperty().set(description);
            }
            if (active != null && vm.statusEditable.get()) {
                vm.active.set(active);
            }
            if (expiryChanged) {
                vm.form.expiry().neverProperty().set(never);
                if (date != null) {
                    vm.form.expiry().dateProperty().set(date);
                }
            }
            Set<Permission> merged = new LinkedHashSet<>(vm.form.matrix().selection());
            merged.removeAll(removed);
            merged.addAll(added);
            vm.form.matrix().setSelection(merged);
        }
    }

    // ---- properties ------------------------------------------------------------------------

    public String keyId() {
        return keyId;
    }

    public StringProperty nameProperty() {
        return form.nameProperty();
    }

    public StringProperty descriptionProperty() {
        return form.descriptionProperty();
    }

    /** Active (true) or disabled (false). */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** False for an expired key (or a status the app does not know): only active/disabled toggle. */
    public ReadOnlyBooleanProperty statusEditableProperty() {
        return statusEditable.getReadOnlyProperty();
    }

    public ExpiryModel expiry() {
        return form.expiry();
    }

    public PermissionMatrixViewModel matrix() {
        return form.matrix();
    }

    public ReadOnlyObjectProperty<VersionedKey> originalProperty() {
        return original.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError.getReadOnlyProperty();
    }

    /** True after a 412 until the person reloads or re-applies. */
    public ReadOnlyBooleanProperty conflictProperty() {
        return conflict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObservableStringValue nameErrorProperty() {
        return form.nameErrorProperty();
    }

    public ObservableStringValue descriptionErrorProperty() {
        return form.descriptionErrorProperty();
    }

    public ObservableStringValue expiryErrorProperty() {
        return form.expiryErrorProperty();
    }

    public ObservableStringValue permissionsErrorProperty() {
        return form.permissionsErrorProperty();
    }

    public ObservableStringValue changeSummaryProperty() {
        return changeSummary;
    }

    public ObservableBooleanValue canSaveProperty() {
        return canSave;
    }

    public boolean canSave() {
        return canSave.get();
    }
}
