package dev.keydesk.app.permissions;

import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rules of the permission-matrix editor: which cells exist, which may be ticked, what the
 * selection matches, what it risks and what it changes. The view only draws and forwards.
 *
 * <p>Permissions the catalog does not know are kept in the selection untouched (the contract says
 * unknown permissions are shown, never dropped).
 */
public final class PermissionMatrixViewModel {

    /** How a least-privilege hint should be shown. */
    public enum HintLevel { NONE, INFO, WARNING, DANGER }

    /** A hint about the selection; {@link HintLevel#NONE} with empty text when there is nothing to say. */
    public record Hint(HintLevel level, String text) {
        static final Hint NONE = new Hint(HintLevel.NONE, "");
    }

    /** How one cell relates to the baseline in diff mode. */
    public enum CellChange { NONE, ADDED, REMOVED }

    /**
     * A note drawn under a cell, e.g. the review's usage overlay ("30 d 340").
     *
     * @param styleClasses added to the note's label, e.g. {@code usage-never}
     */
    public record CellNote(String text, List<String> styleClasses, String tooltip) {
        public CellNote {
            styleClasses = List.copyOf(styleClasses);
        }
    }

    /** One line of the matrix: a category header or a resource. */
    public sealed interface Row permits CategoryRow, ResourceRow { }

    public record CategoryRow(String category) implements Row { }

    public record ResourceRow(CatalogResource resource) implements Row { }

    private final Catalog catalog;
    private final Predicate<Permission> adminHolds;
    private final GrantRules rules;
    private final ObservableSet<Permission> selection = FXCollections.observableSet(new TreeSet<>());
    /** Every unknown permission seen, so that unticking one and ticking it again works. */
    private final ObservableList<Permission> unknownPermissions = FXCollections.observableArrayList();
    private final ObservableList<Row> visibleRows = FXCollections.observableArrayList();
    // One read-only view of each list, kept: a wrapper made per call listens to its source only
    // weakly, so listeners added to a throw-away wrapper would silently stop firing after a GC.
    private final ObservableList<Row> visibleRowsView = FXCollections.unmodifiableObservableList(visibleRows);
    private final ObservableList<Permission> unknownView;
    private final BooleanProperty editable = new SimpleBooleanProperty(true);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Set<Permission>> baseline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selectedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Optional<Preset>> matchingPreset = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper presetText = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Hint> hint = new ReadOnlyObjectWrapper<>(Hint.NONE);
    private final ReadOnlyStringWrapper riskText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper diffText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serverError = new ReadOnlyStringWrapper("");
    private final ObservableMap<Permission, CellNote> notes = FXCollections.observableHashMap();
    private final ObservableMap<Permission, CellNote> notesView = FXCollections.unmodifiableObservableMap(notes);

    /**
     * @param adminHolds whether the connected admin key holds a permission (the server refuses to
     *     let a key grant what it does not hold)
     */
    public PermissionMatrixViewModel(Catalog catalog, Predicate<Permission> adminHolds) {
        this(catalog, adminHolds, GrantRules.ANY);
    }

    /** @param rules what the server's dialect lets a key be granted at all (e.g. Narrative: read and write) */
    public PermissionMatrixViewModel(Catalog catalog, Predicate<Permission> adminHolds, GrantRules rules) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.adminHolds = Objects.requireNonNull(adminHolds, "adminHolds");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.unknownView = FXCollections.unmodifiableObservableList(unknownPermissions);
        selection.addListener((SetChangeListener<Permission>) change -> {
            if (change.wasAdded()) {
                rememberUnknown(change.getElementAdded());
            }
            recompute();
        });
        searchText.addListener((obs, old, now) -> refilter());
        baseline.addListener((obs, old, now) -> recompute());
        refilter();
        recompute();
    }

    /** A matrix that only shows {@code permissions}, e.g. in a details pane. */
    public static PermissionMatrixViewModel readOnly(Catalog catalog, Collection<Permission> permissions) {
        PermissionMatrixViewModel vm = new PermissionMatrixViewModel(catalog, p -> true);
        vm.selection.addAll(permissions);
        vm.editable.set(false);
        return vm;
    }

    public Catalog catalog() {
        return catalog;
    }

    // ---- selection -------------------------------------------------------------------------

    /** The selected permissions; the view and the dialogs may change it directly. */
    public ObservableSet<Permission> selection() {
        return selection;
    }

    /** The selection in a stable order, for sending to the server. */
    public List<Permission> selectionList() {
        return List.copyOf(new TreeSet<>(selection));
    }

    public void setSelection(Collection<Permission> permissions) {
        selection.retainAll(permissions);
        selection.addAll(permissions);
    }

    public boolean isSelected(Permission p) {
        return selection.contains(p);
    }

    public void setSelected(Permission p, boolean selected) {
        if (selected == selection.contains(p)) {
            return;
        }
        if (!selected && rules.isKeptAsIs(p)) {
            return; // shown, never dropped: nobody could grant it back
        }
        if (selected && !canSelect(p)) {
            return;
        }
        if (selected) {
            selection.add(p);
        } else {
            selection.remove(p);
        }
        serverError.set("");
    }

    public void toggle(Permission p) {
        setSelected(p, !isSelected(p));
    }

    // ---- what a cell may do ----------------------------------------------------------------

    /** Whether the catalog's resource supports this access level (else the cell is disabled). */
    public boolean supported(String resource, String access) {
        return catalog.resource(resource).map(r -> r.supports(access)).orElse(false);
    }

    /** Whether the connected admin key may grant it. */
    public boolean grantable(Permission p) {
        return adminHolds.test(p);
    }

    /**
     * Whether the cell can be changed now: supported, editable, and grantable unless it is ticked
     * (taking a permission away is never escalation).
     */
    public boolean cellEnabled(Permission p) {
        if (rules.whyFixed(p).isPresent()) {
            return false;
        }
        boolean known = p.isAdminAll() || supported(p.resource(), p.access()) || unknownPermissions.contains(p);
        return editable.get() && known && (grantable(p) || selection.contains(p));
    }

    /** Why a cell is disabled, for its tooltip; empty when it is enabled. */
    public Optional<String> disabledReason(Permission p) {
        Optional<String> fixed = rules.whyFixed(p);
        if (fixed.isPresent()) {
            return fixed;
        }
        if (!p.isAdminAll() && !unknownPermissions.contains(p) && !supported(p.resource(), p.access())) {
            return Optional.of(label(p.resource()) + " has no " + p.access() + " access");
        }
        if (!editable.get()) {
            return Optional.empty();
        }
        if (!grantable(p) && !selection.contains(p)) {
            return Optional.of("Your admin key doesn't hold " + p.value() + ", so it can't grant it");
        }
        return Optional.empty();
    }

    /** Risky grants: write access and {@code admin:*}. */
    public boolean risky(Permission p) {
        return p.isRisky();
    }

    /** The tooltip/explanation for a risky grant. */
    public static String riskExplanation(Permission p) {
        if (p.isAdminAll()) {
            return "admin:* holds every permission, including creating and revoking keys";
        }
        if ("access_tokens".equals(p.resource()) && Permission.WRITE.equals(p.access())) {
            return "Write access changes data; access_tokens:write can create and revoke API keys";
        }
        return "Write access changes data";
    }

    private boolean canSelect(Permission p) {
        return editable.get() && grantable(p) && rules.whyFixed(p).isEmpty()
                && (p.isAdminAll() || supported(p.resource(), p.access()) || unknownPermissions.contains(p));
    }

    // ---- bulk toggles ----------------------------------------------------------------------

    /** Ticks every selectable level of the resource, or unticks all when all are ticked. */
    public void toggleRow(String resource) {
        toggleAll(catalog.accessLevels().stream().map(a -> Permission.of(resource, a))
                .filter(p -> supported(p.resource(), p.access())).toList());
    }

    /** The same for one access level over the resources shown (the search narrows it). */
    public void toggleColumn(String access) {
        toggleAll(visibleResources().stream().map(r -> Permission.of(r.name(), access))
                .filter(p -> supported(p.resource(), p.access())).toList());
    }

    /** The same for every level of every shown resource of a category. */
    public void toggleCategory(String category) {
        List<Permission> cells = new ArrayList<>();
        for (CatalogResource r : visibleResources()) {
            if (r.category().equals(category)) {
                for (String a : catalog.accessLevels()) {
                    if (r.supports(a)) {
                        cells.add(Permission.of(r.name(), a));
                    }
                }
            }
        }
        toggleAll(cells);
    }

    private void toggleAll(List<Permission> cells) {
        if (!editable.get()) {
            return;
        }
        List<Permission> selectable = cells.stream().filter(this::canSelect).toList();
        boolean allOn = !selectable.isEmpty() && selection.containsAll(selectable);
        if (allOn || selectable.isEmpty()) {
            // Unticking is allowed even where the admin key could not grant it back.
            cells.stream().filter(p -> !rules.isKeptAsIs(p)).forEach(selection::remove);
        } else {
            selection.addAll(selectable);
        }
        serverError.set("");
    }

    public void setAdminAll(boolean on) {
        setSelected(Permission.ADMIN_ALL, on);
    }

    public void clear() {
        if (editable.get()) {
            selection.removeIf(p -> !rules.isKeptAsIs(p));
        }
    }

    /** Replaces the selection with the preset's permissions (those the admin key may grant). */
    public void applyPreset(Preset preset) {
        if (!editable.get()) {
            return;
        }
        Set<Permission> wanted = new LinkedHashSet<>();
        preset.permissions().stream().filter(this::grantable).filter(p -> rules.whyFixed(p).isEmpty())
                .forEach(wanted::add);
        selection.stream().filter(rules::isKeptAsIs).forEach(wanted::add);
        setSelection(wanted);
        serverError.set("");
    }

    /** Presets whose every permission the admin key may grant; the others are offered disabled. */
    public boolean presetGrantable(Preset preset) {
        return preset.permissions().stream().allMatch(p -> grantable(p) && rules.whyFixed(p).isEmpty());
    }

    /** Why {@code admin:*} cannot be granted on this server at all; empty where it can. */
    public Optional<String> adminAllUnavailable() {
        return Optional.ofNullable(rules.adminAllUnavailable());
    }

    // ---- search ----------------------------------------------------------------------------

    public StringProperty searchTextProperty() {
        return searchText;
    }

    /** Category headers and resources that match the search, in catalog order. */
    public ObservableList<Row> visibleRows() {
        return visibleRowsView;
    }

    public List<CatalogResource> visibleResources() {
        return visibleRows.stream().filter(ResourceRow.class::isInstance)
                .map(r -> ((ResourceRow) r).resource()).toList();
    }

    private void refilter() {
        String q = searchText.get() == null ? "" : searchText.get().trim().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (String category : catalog.categories()) {
            List<Row> inCategory = new ArrayList<>();
            boolean categoryMatches = !q.isEmpty() && category.toLowerCase(Locale.ROOT).contains(q);
            for (CatalogResource r : catalog.resources()) {
                if (r.category().equals(category) && (q.isEmpty() || categoryMatches || matches(r, q))) {
                    inCategory.add(new ResourceRow(r));
                }
            }
            if (!inCategory.isEmpty()) {
                rows.add(new CategoryRow(category));
                rows.addAll(inCategory);
            }
        }
        visibleRows.setAll(rows);
    }

    private static boolean matches(CatalogResource r, String q) {
        return contains(r.name(), q) || contains(r.label(), q) || contains(r.description(), q);
    }

    private static boolean contains(String s, String q) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(q);
    }

    // ---- unknown permissions ---------------------------------------------------------------

    /** Permissions in the selection (now or before) that the catalog does not know, in first-seen order. */
    public ObservableList<Permission> unknownPermissions() {
        return unknownView;
    }

    private void rememberUnknown(Permission p) {
        if (!p.isAdminAll() && !supported(p.resource(), p.access()) && !unknownPermissions.contains(p)) {
            unknownPermissions.add(p);
        }
    }

    // ---- diff mode -------------------------------------------------------------------------

    /** Turns diff mode on against {@code current} (the key's permissions now), or off with null. */
    public void setBaseline(Collection<Permission> current) {
        if (current != null) {
            current.forEach(this::rememberUnknown);
        }
        baseline.set(current == null ? null : Set.copyOf(current));
    }

    public ReadOnlyObjectProperty<Set<Permission>> baselineProperty() {
        return baseline.getReadOnlyProperty();
    }

    public Set<Permission> added() {
        Set<Permission> base = baseline.get();
        if (base == null) {
            return Set.of();
        }
        return selection.stream().filter(p -> !base.contains(p)).collect(Collectors.toCollection(TreeSet::new));
    }

    public Set<Permission> removed() {
        Set<Permission> base = baseline.get();
        if (base == null) {
            return Set.of();
        }
        return base.stream().filter(p -> !selection.contains(p)).collect(Collectors.toCollection(TreeSet::new));
    }

    public CellChange change(Permission p) {
        Set<Permission> base = baseline.get();
        if (base == null) {
            return CellChange.NONE;
        }
        boolean now = selection.contains(p);
        boolean before = base.contains(p);
        if (now && !before) {
            return CellChange.ADDED;
        }
        if (!now && before) {
            return CellChange.REMOVED;
        }
        return CellChange.NONE;
    }

    public boolean hasPermissionChanges() {
        return !added().isEmpty() || !removed().isEmpty();
    }

    // ---- derived text ----------------------------------------------------------------------

    private void recompute() {
        selectedCount.set(selection.size());
        int n = selection.size();
        countText.set(n == 1 ? "1 permission selected" : n + " permissions selected");
        Optional<Preset> preset = catalog.presetMatching(Set.copyOf(selection));
        matchingPreset.set(preset);
        presetText.set(n == 0 ? "Nothing selected"
                : preset.map(p -> "Matches preset: " + p.name()).orElse("Custom"));
        long risky = selection.stream().filter(Permission::isRisky).count();
        riskText.set(risky == 0 ? "" : selection.contains(Permission.ADMIN_ALL)
                ? "admin:* grants everything"
                : risky + (risky == 1 ? " write grant" : " write grants") + ": write access changes data");
        hint.set(computeHint(preset));
        diffText.set(computeDiffText());
    }

    private Hint computeHint(Optional<Preset> exact) {
        if (selection.contains(Permission.ADMIN_ALL)) {
            return new Hint(HintLevel.DANGER, "admin:* gives this key every permission, including creating and "
                    + "revoking API keys. Use it only for an administration key; otherwise tick just what the key needs.");
        }
        if (exact.isPresent() || selection.isEmpty()) {
            return Hint.NONE;
        }
        // The preset with the most in common that the selection fully contains, where the extras are writes.
        Optional<Preset> covered = catalog.presets().stream()
                .filter(p -> !p.permissions().isEmpty() && selection.containsAll(p.permissions()))
                .filter(p -> selection.stream().anyMatch(s -> !p.permissions().contains(s) && s.isRisky()))
                .max(Comparator.comparingInt(p -> p.permissions().size()));
        if (covered.isPresent()) {
            Preset p = covered.get();
            List<String> extraWrites = selection.stream()
                    .filter(s -> !p.permissions().contains(s) && s.isRisky()).map(Permission::value).sorted().toList();
            int extras = extraWrites.size();
            return new Hint(HintLevel.INFO, "The '" + p.name() + "' preset covers this key's "
                    + describeLevels(p) + " with " + extras + " fewer write grant" + (extras == 1 ? "" : "s")
                    + " (" + String.join(", ", extraWrites) + "). Does the key need them?");
        }
        if (selection.contains(Permission.of("access_tokens", Permission.WRITE))) {
            return new Hint(HintLevel.WARNING,
                    "access_tokens:write lets this key create and revoke other keys. Grant it only to key-management tools.");
        }
        return Hint.NONE;
    }

    private static String describeLevels(Preset p) {
        boolean reads = p.permissions().stream().anyMatch(x -> Permission.READ.equals(x.access()));
        boolean writes = p.permissions().stream().anyMatch(x -> Permission.WRITE.equals(x.access()));
        return reads && writes ? "access" : reads ? "read access" : "write access";
    }

    private String computeDiffText() {
        if (baseline.get() == null) {
            return "";
        }
        Set<Permission> add = added();
        Set<Permission> rem = removed();
        if (add.isEmpty() && rem.isEmpty()) {
            return "No permission changes";
        }
        List<String> parts = new ArrayList<>();
        if (!add.isEmpty()) {
            parts.add("Adds: " + add.stream().map(Permission::value).collect(Collectors.joining(", ")));
        }
        if (!rem.isEmpty()) {
            parts.add("Removes: " + rem.stream().map(Permission::value).collect(Collectors.joining(", ")));
        }
        return String.join(" · ", parts);
    }

    private String label(String resource) {
        return catalog.resource(resource).map(CatalogResource::label).orElse(resource);
    }

    // ---- notes -----------------------------------------------------------------------------

    /** Replaces the notes under the cells (empty: none); the view follows. */
    public void setNotes(Map<Permission, CellNote> next) {
        notes.keySet().retainAll(next.keySet());
        notes.putAll(next);
    }

    public ObservableMap<Permission, CellNote> notes() {
        return notesView;
    }

    public Optional<CellNote> note(Permission p) {
        return Optional.ofNullable(notes.get(p));
    }

    // ---- server feedback -------------------------------------------------------------------

    /** A server refusal that concerns the permissions (e.g. escalation); cleared on the next change. */
    public void showServerError(String message) {
        serverError.set(message == null ? "" : message);
    }

    public ReadOnlyStringProperty serverErrorProperty() {
        return serverError.getReadOnlyProperty();
    }

    // ---- properties ------------------------------------------------------------------------

    public BooleanProperty editableProperty() {
        return editable;
    }

    public boolean isEditable() {
        return editable.get();
    }

    public ReadOnlyIntegerProperty selectedCountProperty() {
        return selectedCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Preset>> matchingPresetProperty() {
        return matchingPreset.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty presetTextProperty() {
        return presetText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Hint> hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty riskTextProperty() {
        return riskText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty diffTextProperty() {
        return diffText.getReadOnlyProperty();
    }
}
