package dev.keydesk.core.expiry;

import dev.keydesk.client.model.ApiKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys are in which expiry group, computed once per load. A key may be in several groups
 * (never expiring and unused, say); each group keeps the keys in the order they came.
 */
public final class ExpiryOverview {

    public static final ExpiryOverview EMPTY = new ExpiryOverview(new EnumMap<>(ExpiryGroup.class),
            ExpiryRules.DEFAULTS, Instant.EPOCH);

    private final Map<ExpiryGroup, List<ApiKey>> members;
    private final ExpiryRules rules;
    private final Instant at;

    private ExpiryOverview(Map<ExpiryGroup, List<ApiKey>> members, ExpiryRules rules, Instant at) {
        this.members = members;
        this.rules = rules;
        this.at = at;
    }

    public static ExpiryOverview of(Collection<ApiKey> keys, Instant now, ExpiryRules rules) {
        Map<ExpiryGroup, List<ApiKey>> members = new EnumMap<>(ExpiryGroup.class);
        for (ExpiryGroup group : ExpiryGroup.values()) {
            members.put(group, new ArrayList<>());
        }
        for (ApiKey key : keys) {
            for (ExpiryGroup group : ExpiryGroup.values()) {
                if (group.contains(key, now, rules)) {
                    members.get(group).add(key);
                }
            }
        }
        members.replaceAll((group, list) -> List.copyOf(list));
        return new ExpiryOverview(members, rules, now);
    }

    public List<ApiKey> keys(ExpiryGroup group) {
        return members.getOrDefault(group, List.of());
    }

    public int count(ExpiryGroup group) {
        return keys(group).size();
    }

    /** The ids of the group's keys, in order. */
    public Set<String> ids(ExpiryGroup group) {
        Set<String> ids = new LinkedHashSet<>();
        keys(group).forEach(k -> ids.add(k.id()));
        return ids;
    }

    /** How many of the unused keys were never used at all. */
    public int neverUsed() {
        return (int) keys(ExpiryGroup.UNUSED).stream().filter(ExpiryGroup::neverUsed).count();
    }

    public ExpiryRules rules() {
        return rules;
    }

    /** The instant the groups were computed for. */
    public Instant at() {
        return at;
    }
}
