package dev.keydesk.app.connection;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.DialectProbe;
import dev.keydesk.client.Secret;
import dev.keydesk.client.narrative.NarrativeEnvironment;
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
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
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

    public static final List<Dialect> CHOOSABLE_DIALECTS = List.of(Dialect.KEYDESK, Dialect.NARRATIVE);
    public static final List<NarrativeTarget> NARRATIVE_TARGETS = List.of(NarrativeTarget.values());
    /** The variable a new KeyDesk profile suggests for its admin key. */
    static final String KEYDESK_VARIABLE = "KEYDESK_ADMIN_KEY";

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
    private final ObjectProperty<Dialect> dialect = new SimpleObjectProperty<>(Dialect.KEYDESK);
    private final ObjectProperty<NarrativeTarget> narrativeTarget = new SimpleObjectProperty<>(NarrativeTarget.PRODUCTION);
    private final ReadOnlyStringWrapper detectResult = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper detectFailed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper resetOffered = new ReadOnlyBooleanWrapper();
    /** While select() fills the form: a dialect or address it sets is the profile's, not the person's choice. */
    private boolean filling;
    private final ChangeListener<ConnectionState> stateListener = (o, was, now) -> offerResetIfRefused();
    /** While the target follows a typed address: it must not write the address back. */
    private boolean followingUrl;

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
        dialect.addListener((o, was, now) -> dialectChosen(was, now));
        narrativeTarget.addListener((o, was, now) -> narrativeTargetChosen(now));
        baseUrl.addListener((o, was, now) -> {
            if (!filling && dialect.get() == Dialect.NARRATIVE) {
                followingUrl = true;
                try {
                    narrativeTarget.set(NarrativeTarget.of(now));
                } finally {
                    followingUrl = false;
                }
            }
        });
        // Weakly: the manager outlives every dialog.
        manager.stateProperty().addListener(new WeakChangeListener<>(stateListener));
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
        filling = true;
        try {
            editable.set(!profile.isEmbedded());
            name.set(profile.name());
            baseUrl.set(profile.baseUrl() == null ? "" : profile.baseUrl());
            environment.set(profile.environment());
            keySource.set(profile.keySource());
            envVarName.set(profile.keyReference() == null ? "" : profile.keyReference());
            dialect.set(profile.dialect());
            narrativeTarget.set(NarrativeTarget.of(profile.baseUrl()));
        } finally {
            filling = false;
        }
        keyInput.set("");
        testResult.set(null);
        testFailed.set(false);
        detectResult.set(null);
        detectFailed.set(false);
        offerResetIfRefused();
        notice.set(profile.isEmbedded()
                ? "The local server runs inside KeyDesk; its admin key is read from its data folder."
                : null);
        validate();
    }

    /** Starts a new, unsaved profile in the form. */
    public void newProfile() {
        select(new Profile(ProfileStore.newId(), "", "https://", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, KEYDESK_VARIABLE));
        name.set("New server");
    }

    /**
     * Asks the server at the form's address, with the form's key, which API it speaks, and sets the
     * dialect to what it found (saying what it saw); nothing is saved.
     */
    public void detect() {
        if (!editable.get() || baseUrlError.get() != null || keyError.get() != null || busy.get()) {
            return;
        }
        Profile draft = draft();
        Secret typed = typedKey();
        busy.set(true);
        detectFailed.set(false);
        detectResult.set("Asking the server which API it speaks…");
        tasks.submit(BackgroundTask.of("Detecting the server's API", progress -> {
            try {
                return manager.detectDialect(draft, typed);
            } finally {
                if (typed != null) {
                    typed.wipe();
                }
            }
        }).onSuccess(found -> {
            busy.set(false);
            adopt(found);
        }).onFailure(error -> {
            busy.set(false);
            detectFailed.set(true);
            detectResult.set(describeFailure(error, draft));
        }).onCancelled(() -> {
            busy.set(false);
            detectResult.set(null);
        }));
    }

    /** Sets the dialect the probe found, and says what it saw. */
    private void adopt(DialectProbe found) {
        detectFailed.set(found.dialect().isEmpty() || !found.keyAccepted());
        found.dialect().ifPresent(dialect::set);
        detectResult.set(found.dialect().map(d -> "Detected: " + d.label() + ". ").orElse("Not detected. ")
                + found.summary());
    }

    /**
     * Local recovery from the Connections dialog, when the embedded server refused its own admin
     * key: the same confirmation and reset as the status bar's; the dialog closes, the status bar
     * shows the progress.
     */
    public void resetLocalAdminKey() {
        if (!resetOffered.get() || busy.get()) {
            return;
        }
        manager.resetLocalAdminKey();
        if (!manager.localAdminRefused()) {
            finished.set(true);
        }
    }

    private void offerResetIfRefused() {
        Profile p = selected.get();
        resetOffered.set(p != null && p.isEmbedded() && manager.localAdminRefused());
    }

    /**
     * A dialect chosen for an editable profile brings its conventions where the person has not set
     * their own: Narrative's production address for an empty one, and the variable Narrative's
     * tools read the token from ({@code NARRATIVE_API_KEY}, or {@code NARRATIVE_API_TOKEN} when only
     * that one is set) instead of KeyDesk's default; and back again.
     */
    private void dialectChosen(Dialect was, Dialect now) {
        if (filling || !editable.get() || now == null || now == was) {
            return;
        }
        String var = envVarName.get() == null ? "" : envVarName.get().trim();
        if (now == Dialect.NARRATIVE) {
            String url = baseUrl.get() == null ? "" : baseUrl.get().trim();
            if (url.isEmpty() || url.equals("https://")) {
                narrativeTarget.set(NarrativeTarget.PRODUCTION);
                narrativeTargetChosen(NarrativeTarget.PRODUCTION);
            } else {
                narrativeTarget.set(NarrativeTarget.of(url));
            }
            if (var.isEmpty() || var.equals(KEYDESK_VARIABLE)) {
                envVarName.set(suggestedNarrativeVariable());
            }
        } else if (var.equals(NarrativeEnvironment.API_KEY) || var.equals(NarrativeEnvironment.API_TOKEN)) {
            envVarName.set(KEYDESK_VARIABLE);
        }
        validate();
    }

    /** {@code NARRATIVE_API_KEY}, unless only {@code NARRATIVE_API_TOKEN} is set here. */
    String suggestedNarrativeVariable() {
        return !manager.adminKeys().isSet(NarrativeEnvironment.API_KEY)
                && manager.adminKeys().isSet(NarrativeEnvironment.API_TOKEN)
                ? NarrativeEnvironment.API_TOKEN : NarrativeEnvironment.API_KEY;
    }

    private void narrativeTargetChosen(NarrativeTarget target) {
        if (filling || followingUrl || !editable.get() || target == null || target.baseUrl() == null) {
            return;
        }
        baseUrl.set(target.baseUrl().toString());
        environment.set(target.environment());
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
        Profile asTyped = draft();
        Secret typed = typedKey();
        // A profile not saved yet is asked first which API its server speaks: the person may not know.
        boolean detectFirst = !asTyped.isEmbedded() && manager.profiles().find(asTyped.id()).isEmpty();
        busy.set(true);
        testFailed.set(false);
        testResult.set("Testing the connection…");
        tasks.submit(BackgroundTask.of("Testing the connection", progress -> {
            try {
                DialectProbe found = detectFirst ? manager.detectDialect(asTyped, typed) : null;
                if (found != null && found.dialect().isEmpty()) {
                    return new Tested(found, Optional.empty(), asTyped.dialect(), null);
                }
                Profile draft = found == null ? asTyped : asTyped.withDialect(found.dialect().get());
                try {
                    // Also when detection saw the key refused: whoami's refusal says it best.
                    return new Tested(found, manager.probe(draft, typed), draft.dialect(), null);
                } catch (RuntimeException refused) {
                    if (found == null) {
                        throw refused;
                    }
                    return new Tested(found, Optional.empty(), draft.dialect(), refused);
                }
            } finally {
                if (typed != null) {
                    typed.wipe();
                }
            }
        }).onSuccess(tested -> {
            busy.set(false);
            if (tested.found() != null) {
                adopt(tested.found());
            }
            if (tested.failure() != null) {
                testFailed.set(true);
                testResult.set(describeFailure(tested.failure(), asTyped));
            } else if (tested.found() != null && tested.found().dialect().isEmpty()) {
                testFailed.set(true);
                testResult.set(tested.found().summary());
            } else {
                testFailed.set(false);
                testResult.set(describeWhoami(tested.whoami(), tested.dialect()));
            }
        }).onFailure(error -> {
            busy.set(false);
            testFailed.set(true);
            testResult.set(describeFailure(error, asTyped));
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
            Profile kept = elsewhere ? draft.withKeySource(result.source()) : draft;
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
                source == Profile.KeySource.ENVIRONMENT ? envVarName.get().trim() : null,
                dialect.get() == null ? Dialect.KEYDESK : dialect.get());
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

    /**
     * What Test connection found: the dialect probe (for a new profile; else null), whoami, the
     * dialect it spoke, and the failure after a detection (which is kept, so the dialect is adopted).
     */
    private record Tested(DialectProbe found, Optional<WhoAmI> whoami, Dialect dialect, Throwable failure) {
    }

    static String describeWhoami(Optional<WhoAmI> whoami) {
        return describeWhoami(whoami, Dialect.KEYDESK);
    }

    /**
     * "Connected as “Ops admin” (sk_live_ab12…). Permissions: …", or, where whoami names a person
     * and not the key (Narrative), who it is and that the key's own permissions are not said.
     */
    static String describeWhoami(Optional<WhoAmI> whoami, Dialect dialect) {
        if (whoami.isEmpty()) {
            return "Connected. This server does not say which permissions the key holds.";
        }
        WhoAmI w = whoami.get();
        if (w.callingKey().isEmpty()) {
            String permissions = w.permissionsKnown()
                    ? " The server lists the user's permissions (" + w.permissions().stream().map(Permission::value)
                    .sorted().collect(Collectors.joining(", ")) + "), not the token's."
                    : " The server does not say which permissions the token holds.";
            return "Connected (" + dialect.label() + ") as " + w.principalDescription() + "." + permissions;
        }
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

    /** The API the server speaks: KeyDesk's own or Narrative's access tokens (fixed for the embedded server). */
    public ObjectProperty<Dialect> dialectProperty() {
        return dialect;
    }

    /** Narrative's environments by name, or another URL; choosing one fills in the address. */
    public ObjectProperty<NarrativeTarget> narrativeTargetProperty() {
        return narrativeTarget;
    }

    /** What Detect (or Test connection, for a new profile) found out about the server's API. */
    public ReadOnlyStringProperty detectResultProperty() {
        return detectResult.getReadOnlyProperty();
    }

    /** True when detection found no dialect, or the server refused the key. */
    public ReadOnlyBooleanProperty detectFailedProperty() {
        return detectFailed.getReadOnlyProperty();
    }

    /** True when the embedded profile is shown and its server refused its own admin key. */
    public ReadOnlyBooleanProperty resetOfferedProperty() {
        return resetOffered.getReadOnlyProperty();
    }

    /** The admin key field's hint for the chosen dialect. */
    public String keyPrompt() {
        return dialect.get() == Dialect.NARRATIVE ? "Narrative API token" : "sk_live_…";
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
