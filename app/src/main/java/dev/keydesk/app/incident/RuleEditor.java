package dev.keydesk.app.incident;

import dev.keydesk.core.incident.TargetRule;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the rule editor: a kind and its value, and the rule they make (or why not yet), kept
 * up to date as the person types.
 */
public final class RuleEditor {

    private final ObjectProperty<RuleKind> kind = new SimpleObjectProperty<>(this, "kind", RuleKind.NAME_MATCHES);
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ReadOnlyObjectWrapper<TargetRule> rule = new ReadOnlyObjectWrapper<>(this, "rule");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public RuleEditor() {
        kind.addListener((obs, old, now) -> {
            if (now == null) {
                kind.set(old);
                return;
            }
            update();
        });
        value.addListener((obs, old, now) -> update());
        update();
    }

    public RuleEditor(RuleKind kind, String value) {
        this();
        this.kind.set(Objects.requireNonNull(kind, "kind"));
        this.value.set(value == null ? "" : value);
    }

    /** An editor showing {@code rule}. */
    public static RuleEditor of(TargetRule rule) {
        return new RuleEditor(RuleKind.of(rule), rule.value());
    }

    private void update() {
        RuleKind.Result result = kind.get().build(value.get());
        rule.set(result.rule());
        problem.set(result.problem() == null ? "" : result.problem());
    }

    public Optional<TargetRule> currentRule() {
        return Optional.ofNullable(rule.get());
    }

    public ObjectProperty<RuleKind> kindProperty() {
        return kind;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** The rule, or null while the value does not make one. */
    public ReadOnlyObjectProperty<TargetRule> ruleProperty() {
        return rule.getReadOnlyProperty();
    }

    /** Why the value makes no rule yet; empty when it does. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
