package dev.keydesk.app.incident;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.TargetRule;
import dev.keydesk.core.incident.TargetSelection;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The incident plan as the person builds it: an action; the chosen keys or rules (AND) with
 * exceptions; whether the connected admin key is included (break-glass); a reason and the
 * incident's reference. {@link #planProperty()} is the plan they make, or null with
 * {@link #problemProperty()} saying what is missing; both follow every edit.
 */
public final class PlanForm {

    /** Where the targets come from. */
    public enum Source { SELECTION, RULES }

    /** A key chosen by id, with the words that name it (its name and prefix where known). */
    public record ChosenKey(String id, String label) {
        public ChosenKey {
            Objects.requireNonNull(id, "id");
            label = label == null || label.isBlank() ? id : label;
        }

        public static ChosenKey of(ApiKey key) {
            String name = key.name() == null || key.name().isBlank() ? key.id() : key.name();
            return new ChosenKey(key.id(), key.prefix() == null ? name : name + "  " + key.prefix() + "…");
        }
    }

    private final ObjectProperty<IncidentAction> action = new SimpleObjectProperty<>(this, "action", IncidentAction.REVOKE);
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.RULES);
    private final ObservableList<ChosenKey> chosen = FXCollections.observableArrayList();
    private final ObservableList<RuleEditor> rules =
            FXCollections.observableArrayList(r -> new Observable[] {r.ruleProperty()});
    private final StringProperty exceptions = new SimpleStringProperty(this, "exceptions", "");
    private final BooleanProperty includeConnectedKey = new SimpleBooleanProperty(this, "includeConnectedKey");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final StringProperty reference = new SimpleStringProperty(this, "reference", "");

    private final ReadOnlyObjectWrapper<IncidentPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private boolean loading;

    public PlanForm() {
        action.addListener((obs, old, now) -> {
            if (now == null) {
                action.set(old);
            } else {
                update();
            }
        });
        source.addListener((obs, old, now) -> {
            if (now == null) {
                source.set(old);
            } else {
                update();
            }
        });
        chosen.addListener((ListChangeListener<ChosenKey>) c -> update());
        rules.addListener((ListChangeListener<RuleEditor>) c -> update());
        exceptions.addListener((obs, old, now) -> update());
        includeConnectedKey.addListener((obs, old, now) -> update());
        reason.addListener((obs, old, now) -> update());
        reference.addListener((obs, old, now) -> update());
        update();
    }

    // ---- editing ---------------------------------------------------------------------------

    /** Adds an empty line to the rule editor and returns it. */
    public RuleEditor addRule() {
        RuleEditor editor = new RuleEditor();
        rules.add(editor);
        source.set(Source.RULES);
        return editor;
    }

    public void removeRule(RuleEditor editor) {
        rules.remove(editor);
    }

    /** Starts over: revoke, no keys, no rules, no reason. */
    public void clear() {
        load(IncidentAction.REVOKE, List.of(), List.of(), Set.of(), false, "", "");
    }

    /** The keys chosen in the table (or elsewhere), to act on with {@code action}. */
    public void chooseKeys(List<ApiKey> keys, IncidentAction action) {
        load(action, keys.stream().map(ChosenKey::of).toList(), List.of(), Set.of(), false, reason.get(),
                reference.get());
    }

    /**
     * Shows {@code plan} for review (a retry, a thaw from a report): its ids as chosen keys, named
     * through {@code labels} where known, and its rules as editor lines.
     */
    public void load(IncidentPlan plan, Map<String, String> labels) {
        TargetSelection t = plan.targets();
        List<ChosenKey> keys = t.ids().stream().map(id -> new ChosenKey(id, labels.get(id))).toList();
        load(plan.action(), keys, t.rules(), t.exceptions(), t.includeConnectedKey(), plan.reason(), plan.reference());
    }

    private void load(IncidentAction a, List<ChosenKey> keys, List<TargetRule> ruleList, Set<String> except,
                      boolean includeSelf, String why, String ref) {
        loading = true;
        try {
            action.set(a);
            chosen.setAll(keys);
            List<RuleEditor> editors = new ArrayList<>();
            ruleList.forEach(r -> editors.add(RuleEditor.of(r)));
            rules.setAll(editors);
            source.set(keys.isEmpty() ? Source.RULES : Source.SELECTION);
            exceptions.set(String.join(", ", except));
            includeConnectedKey.set(includeSelf);
            reason.set(why == null ? "" : why);
            reference.set(ref == null ? "" : ref);
        } finally {
            loading = false;
        }
        update();
    }

    // ---- the plan --------------------------------------------------------------------------

    private void update() {
        if (loading) {
            return;
        }
        String why = null;
        TargetSelection selection = null;
        if (source.get() == Source.SELECTION) {
            if (chosen.isEmpty()) {
                why = "No keys are chosen: select keys in the Keys workspace, or use rules.";
            } else {
                Set<String> ids = new LinkedHashSet<>();
                chosen.forEach(k -> ids.add(k.id()));
                selection = TargetSelection.ofIds(ids);
            }
        } else {
            List<TargetRule> built = new ArrayList<>();
            for (RuleEditor editor : rules) {
                if (editor.currentRule().isEmpty()) {
                    why = editor.problemProperty().get();
                    break;
                }
                built.add(editor.currentRule().get());
            }
            if (why == null && built.isEmpty()) {
                why = "Add a rule (“All keys” to act on every key), or choose keys.";
            }
            if (why == null) {
                selection = TargetSelection.ofRules(built);
            }
        }
        String reasonProblem = IncidentPlan.reasonProblem(reason.get()).orElse(null);
        if (why == null && reasonProblem != null) {
            why = reasonProblem;
        }
        IncidentPlan made = null;
        if (why == null) {
            try {
                made = new IncidentPlan(action.get(), selection.except(exceptionIds())
                        .includingConnectedKey(includeConnectedKey.get()), reason.get(), reference.get());
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        problem.set(why == null ? "" : why);
        if (!Objects.equals(plan.get(), made)) {
            plan.set(made);
        }
    }

    /** The exceptions field as ids: separated by commas, spaces or new lines. */
    public Set<String> exceptionIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : exceptions.get().split("[,\\s]+")) {
            if (!part.isBlank()) {
                ids.add(part.strip());
            }
        }
        return ids;
    }

    // ---- properties ------------------------------------------------------------------------

    /** The plan the form makes now; null while something is missing or wrong. */
    public ReadOnlyObjectProperty<IncidentPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public IncidentPlan plan() {
        return plan.get();
    }

    /** What keeps the form from making a plan; empty when it makes one. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObjectProperty<IncidentAction> actionProperty() {
        return action;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    /** The chosen keys (the source {@link Source#SELECTION}); the view lists them. */
    public ObservableList<ChosenKey> chosen() {
        return chosen;
    }

    public ObservableList<RuleEditor> rules() {
        return rules;
    }

    /** Key ids left out whatever the rules say, separated by commas or spaces. */
    public StringProperty exceptionsProperty() {
        return exceptions;
    }

    public BooleanProperty includeConnectedKeyProperty() {
        return includeConnectedKey;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringProperty referenceProperty() {
        return reference;
    }
}
