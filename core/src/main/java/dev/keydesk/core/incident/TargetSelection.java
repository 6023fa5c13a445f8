package dev.keydesk.core.incident;

import dev.keydesk.client.model.ApiKey;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which keys a plan acts on: an explicit selection ({@link #ids()}), rules combined with AND, or
 * both (ids narrowed by the rules); minus {@link #exceptions()}. A selection with neither ids nor
 * rules selects nothing: "every key" is the rule {@link TargetRule.All}, said on purpose.
 *
 * <p>The admin key the run is connected with is left out unless {@link #includeConnectedKey()}
 * (then the run goes through break-glass: a replacement first, the old key last).
 */
public record TargetSelection(Set<String> ids, List<TargetRule> rules, Set<String> exceptions,
                              boolean includeConnectedKey) {

    public TargetSelection {
        ids = ids == null ? Set.of() : unmodifiableOrdered(ids);
        rules = rules == null ? List.of() : List.copyOf(rules);
        exceptions = exceptions == null ? Set.of() : unmodifiableOrdered(exceptions);
    }

    /** Exactly these keys (e.g. the selection in a table, or the frozen keys of a report). */
    public static TargetSelection ofIds(Set<String> ids) {
        return new TargetSelection(ids, List.of(), Set.of(), false);
    }

    /** The keys that meet every rule. */
    public static TargetSelection ofRules(List<TargetRule> rules) {
        return new TargetSelection(Set.of(), rules, Set.of(), false);
    }

    public TargetSelection except(Set<String> moreExceptions) {
        Set<String> all = new LinkedHashSet<>(exceptions);
        all.addAll(moreExceptions);
        return new TargetSelection(ids, rules, all, includeConnectedKey);
    }

    public TargetSelection includingConnectedKey(boolean include) {
        return new TargetSelection(ids, rules, exceptions, include);
    }

    /** Whether it can select anything at all. */
    public boolean isEmpty() {
        return ids.isEmpty() && rules.isEmpty();
    }

    /** Whether {@code key} is selected, before the connected-key rule (that one needs the connection). */
    public boolean selects(ApiKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        if (isEmpty() || exceptions.contains(key.id())) {
            return false;
        }
        if (!ids.isEmpty() && !ids.contains(key.id())) {
            return false;
        }
        for (TargetRule rule : rules) {
            if (!rule.test(key, now)) {
                return false;
            }
        }
        return true;
    }

    /** For people: "3 chosen keys, live keys AND holds datasets:write, except 2". */
    public String describe() {
        if (isEmpty()) {
            return "no keys (choose keys or rules)";
        }
        StringBuilder s = new StringBuilder();
        if (!ids.isEmpty()) {
            s.append(ids.size()).append(ids.size() == 1 ? " chosen key" : " chosen keys");
        }
        if (!rules.isEmpty()) {
            if (s.length() > 0) {
                s.append(" that are ");
            }
            s.append(rules.stream().map(TargetRule::describe).collect(Collectors.joining(" AND ")));
        }
        if (!exceptions.isEmpty()) {
            s.append(", except ").append(String.join(", ", exceptions));
        }
        if (includeConnectedKey) {
            s.append(", including the admin key this run is connected with");
        }
        return s.toString();
    }

    private static Set<String> unmodifiableOrdered(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : in) {
            if (id != null && !id.isBlank()) {
                out.add(id.trim());
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
