package dev.keydesk.app.editor;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.permissions.PermissionMatrixViewModel;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.SetChangeListener;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The create form: its fields, their rules, the create call and what follows it. Nothing typed is
 * cleared on an error: the form stays as it was, with the server's complaint next to the field.
 */
public final class CreateKeyViewModel {

    private final KeyApi api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final KeyForm form;
    private final Predicate<Throwable> connectionFailures;

    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The key an incident revoked that this form replaces (it started as its copy), or null. */
    private ApiKey replacing;
    /** "2 of 5": where {@link #replacing} is in the list of revoked keys. */
    private String incidentPosition;
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper orphanNotice = new ReadOnlyStringWrapper("");
    private TaskHandle running;

    public CreateKeyViewModel(KeyApi api, Catalog catalog, KeyPolicy policy, Predicate<Permission> adminHolds,
                              TaskRunner tasks, DialogService dialogs, Clock clock) {
        this(api, catalog, policy, adminHolds, tasks, dialogs, clock, error -> false);
    }

    /**
     * @param connectionFailures told of every failure first, so that one about the connection
     *     itself (401, server gone, 429) also reaches the status bar with its Reconnect / Retry;
     *     the form still shows the failure next to it
     */
    public CreateKeyViewModel(KeyApi api, Catalog catalog, KeyPolicy policy, Predicate<Permission> adminHolds,
                              TaskRunner tasks, DialogService dialogs, Clock clock,
                              Predicate<Throwable> connectionFailures) {
        this(api, api.capabilities(), catalog, policy, adminHolds, tasks, dialogs, clock, connectionFailures);
    }

    /**
     * @param capabilities what the server's dialect can store (the connection's snapshot: asking
     *     the client may send requests); a field it cannot store is disabled, with the reason
     */
    public CreateKeyViewModel(KeyApi api, Capabilities capabilities, Catalog catalog, KeyPolicy policy,
                              Predicate<Permission> adminHolds, TaskRunner tasks, DialogService dialogs, Clock clock,
                              Predicate<Throwable> connectionFailures) {
        this.api = Objects.requireNonNull(api, "api");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.form = new KeyForm(catalog, policy, adminHolds, capabilities, clock);
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        form.matrix().selection().addListener((SetChangeListener<Permission>) c -> generalError.set(""));
    }

    /** The form's fields and rules. */
    public KeyForm form() {
        return form;
    }

    /** Whether the server keeps a description with a key (Narrative does not). */
    public boolean descriptionAvailable() {
        return form.descriptionAvailable();
    }

    /** Why there is no description, for the disabled field; empty where there is one. */
    public String descriptionUnavailableReason() {
        return form.descriptionUnavailableReason();
    }

    /** Whether keys have a type to choose (Narrative's have none). */
    public boolean typesAvailable() {
        return form.typesAvailable();
    }

    /** The hint next to the type (see {@link KeyForm#typeHint}). */
    public String typeHint(String chosen) {
        return form.typeHint(chosen);
    }

    /** The key types the server offers (live, test). */
    public List<String> keyTypes() {
        return form.keyTypes();
    }

    /**
     * Sends the create. {@code onCreated} runs once a key exists: with its secret (the caller shows
     * the copy-once dialog), or replayed without one (the person has then been offered a revoke).
     */
    public void create(Consumer<CreatedKey> onCreated) {
        if (!form.isValid() || busy.get()) {
            return;
        }
        KeyCreateParams params = new KeyCreateParams(form.trimmedName(), form.descriptionOrNull(),
                form.typesAvailable() ? form.typeProperty().get() : null, form.matrix().selectionList(),
                form.expiry().toInstant());
        generalError.set("");
        busy.set(true);
        progressText.set("Creating the key…");
        running = tasks.submit(BackgroundTask.of("Creating key " + params.name(), progress -> {
                    CreatedKey created = api.createKey(params);
                    if (progress.isCancelled()) {
                        // Cancelled as the answer arrived: nobody will show this secret, so it
                        // must not linger in memory. The key itself exists; the notice says so.
                        created.secret().ifPresent(dev.keydesk.client.Secret::wipe);
                    }
                    return created;
                })
                .onSuccess(created -> {
                    finish();
                    if (created.replayed() || created.secret().isEmpty()) {
                        handleReplay(created.key());
                    }
                    onCreated.accept(created);
                })
                .onFailure(error -> {
                    finish();
                    connectionFailures.test(error);
                    showFailure(error);
                })
                .onCancelled(() -> {
                    finish();
                    generalError.set("Cancelled. If the request had already reached the server, the key may "
                            + "exist: check the key list before creating it again.");
                }));
    }

    /** Stops waiting for the create (the request is cancelled; the form keeps its values). */
    public void cancel() {
        if (running != null && !running.isDone()) {
            running.cancel();
        }
    }

    private void finish() {
        busy.set(false);
        progressText.set("");
        running = null;
    }

    private void showFailure(Throwable error) {
        if (!form.showServerError(error)) {
            UserMessage message = ErrorMessages.describe(error,
                    ErrorMessages.Action.write("create the key “" + form.trimmedName() + "”"));
            generalError.set(KeyForm.sentence(message, true));
        }
    }

    /**
     * The server made the key on an earlier attempt whose answer was lost; it never shows a secret
     * twice. A key nobody can use only adds risk, so offer to revoke it.
     */
    private void handleReplay(ApiKey key) {
        String label = key.name() == null ? key.id() : key.name();
        String prefix = key.prefix() == null ? key.id() : key.prefix();
        orphanNotice.set("The key “" + label + "” (" + prefix + ") was created, but its secret could not be shown.");
        boolean revoke = dialogs.confirmDestructive("Key created without its secret",
                "The key was created but the server could not show its secret again",
                "The first answer from the server was lost, and the server never shows a secret twice. "
                        + "Without the secret the key “" + label + "” (" + prefix + ") is useless. "
                        + "Revoke it and create a new one? Revoking cannot be undone.",
                "Revoke key");
        if (revoke) {
            revokeOrphan(key);
        } else {
            orphanNotice.set(orphanNotice.get() + " It was kept; revoke it from the key list when you can.");
        }
    }

    private void revokeOrphan(ApiKey key) {
        busy.set(true);
        progressText.set("Revoking the key without a secret…");
        tasks.submit(BackgroundTask.<Void>of("Revoking key " + key.id(), p -> {
                    api.revokeKey(key.id());
                    return null;
                })
                .onSuccess(v -> {
                    finish();
                    orphanNotice.set("The key without a secret was revoked. You can create the key again.");
                })
                .onFailure(error -> {
                    finish();
                    if (error instanceof NotFoundException) {
                        orphanNotice.set("The key without a secret is already gone. You can create the key again.");
                        return;
                    }
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error,
                            ErrorMessages.Action.write("revoke the key without a secret")));
                    orphanNotice.set("The key without a secret could not be revoked; revoke it from the key list.");
                })
                .onCancelled(this::finish));
    }

    // ---- properties ------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return form.nameProperty();
    }

    public StringProperty descriptionProperty() {
        return form.descriptionProperty();
    }

    public StringProperty typeProperty() {
        return form.typeProperty();
    }

    public ExpiryModel expiry() {
        return form.expiry();
    }

    public PermissionMatrixViewModel matrix() {
        return form.matrix();
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

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError.getReadOnlyProperty();
    }

    public ObservableBooleanValue validProperty() {
        return form.validProperty();
    }

    public boolean isValid() {
        return form.isValid();
    }

    /**
     * The form as a copy of {@code revoked}, a key an incident revoked: its replacement, to review
     * and narrow (the matrix marks what it removes against the old key). The expiry starts from the
     * policy's default, like any new key's; {@code position} ("2 of 5") says where in the list of
     * revoked keys it is. Rotation is not this: it goes through the Review workspace.
     */
    public void startAsReplacementOf(ApiKey revoked, String position) {
        replacing = Objects.requireNonNull(revoked, "revoked");
        incidentPosition = Objects.requireNonNull(position, "position");
        form.nameProperty().set(revoked.name() == null ? "" : revoked.name());
        form.descriptionProperty().set(revoked.description() == null ? "" : revoked.description());
        if (revoked.type() != null && form.keyTypes().contains(revoked.type())) {
            form.typeProperty().set(revoked.type());
        }
        form.matrix().setSelection(revoked.permissions());
        form.matrix().setBaseline(revoked.permissions());
    }

    /** The form's title: "Create an API key" or "Replace “name” (2 of 5)". */
    public String title() {
        if (replacing == null) {
            return "Create an API key";
        }
        return "Replace “" + replacing.name() + "” (" + incidentPosition + ")";
    }

    /** The line under the title: what happens to the secret. */
    public String headerNote() {
        if (replacing == null) {
            return "The secret is shown once, right after the key is created.";
        }
        String old = replacing.prefix() != null ? replacing.prefix() + "…" : "“" + replacing.name() + "”";
        return old + " was revoked in the incident. This creates its replacement with a new secret, "
                + "shown once; its permissions are ticked: untick what it does not need. The next revoked key "
                + "follows once the secret is stored.";
    }

    /**
     * True when closing the form would lose something the person typed or chose: a name, a
     * description or permissions. The type and expiry start with defaults and don't count alone.
     */
    public boolean hasUnsavedInput() {
        if (replacing != null) {
            // A replacement starts filled in: only what the person changed since would be lost.
            return !form.nameProperty().get().equals(nullToEmpty(replacing.name()))
                    || !form.descriptionProperty().get().equals(nullToEmpty(replacing.description()))
                    || !form.matrix().selection().equals(Set.copyOf(replacing.permissions()));
        }
        return !isBlank(form.nameProperty().get()) || !isBlank(form.descriptionProperty().get())
                || !form.matrix().selection().isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Set after a replayed create: what happened to the key without a secret. */
    public ReadOnlyStringProperty orphanNoticeProperty() {
        return orphanNotice.getReadOnlyProperty();
    }
}
