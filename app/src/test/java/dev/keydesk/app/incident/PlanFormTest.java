package dev.keydesk.app.incident;

import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.TargetRule;
import dev.keydesk.core.incident.TargetSelection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan form and its rule editor: every kind of rule, combined with AND, exceptions, the reason. */
class PlanFormTest {

    private final PlanForm form = new PlanForm();

    @Test
    void everyKindOfRuleIsMadeFromWhatIsTyped() {
        Map<RuleKind, String> typed = Map.ofEntries(Map.entry(RuleKind.ALL, ""), Map.entry(RuleKind.TYPE, "Live"),
                Map.entry(RuleKind.PERMISSION, "datasets:write"), Map.entry(RuleKind.RESOURCE, "datasets"),
                Map.entry(RuleKind.CREATED_BEFORE, "2026-10-14"), Map.entry(RuleKind.CREATED_AFTER, "2026-10-14T10:30:00Z"),
                Map.entry(RuleKind.CREATED_BY, "key_123"), Map.entry(RuleKind.LAST_USED_FROM, "203.0.113.7"),
                Map.entry(RuleKind.UNUSED_FOR, "30 days"), Map.entry(RuleKind.NEVER_USED, ""),
                Map.entry(RuleKind.NAME_MATCHES, "ci-*"), Map.entry(RuleKind.EXPIRING_WITHIN, "7"));
        assertThat(typed.keySet()).containsExactlyInAnyOrder(RuleKind.values());
        Map<RuleKind, TargetRule> expected = Map.ofEntries(Map.entry(RuleKind.ALL, new TargetRule.All()),
                Map.entry(RuleKind.TYPE, new TargetRule.OfType("live")),
                Map.entry(RuleKind.PERMISSION, new TargetRule.HoldsPermission(Permission.parse("datasets:write"))),
                Map.entry(RuleKind.RESOURCE, new TargetRule.OnResource("datasets")),
                Map.entry(RuleKind.CREATED_BEFORE, new TargetRule.CreatedBefore(Instant.parse("2026-10-14T00:00:00Z"))),
                Map.entry(RuleKind.CREATED_AFTER, new TargetRule.CreatedAfter(Instant.parse("2026-10-14T10:30:00Z"))),
                Map.entry(RuleKind.CREATED_BY, new TargetRule.CreatedBy("key_123")),
                Map.entry(RuleKind.LAST_USED_FROM, new TargetRule.LastUsedFrom("203.0.113.7")),
                Map.entry(RuleKind.UNUSED_FOR, new TargetRule.UnusedFor(30)),
                Map.entry(RuleKind.NEVER_USED, new TargetRule.NeverUsed()),
                Map.entry(RuleKind.NAME_MATCHES, new TargetRule.NameMatches("ci-*")),
                Map.entry(RuleKind.EXPIRING_WITHIN, new TargetRule.ExpiringWithin(7)));
        typed.forEach((kind, value) -> {
            RuleEditor editor = new RuleEditor(kind, value);
            assertThat(editor.currentRule()).as(kind.name()).contains(expected.get(kind));
            assertThat(RuleKind.of(expected.get(kind))).isEqualTo(kind);
            assertThat(RuleEditor.of(expected.get(kind)).currentRule()).contains(expected.get(kind));
        });
    }

    @Test
    void aValueThatMakesNoRuleSaysWhy() {
        assertThat(new RuleEditor(RuleKind.TYPE, "prod").problemProperty().get()).isEqualTo("Type is: live or test.");
        assertThat(new RuleEditor(RuleKind.PERMISSION, "datasets").problemProperty().get()).contains("resource:access");
        assertThat(new RuleEditor(RuleKind.CREATED_BEFORE, "last week").problemProperty().get()).contains("not a date");
        assertThat(new RuleEditor(RuleKind.UNUSED_FOR, "many").problemProperty().get()).contains("number of days");
        assertThat(new RuleEditor(RuleKind.EXPIRING_WITHIN, "-1").problemProperty().get()).contains("0 to 3650");
        assertThat(new RuleEditor(RuleKind.NAME_MATCHES, " ").problemProperty().get()).contains("pattern");
        RuleEditor editor = new RuleEditor(RuleKind.TYPE, "prod");
        assertThat(editor.currentRule()).isEmpty();
        editor.valueProperty().set("test");
        assertThat(editor.currentRule()).contains(new TargetRule.OfType("test"));
        assertThat(editor.problemProperty().get()).isEmpty();
    }

    @Test
    void rulesCombineWithAndMinusTheExceptionsAndTheReasonGoesWithThem() {
        assertThat(form.plan()).isNull();
        assertThat(form.problemProperty().get()).contains("Add a rule");
        form.addRule().valueProperty().set("ci-*");
        RuleEditor second = form.addRule();
        second.kindProperty().set(RuleKind.TYPE);
        assertThat(form.plan()).as("an unfinished rule makes no plan").isNull();
        second.valueProperty().set("live");
        form.exceptionsProperty().set("key_1, key_2\nkey_3");
        form.reasonProperty().set("leaked in a CI log");
        form.referenceProperty().set("INC-42");
        form.actionProperty().set(IncidentAction.FREEZE);
        IncidentPlan plan = form.plan();
        assertThat(plan.action()).isEqualTo(IncidentAction.FREEZE);
        assertThat(plan.targets().rules()).containsExactly(new TargetRule.NameMatches("ci-*"), new TargetRule.OfType("live"));
        assertThat(plan.targets().exceptions()).containsExactly("key_1", "key_2", "key_3");
        assertThat(plan.auditReason()).isEqualTo("INC-42: leaked in a CI log");
        assertThat(plan.targets().includeConnectedKey()).isFalse();
        form.includeConnectedKeyProperty().set(true);
        assertThat(form.plan().targets().includeConnectedKey()).isTrue();

        form.reasonProperty().set("two\nlines");
        assertThat(form.plan()).isNull();
        assertThat(form.problemProperty().get()).contains("one line");
        form.removeRule(second);
        form.reasonProperty().set("");
        assertThat(form.plan().targets().rules()).containsExactly(new TargetRule.NameMatches("ci-*"));
    }

    @Test
    void chosenKeysArePlannedByIdAndAPlanCanBeLoadedBack() {
        ApiKey a = FakeKeys.key("k1", "ci-deploy", null, null, "datasets:read");
        form.chooseKeys(List.of(a), IncidentAction.REVOKE);
        assertThat(form.sourceProperty().get()).isEqualTo(PlanForm.Source.SELECTION);
        assertThat(form.chosen()).extracting(PlanForm.ChosenKey::label).containsExactly("ci-deploy  sk_live_k1…");
        assertThat(form.plan().targets().ids()).containsExactly("k1");
        form.sourceProperty().set(PlanForm.Source.RULES);
        assertThat(form.plan()).as("no rules yet").isNull();

        IncidentPlan thaw = new IncidentPlan(IncidentAction.THAW, TargetSelection.ofIds(Set.of("k9"))
                .includingConnectedKey(true), "thaw what INC-1 froze", "INC-1");
        form.load(thaw, Map.of());
        assertThat(form.plan()).isEqualTo(thaw);
        assertThat(form.chosen()).extracting(PlanForm.ChosenKey::label).containsExactly("k9");
        form.clear();
        assertThat(form.plan()).isNull();
        assertThat(form.actionProperty().get()).isEqualTo(IncidentAction.REVOKE);
    }
}
