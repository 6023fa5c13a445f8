package dev.keydesk.core.incident;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.Permission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The blast radius of a plan, computed before anything happens from the server's inventory: what
 * the run will touch, what will break, what is left out and why, and how long it should take.
 * Immutable; a UI shows it and asks for the count ({@link #targets()}{@code .size()}).
 *
 * @param targets the keys the run will act on, in run order (the connected admin key last)
 * @param skipped keys that match but are already as asked (frozen, active, revoked) or cannot be
 *     acted on (expired), each with the reason
 * @param unknownIds chosen ids that the server does not list
 * @param revokedKnown whether the server could say which keys are already revoked
 * @param usedRecently targets used in the last 24 hours: their traffic will break
 * @param idle targets not used in the last 24 hours (or never)
 * @param byType target count per key type ("live", "test", "unknown")
 * @param permissionsAtStake target count per permission, most common first
 * @param caller who the run acts as
 * @param breakGlass true when the connected admin key is a target (included on purpose)
 * @param connectedKeyLeftOut true when the connected admin key matched but was left out
 * @param warnings sentences a person must read before confirming
 */
public record Preview(IncidentPlan plan, Instant computedAt, int inventorySize, List<ApiKey> targets,
                      List<SkippedKey> skipped, List<String> unknownIds, boolean revokedKnown,
                      List<ApiKey> usedRecently, List<ApiKey> idle, Map<String, Integer> byType,
                      Map<String, Integer> permissionsAtStake, Caller caller, boolean breakGlass,
                      boolean connectedKeyLeftOut, RateEstimate estimate, List<String> warnings) {

    /** How recent a use counts as live traffic that the run will break. */
    public static final Duration RECENT = Duration.ofHours(24);

    public Preview {
        targets = List.copyOf(targets);
        skipped = List.copyOf(skipped);
        unknownIds = List.copyOf(unknownIds);
        usedRecently = List.copyOf(usedRecently);
        idle = List.copyOf(idle);
        byType = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byType));
        permissionsAtStake = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(permissionsAtStake));
        warnings = List.copyOf(warnings);
    }

    /** A key that matched but is not a target. */
    public record SkippedKey(ApiKey key, String reason) {
    }

    /**
     * Who a run acts as.
     *
     * @param keyId the calling admin key's id; null when the server does not name it
     * @param keyName its name; null when unknown
     * @param principal for people: the key's name and prefix, or the user the server names
     */
    public record Caller(String keyId, String keyName, String principal) {
        public boolean keyKnown() {
            return keyId != null;
        }

        public Optional<String> connectedKeyId() {
            return Optional.ofNullable(keyId);
        }
    }

    /** The number a person types to confirm. */
    public int count() {
        return targets.size();
    }

    /** The connected admin key, when it is a target. */
    public Optional<ApiKey> connectedTarget() {
        return breakGlass ? Optional.of(targets.get(targets.size() - 1)) : Optional.empty();
    }

    /**
     * The preview of {@code plan} over {@code inventory}.
     *
     * @param revoked the server's revoked keys, or empty when it cannot list them
     * @param windows the rate-limit windows last seen
     */
    static Preview compute(IncidentPlan plan, List<ApiKey> inventory, Optional<List<ApiKey>> revoked,
                           String revokedUnknownReason, Caller caller, List<RateEstimate.Window> windows,
                           Instant now) {
        TargetSelection selection = plan.targets();
        IncidentAction action = plan.action();
        List<ApiKey> matched = new ArrayList<>();
        List<SkippedKey> skipped = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        ApiKey connected = null;
        boolean leftOut = false;
        for (ApiKey key : inventory) {
            listed.add(key.id());
            if (!selection.selects(key, now)) {
                continue;
            }
            Optional<String> notApplicable = notApplicable(action, key);
            if (notApplicable.isPresent()) {
                skipped.add(new SkippedKey(key, notApplicable.get()));
                continue;
            }
            if (caller.keyKnown() && caller.keyId().equals(key.id())) {
                if (selection.includeConnectedKey()) {
                    connected = key;
                } else {
                    leftOut = true;
                }
                continue;
            }
            matched.add(key);
        }
        if (revoked.isPresent()) {
            for (ApiKey key : revoked.get()) {
                if (listed.add(key.id()) && selection.selects(key, now)) {
                    skipped.add(new SkippedKey(key, "already revoked"));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String id : selection.ids()) {
            if (!listed.contains(id) && !selection.exceptions().contains(id)) {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add(unknown.size() + (unknown.size() == 1 ? " chosen key is" : " chosen keys are")
                    + " not on the server's list"
                    + (revoked.isPresent() ? " (not even among the revoked keys): check the ids."
                    : ": they may have been revoked already, but " + revokedUnknownReason));
        }
        List<ApiKey> targets = new ArrayList<>(matched);
        if (connected != null) {
            targets.add(connected);
            warnings.add("The admin key this run is connected with (" + label(connected) + ") is a target: "
                    + "a replacement is created first (its secret shown once), the connection switches to it, "
                    + "and the old key is " + action.pastTense() + " last.");
        }
        if (leftOut) {
            warnings.add("The admin key this run is connected with matches, but is left out: include it on purpose "
                    + "to replace it and " + action.verb() + " it last.");
        }
        if (!caller.keyKnown() && action != IncidentAction.THAW) {
            warnings.add("The server does not say which key KeyDesk is connected with, so KeyDesk cannot keep it "
                    + "out of the run: if it is among the targets, the run loses its connection when it reaches it.");
        }
        List<ApiKey> recent = new ArrayList<>();
        List<ApiKey> idle = new ArrayList<>();
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> permissions = new HashMap<>();
        Instant recentSince = now.minus(RECENT);
        for (ApiKey key : targets) {
            (key.lastUsed() != null && key.lastUsed().isAfter(recentSince) ? recent : idle).add(key);
            byType.merge(key.type() == null || key.type().isBlank() ? "unknown" : key.type(), 1, Integer::sum);
            Set<Permission> distinct = new LinkedHashSet<>(key.permissions());
            for (Permission p : distinct) {
                permissions.merge(p.value(), 1, Integer::sum);
            }
        }
        if (!recent.isEmpty()) {
            warnings.add(recent.size() + (recent.size() == 1 ? " target was" : " targets were")
                    + " used in the last 24 hours: whatever uses " + (recent.size() == 1 ? "it" : "them")
                    + " will stop working.");
        }
        Map<String, Integer> atStake = new LinkedHashMap<>();
        permissions.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> atStake.put(e.getKey(), e.getValue()));
        int requests = targets.size() + (connected != null ? 2 : 0);
        RateEstimate estimate = RateEstimate.of(requests, windows, now);
        return new Preview(plan, now, inventory.size(), targets, skipped, unknown, revoked.isPresent(), recent, idle,
                byType, atStake, caller, connected != null, leftOut, estimate, warnings);
    }

    /** Why {@code action} does not apply to {@code key} as it stands, if it does not. */
    static Optional<String> notApplicable(IncidentAction action, ApiKey key) {
        String status = key.status() == null ? KeyStatus.ACTIVE : key.status();
        return switch (action) {
            case REVOKE -> "revoked".equals(status) ? Optional.of("already revoked") : Optional.empty();
            case FREEZE -> KeyStatus.DISABLED.equals(status) ? Optional.of("already frozen")
                    : KeyStatus.EXPIRED.equals(status) ? Optional.of("expired: it cannot be used until its expiry moves")
                    : KeyStatus.ACTIVE.equals(status) ? Optional.empty() : Optional.of("status “" + status + "”");
            case THAW -> KeyStatus.ACTIVE.equals(status) ? Optional.of("already active")
                    : KeyStatus.EXPIRED.equals(status) ? Optional.of("expired: thawing would not make it work")
                    : KeyStatus.DISABLED.equals(status) ? Optional.empty() : Optional.of("status “" + status + "”");
        };
    }

    static String label(ApiKey key) {
        String name = key.name() == null || key.name().isBlank() ? key.id() : "“" + key.name() + "”";
        return key.prefix() == null ? name : name + ", " + key.prefix() + "…";
    }
}
