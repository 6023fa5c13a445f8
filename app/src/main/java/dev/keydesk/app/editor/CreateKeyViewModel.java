package dev.keydesk.app.editor;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.permissions.GrantRules;
import dev.keydesk.app.permissions.PermissionMatrixViewModel;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyType;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
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
    private final Capabilities capabilities;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final KeyPolicy policy;
    private final PermissionMatrixViewModel matrix;
    private final ExpiryModel expiry;
    private final Predicate<Throwable> connectionFailures;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty type = new SimpleStringProperty();

    private final ReadOnlyStringWrapper nameServerError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper descriptionServerError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper expiryServerError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper generalError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The key being rotated (the form started as its copy), or null for a plain create. */
    private ApiKey replacing;
    /** "2 of 5" when the form replaces a key an incident revoked; null for a rotation. */
    private String incidentPosition;
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper orphanNotice = new ReadOnlyStringWrapper("");

    private final StringBinding nameError;
    private final StringBinding descriptionError;
    private final StringBinding expiryError;
    private final StringBinding permissionsError;
    private final BooleanBinding valid;
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
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.matrix = new PermissionMatrixViewModel(catalog, adminHolds, GrantRules.of(capabilities, catalog));
        this.expiry = new ExpiryModel(policy, clock);
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
        List<String> types = keyTypes();
        type.set(types.contains(KeyType.LIVE) ? KeyType.LIVE : types.get(0));

        // A server complaint about a field goes away as soon as the person changes that field.
        name.addListener((obs, old, now) -> nameServerError.set(""));
        description.addListener((obs, old, now) -> descriptionServerError.set(""));
        expiry.dateProperty().addListener((obs, old, now) -> expiryServerError.set(""));
        expiry.neverProperty().addListener((obs, old, now) -> expiryServerError.set(""));
        matrix.selection().addListener((SetChangeListener<Permission>) c -> generalError.set(""));

        nameError = firstNonEmpty(Bindings.createStringBinding(() -> KeyFieldRules.nameError(name.get()), name),
                nameServerError);
        descriptionError = firstNonEmpty(Bindings.createStringBinding(
                () -> KeyFieldRules.descriptionError(description.get()), description), descriptionServerError);
        expiryError = firstNonEmpty(expiry.errorProperty(), expiryServerError);
        permissionsError = firstNonEmpty(Bindings.createStringBinding(
                () -> matrix.selection().isEmpty() ? "Choose at least one permission" : "", matrix.selection()),
                matrix.serverErrorProperty());
        valid = Bindings.createBooleanBinding(
                () -> nameError.get().isEmpty() && descriptionError.get().isEmpty()
                        && expiryError.get().isEmpty() && permissionsError.get().isEmpty(),
                nameError, descriptionError, expiryError, permissionsError);
    }

    private static StringBinding firstNonEmpty(ObservableStringValue local, ObservableStringValue server) {
        return Bindings.createStringBinding(
                () -> !local.get().isEmpty() ? local.get() : server.get(), local, server);
    }

    /** Whether the server keeps a description with a key (Narrative does not). */
    public boolean descriptionAvailable() {
        return capabilities.has(Capability.DESCRIPTIONS);
    }

    /** Why there is no description, for the disabled field; empty where there is one. */
    public String descriptionUnavailableReason() {
        return capabilities.whyNot(Capability.DESCRIPTIONS).orElse("");
    }

    /** Whether keys have a type to choose (Narrative's have none). */
    public boolean typesAvailable() {
        return capabilities.has(Capability.KEY_TYPES);
    }

    /**
     * The hint next to the type: what the type means for the secret where the server says so
     * (KeyDesk's {@code sk_live_} / {@code sk_test_}), else nothing.
     */
    public String typeHint(String chosen) {
        if (!capabilities.has(Capability.PREFIXES) || capabilities.dialect() != dev.keydesk.client.Dialect.KEYDESK) {
            return "";
        }
        return KeyType.TEST.equals(chosen) ? "Test keys start with sk_test_ and are for development"
                : "Live keys start with sk_live_ and reach real data";
    }

    /** The key types the server offers (live, test). */
    public List<String> keyTypes() {
        return policy.keyTypes().isEmpty() ? List.of(KeyType.LIVE, KeyType.TEST) : policy.keyTypes();
    }

    /**
     * Sends the create. {@code onCreated} runs once a key exists: with its secret (the caller shows
     * the copy-once dialog), or replayed without one (the person has then been offered a revoke).
     */
    public void create(Consumer<CreatedKey> onCreated) {
        if (!valid.get() || busy.get()) {
            return;
        }
        String description = !descriptionAvailable() || this.description.get() == null
                || this.description.get().isBlank() ? null : this.description.get().strip();
        KeyCreateParams params = new KeyCreateParams(name.get().strip(), description,
                typesAvailable() ? type.get() : null, matrix.selectionList(), expiry.toInstant());
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
        ServerErrors.Field field = ServerErrors.fieldOf(error).orElse(null);
        String text = ServerErrors.fieldMessage(error);
        if (field == null) {
            UserMessage message = ErrorMessages.describe(error,
                    ErrorMessages.Action.write("create the key “" + name.get().strip() + "”"));
            generalError.set(join(message.whatHappened(), message.whatIsSafe(), message.whatToDo()));
            return;
        }
        switch (field) {
            case NAME -> nameServerError.set(text);
            case DESCRIPTION -> descriptionServerError.set(text);
            case PERMISSIONS -> matrix.showServerError(text);
            case EXPIRY, STATUS -> expiryServerError.set(text);
        }
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(p.strip());
            }
        }
        return b.toString();
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
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty typeProperty() {
        return type;
    }

    public ExpiryModel expiry() {
        return expiry;
    }

    public PermissionMatrixViewModel matrix() {
        return matrix;
    }

    public ObservableStringValue nameErrorProperty() {
        return nameError;
    }

    public ObservableStringValue descriptionErrorProperty() {
        return descriptionError;
    }

    public ObservableStringValue expiryErrorProperty() {
        return expiryError;
    }

    public ObservableStringValue permissionsErrorProperty() {
        return permissionsError;
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError.getReadOnlyProperty();
    }

    public ObservableBooleanValue validProperty() {
        return valid;
    }

    public boolean isValid() {
        return valid.get();
    }

    /**
     * Rotation: the form starts as a copy of {@code old} (name, description, type, permissions;
     * the expiry starts from the policy's default, like any new key) and the matrix marks what the
     * replacement adds or removes against it, so the reviewer can narrow it to what is needed.
     */
    public void startFrom(ApiKey old) {
        replacing = old;
        name.set(old.name() == null ? "" : old.name());
        description.set(old.description() == null ? "" : old.description());
        if (old.type() != null && keyTypes().contains(old.type())) {
            type.set(old.type());
        }
        matrix.setSelection(old.permissions());
        matrix.setBaseline(old.permissions());
    }

    /**
     * The form as a copy of {@code revoked}, a key an incident revoked: its replacement, to review
     * and narrow; {@code position} ("2 of 5") says where in the list of revoked keys it is.
     */
    public void startAsReplacementOf(ApiKey revoked, String position) {
        startFrom(revoked);
        incidentPosition = position;
    }

    /** The form's title: "Create an API key", "Rotate “name”" or "Replace “name” (2 of 5)". */
    public String title() {
        if (replacing == null) {
            return "Create an API key";
        }
        return incidentPosition == null ? "Rotate “" + replacing.name() + "”"
                : "Replace “" + replacing.name() + "” (" + incidentPosition + ")";
    }

    /** The line under the title: what happens to the secret, and for a rotation what comes next. */
    public String headerNote() {
        ApiKey old = replacing;
        if (old == null) {
            return "The secret is shown once, right after the key is created.";
        }
        if (incidentPosition != null) {
            return (old.prefix() != null ? old.prefix() + "…" : "“" + old.name() + "”") + " was revoked in the incident. This creates its replacement with a new secret, "
                    + "shown once; its permissions are ticked: untick what it does not need. The next revoked key "
                    + "follows once the secret is stored.";
        }
        String oldLabel = old.prefix() != null ? old.prefix() + "…" : "“" + old.name() + "”";
        return "This creates its replacement with a new secret, shown once. Its permissions are ticked: "
                + "untick what it does not need (the matrix marks what you remove). Once you have stored the "
                + "new secret, KeyDesk offers to revoke " + oldLabel + ".";
    }

    /**
     * True when closing the form would lose something the person typed or chose: a name, a
     * description or permissions. The type and expiry start with defaults and don't count alone.
     */
    public boolean hasUnsavedInput() {
        if (replacing != null) {
            // A rotation starts filled in: only what the person changed since would be lost.
            return !name.get().equals(nullToEmpty(replacing.name()))
                    || !description.get().equals(nullToEmpty(replacing.description()))
                    || !matrix.selection().equals(Set.copyOf(replacing.permissions()));
        }
        return !isBlank(name.get()) || !isBlank(description.get()) || !matrix.selection().isEmpty();
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
