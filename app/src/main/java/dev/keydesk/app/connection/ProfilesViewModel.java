package dev.keydesk.app.connection;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.AdminKeyException;
import dev.keydesk.core.connection.BaseUrls;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.connection.ProfileWriteErrors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State and rules of the Connections dialog: the profile list, the form of the selected profile
 * with inline validation, storing a typed key where the profile says (keyring, or this session
 * when there is none), test connection and connect.
 *
 * <p>The form's input properties are writable (the view binds them both ways); everything the
 * view model decides is read-only.
 */
public final class ProfilesViewModel {

    /** The environments a person may choose for a real server; LOCAL belongs to the embedded one. */
    public static final List<Environment> CHOOSABLE_ENVIRONMENTS =
            List.of(Environment.PRODUCTION, Environment.STAGING, Environment.SANDBOX);
    public static final List<Profile.KeySource> CHOOSABLE_KEY_SOURCES =
            List.of(Profile.KeySource.ENVIRONMENT, Profile.KeySource.KEYRING, Profile.KeySource.SESSION_ONLY);

    static final String SESSION_ONLY_ADVICE = "To avoid entering it at every start, keep it in an environment "
            + "variable and choose that as the key source in Connections….";

    private final ConnectionManager manager;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Profile> selected = new ReadOnlyObjectWrapper<>();

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty baseUrl = new SimpleStringProperty("");
    private final ObjectProperty<Environment> environment = new SimpleObjectProperty<>(Environment.PRODUCTION);
    private final ObjectProperty<Profile.KeySource> keySource = new SimpleObjectProperty<>(Profile.KeySource.ENVIRONMENT);
    private final StringProperty envVarName = new SimpleStringProperty("");
    private final StringProperty keyInput = new SimpleStringProperty("");

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper baseUrlError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper keyError = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper testFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper();
    private final BooleanBinding valid;

    public ProfilesViewModel(ConnectionManager manager, TaskRunner tasks, DialogService dialogs) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        name.addListener((o, a, b) -> validate());
        baseUrl.addListener((o, a, b) -> validate());
        keySource.addListener((o, a, b) -> validate());
        envVarName.addListener((o, a, b) -> validate());
        keyInput.addListener((o, a, b) -> validate());
        valid = Bindings.createBooleanBinding(
                () -> nameError.get() == null && baseUrlError.get() == null && keyError.get() == null,
                nameError, baseUrlError, keyError);
        reloadList();
        Profile start = manager.current().map(Connection::profile)
                .flatMap(p -> manager.profiles().find(p.id())).orElse(profiles.get(0));
        select(start);
    }

    // ---- actions ----------------------------------------------------------------------------

    /** Shows {@code profile} in the form. */
    public void select(Profile profile) {
        if (profile == null) {
            return;
        }
        selected.set(profile);
        editable.set(!profile.isEmbedded());
        name.set(profile.name());
        baseUrl.set(profile.baseUrl() == null ? "" : profile.baseUrl());
        environment.set(profile.environment());
        keySource.set(profile.keySource());
        envVarName.set(profile.keyReference() == null ? "" : profile.keyReference());
        keyInput.set("");
        testResult.set(null);
        testFailed.set(false);
        notice.set(profile.isEmbedded()
                ? "The local server runs inside KeyDesk; its admin key is read from its data folder."
                : null);
        validate();
    }

    /** Starts a new, unsaved profile in the form. */
    public void newProfile() {
        select(new Profile(ProfileStore.newId(), "", "https://", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "KEYDESK_ADMIN_KEY"));
        name.set("New server");
    }

    /** Saves the form (storing a typed key in the keyring or this session first). */
    public void save() {
        save(saved -> { });
    }

    /** Deletes the selected profile after confirmation; its keyring entry goes too. */
    public void delete() {
        Profile profile = selected.get();
        if (profile == null || profile.isEmbedded() || busy.get()) {
            return;
        }
        boolean stored = manager.profiles().find(profile.id()).isPresent();
        if (stored && !dialogs.confirmDestructive("Delete profile", "Delete the profile “" + profile.name() + "”?",
                "Its address and settings are removed, and its admin key is removed from the OS keyring. "
                        + "Keys on the server are not affected.", "Delete")) {
            return;
        }
        busy.set(true);
        tasks.submit(BackgroundTask.of("Deleting the profile", progress -> {
            // The file first: if it can't be written, the profile stays, and so must its key.
            manager.profiles().delete(profile.id());
            manager.adminKeys().forget(profile.id());
            return null;
        }).onSuccess(ignored -> {
            busy.set(false);
            reloadList();
            select(profiles.get(0));
        }).onFailure(error -> {
            busy.set(false);
            dialogs.showError(ProfileWriteErrors.profileNotDeleted(manager.profiles(), profile, error));
        }));
    }

    /** Whoami with the form's settings (and the typed key, if any), without saving. */
    public void testConnection() {
        if (!valid.get() || busy.get()) {
            return;
        }
        Profile draft = draft();
        Secret typed = typedKey();
        busy.set(true);
        testFailed.set(false);
        testResult.set("Testing the connection…");
        tasks.submit(BackgroundTask.of("Testing the connection", progress -> {
            try {
                return manager.probe(draft, typed);
            } finally {
                if (typed != null) {
                    typed.wipe();
                }
            }
        }).onSuccess(whoami -> {
            busy.set(false);
            testFailed.set(false);
            testResult.set(describeWhoami(whoami));
        }).onFailure(error -> {
            busy.set(false);
            testFailed.set(true);
            testResult.set(describeFailure(error, draft));
        }).onCancelled(() -> {
            busy.set(false);
            testResult.set(null);
        }));
    }

    /**
     * Saves the form when it can be edited, then connects to it and closes the dialog. When the
     * typed key could not go into the keyring, the person is told in a message of its own: the
     * dialog's notice closes with the dialog.
     */
    public void connect() {
        Profile profile = selected.get();
        if (profile == null || busy.get()) {
            return;
        }
        if (profile.isEmbedded()) {
            manager.connect(profile);
            finished.set(true);
            return;
        }
        save(saved -> {
            manager.connect(saved.profile());
            finished.set(true);
            if (saved.keyNotWhereAsked()) {
                dialogs.showInfo("Connections", "No OS keyring: the admin key for “" + saved.profile().name()
                        + "” is kept for this session only.", saved.keyNotice() + " " + SESSION_ONLY_ADVICE);
            }
        });
    }

    // ---- rules ------------------------------------------------------------------------------

    /**
     * A profile on its way to the file, with what to tell the person about its typed key.
     *
     * @param keyNotice where the typed key went, or null when none was typed
     * @param keyNotWhereAsked the key could not go where the profile said (no keyring: this session only)
     */
    private record Saving(Profile profile, String keyNotice, boolean keyNotWhereAsked) {
    }

    private void save(Consumer<Saving> then) {
        if (!editable.get() || !valid.get() || busy.get()) {
            return;
        }
        Profile draft = draft();
        Secret typed = typedKey();
        if (typed == null) {
            persist(new Saving(draft, null, false), then);
            return;
        }
        busy.set(true);
        tasks.submit(BackgroundTask.of("Storing the admin key", progress -> {
            try {
                return manager.adminKeys().store(draft, typed);
            } finally {
                typed.wipe();
            }
        }).onSuccess(result -> {
            boolean elsewhere = result.source() != draft.keySource();
            Profile kept = elsewhere ? withKeySource(draft, result.source()) : draft;
            persist(new Saving(kept, result.message(), elsewhere), then);
        }).onFailure(error -> {
            busy.set(false);
            dialogs.showError(ErrorMessages.describe(error, ErrorMessages.Action.write("store the admin key")));
        }));
    }

    private void persist(Saving saving, Consumer<Saving> then) {
        busy.set(true);
        tasks.submit(BackgroundTask.of("Saving the profile", progress -> {
            manager.profiles().save(saving.profile());
            return saving;
        }).onSuccess(saved -> {
            busy.set(false);
            reloadList();
            select(saved.profile()); // clears the typed key and the form's notice
            notice.set(saved.keyNotice());
            then.accept(saved);
        }).onFailure(error -> {
            busy.set(false);
            // The typed key stays in the field, so saving again needs no retyping.
            dialogs.showError(ProfileWriteErrors.profileNotSaved(manager.profiles(), saving.profile(), error));
        }));
    }

    private void validate() {
        boolean embedded = selected.get() != null && selected.get().isEmbedded();
        if (embedded) {
            nameError.set(null);
            baseUrlError.set(null);
            keyError.set(null);
            return;
        }
        String n = name.get() == null ? "" : name.get().trim();
        nameError.set(n.isEmpty() ? "Give the profile a name." : n.length() > 80 ? "Keep the name under 80 characters." : null);
        baseUrlError.set(BaseUrls.problem(baseUrl.get()).orElse(null));
        keyError.set(keyProblem());
    }

    private String keyProblem() {
        Profile current = selected.get();
        boolean typed = keyInput.get() != null && !keyInput.get().isBlank();
        boolean sameSource = current != null && current.keySource() == keySource.get()
                && manager.profiles().find(current.id()).isPresent();
        return switch (keySource.get()) {
            case ENVIRONMENT -> {
                String v = envVarName.get() == null ? "" : envVarName.get().trim();
                yield v.isEmpty() ? "Name the environment variable that holds the admin key."
                        : v.matches("[A-Za-z_][A-Za-z0-9_]*") ? null
                        : "A variable name has letters, digits and underscores only.";
            }
            // A saved keyring profile keeps its stored key when the field is left empty.
            case KEYRING -> typed || sameSource ? null : "Enter the admin key to store in the OS keyring.";
            case SESSION_ONLY -> typed || (current != null && manager.adminKeys().hasSessionKey(current.id())) ? null
                    : "Enter the admin key for this session.";
            case EMBEDDED -> null;
        };
    }

    private Profile draft() {
        Profile current = selected.get();
        if (current != null && current.isEmbedded()) {
            return current;
        }
        String id = current == null ? ProfileStore.newId() : current.id();
        Profile.KeySource source = keySource.get();
        return new Profile(id, name.get().trim(), baseUrl.get().trim(), environment.get(), source,
                source == Profile.KeySource.ENVIRONMENT ? envVarName.get().trim() : null);
    }

    private Secret typedKey() {
        String text = keyInput.get();
        boolean usesTypedKey = keySource.get() == Profile.KeySource.KEYRING
                || keySource.get() == Profile.KeySource.SESSION_ONLY;
        return usesTypedKey && text != null && !text.isBlank() ? Secret.of(text.trim()) : null;
    }

    private void reloadList() {
        profiles.setAll(manager.profiles().profiles());
    }

    private static Profile withKeySource(Profile p, Profile.KeySource source) {
        return new Profile(p.id(), p.name(), p.baseUrl(), p.environment(), source, p.keyReference());
    }

    static String describeWhoami(Optional<WhoAmI> whoami) {
        if (whoami.isEmpty()) {
            return "Connected. This server does not say which permissions the key holds.";
        }
        WhoAmI w = whoami.get();
        String key = w.callingKey().map(k -> "“" + (k.name() == null ? k.id() : k.name()) + "”"
                + (k.prefix() == null ? "" : " (" + k.prefix() + "…)")).orElseGet(w::principalDescription);
        String permissions = w.permissions().isEmpty() ? "none"
                : w.permissions().stream().map(Permission::value).sorted().collect(Collectors.joining(", "));
        return "Connected as " + key + ". Permissions: " + permissions + ".";
    }

    private static String describeFailure(Throwable error, Profile draft) {
        if (error instanceof AdminKeyException e) {
            return e.getMessage();
        }
        UserMessage m = ErrorMessages.describe(error, ErrorMessages.Action.read("test the connection").on(draft.name()));
        return m.whatHappened() + " " + m.whatToDo();
    }

    // ---- properties -------------------------------------------------------------------------

    public ObservableList<Profile> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }

    public ReadOnlyObjectProperty<Profile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public ObjectProperty<Environment> environmentProperty() {
        return environment;
    }

    public ObjectProperty<Profile.KeySource> keySourceProperty() {
        return keySource;
    }

    public StringProperty envVarNameProperty() {
        return envVarName;
    }

    /** The typed admin key; cleared once stored. Only ever handed to the keyring or memory. */
    public StringProperty keyInputProperty() {
        return keyInput;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty baseUrlErrorProperty() {
        return baseUrlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyErrorProperty() {
        return keyError.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** False for the built-in embedded profile. */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** E.g. that there is no keyring and the key is kept for this session only. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testFailedProperty() {
        return testFailed.getReadOnlyProperty();
    }

    /** Turns true when the dialog should close (after Connect). */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
