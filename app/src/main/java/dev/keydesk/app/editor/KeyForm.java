package dev.keydesk.app.editor;

import dev.keydesk.app.permissions.GrantRules;
import dev.keydesk.app.permissions.PermissionMatrixViewModel;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyType;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.UserMessage;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A key's editable fields as one form: name, description, type, expiry and permissions, their
 * rules (each with one wording), and where a server refusal lands (next to its field). The create
 * and edit forms, the review's matrix and a rotation's replacement all use it, so a rule is said
 * the same way everywhere.
 *
 * <p>Errors: a field's own rule first, then the server's complaint about it, which goes away as
 * soon as the person changes that field.
 */
public final class KeyForm {

    /** The one wording of "a key needs a permission". */
    public static final String NO_PERMISSION = "Choose at least one permission";

    private final KeyPolicy policy;
    private final Capabilities capabilities;
    private final PermissionMatrixViewModel matrix;
    private final ExpiryModel expiry;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty type = new SimpleStringProperty();

    private final ReadOnlyStringWrapper nameServerError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper descriptionServerError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper expiryServerError = new ReadOnlyStringWrapper("");

    private final StringBinding nameError;
    private final StringBinding descriptionError;
    private final StringBinding expiryError;
    private final StringBinding permissionsError;
    private final BooleanBinding valid;

    /**
     * @param adminHolds whether the connected admin key holds a permission (it can grant only those)
     */
    /**
     * @param capabilities what the server's dialect can store (the connection's snapshot): which
     *     fields exist, and what the matrix may grant ({@link GrantRules})
     */
    public KeyForm(Catalog catalog, KeyPolicy policy, Predicate<Permission> adminHolds, Capabilities capabilities,
                   Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.matrix = new PermissionMatrixViewModel(catalog, adminHolds, GrantRules.of(capabilities, catalog));
        this.expiry = new ExpiryModel(policy, clock);
        List<String> types = keyTypes();
        type.set(types.contains(KeyType.LIVE) ? KeyType.LIVE : types.get(0));

        name.addListener((obs, old, now) -> nameServerError.set(""));
        description.addListener((obs, old, now) -> descriptionServerError.set(""));
        expiry.dateProperty().addListener((obs, old, now) -> expiryServerError.set(""));
        expiry.neverProperty().addListener((obs, old, now) -> expiryServerError.set(""));

        nameError = firstNonEmpty(Bindings.createStringBinding(() -> KeyFieldRules.nameError(name.get()), name),
                nameServerError);
        descriptionError = firstNonEmpty(Bindings.createStringBinding(
                () -> KeyFieldRules.descriptionError(description.get()), description), descriptionServerError);
        expiryError = firstNonEmpty(expiry.errorProperty(), expiryServerError);
        permissionsError = firstNonEmpty(Bindings.createStringBinding(
                () -> matrix.selection().isEmpty() ? NO_PERMISSION : "", matrix.selection()),
                matrix.serverErrorProperty());
        valid = Bindings.createBooleanBinding(
                () -> nameError.get().isEmpty() && descriptionError.get().isEmpty()
                        && expiryError.get().isEmpty() && permissionsError.get().isEmpty(),
                nameError, descriptionError, expiryError, permissionsError);
    }

    private static StringBinding firstNonEmpty(ObservableStringValue local, ObservableStringValue server) {
        return Bindings.createStringBinding(() -> !local.get().isEmpty() ? local.get() : server.get(), local, server);
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
        if (!capabilities.has(Capability.PREFIXES) || capabilities.dialect() != Dialect.KEYDESK) {
            return "";
        }
        return KeyType.TEST.equals(chosen) ? "Test keys start with sk_test_ and are for development"
                : "Live keys start with sk_live_ and reach real data";
    }

    /** What the server can do, as the connection saw it. */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The key types the server offers (live, test). */
    public List<String> keyTypes() {
        return policy.keyTypes().isEmpty() ? List.of(KeyType.LIVE, KeyType.TEST) : policy.keyTypes();
    }

    /**
     * Shows {@code key} as it is: its fields, its expiry as the unchanged value, its permissions
     * ticked and as the baseline the matrix marks changes against. Server complaints are cleared.
     */
    public void fill(ApiKey key) {
        name.set(key.name() == null ? "" : key.name());
        description.set(key.description() == null ? "" : key.description());
        if (key.type() != null && keyTypes().contains(key.type())) {
            type.set(key.type());
        }
        expiry.startFrom(key.expiresAt());
        matrix.setSelection(key.permissions());
        matrix.setBaseline(key.permissions());
        clearServerErrors();
    }

    public void clearServerErrors() {
        nameServerError.set("");
        descriptionServerError.set("");
        expiryServerError.set("");
        matrix.showServerError("");
    }

    /**
     * Puts a server refusal next to the field it concerns (the server names it, or its code says
     * enough). Returns false when it concerns no field: the caller shows it as a general error.
     */
    public boolean showServerError(Throwable error) {
        ServerErrors.Field field = ServerErrors.fieldOf(error).orElse(null);
        if (field == null) {
            return false;
        }
        String text = ServerErrors.fieldMessage(error);
        switch (field) {
            case NAME -> nameServerError.set(text);
            case DESCRIPTION -> descriptionServerError.set(text);
            case PERMISSIONS -> matrix.showServerError(text);
            case EXPIRY, STATUS -> expiryServerError.set(text);
        }
        return true;
    }

    /** A message's sentences as one line for a form's error label ({@code withSafe}: include what is safe). */
    public static String sentence(UserMessage m, boolean withSafe) {
        StringBuilder b = new StringBuilder();
        for (String p : withSafe ? new String[] {m.whatHappened(), m.whatIsSafe(), m.whatToDo()}
                : new String[] {m.whatHappened(), m.whatToDo()}) {
            if (p != null && !p.isBlank()) {
                b.append(b.length() == 0 ? "" : " ").append(p.strip());
            }
        }
        return b.toString();
    }

    // ---- values as sent ------------------------------------------------------------------

    /** The name as it is sent: without surrounding spaces. */
    public String trimmedName() {
        return name.get() == null ? "" : name.get().strip();
    }

    /** The description as a create sends it: null when blank, or where the server keeps none. */
    public String descriptionOrNull() {
        if (!descriptionAvailable()) {
            return null;
        }
        String d = description.get();
        return d == null || d.isBlank() ? null : d.strip();
    }

    /** The description as an edit sends it: stripped, "" clears it. */
    public String trimmedDescription() {
        return description.get() == null ? "" : description.get().strip();
    }

    public boolean nameDiffersFrom(ApiKey key) {
        return !Objects.equals(trimmedName(), key.name() == null ? "" : key.name());
    }

    public boolean descriptionDiffersFrom(ApiKey key) {
        return !Objects.equals(trimmedDescription(), key.description() == null ? "" : key.description());
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

    public KeyPolicy policy() {
        return policy;
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

    /** Every field's rule holds and no server complaint is left. */
    public ObservableBooleanValue validProperty() {
        return valid;
    }

    public boolean isValid() {
        return valid.get();
    }
}
