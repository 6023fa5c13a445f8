package dev.keydesk.core.incident;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blast radius, computed from an inventory without a server. */
class PreviewTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:30Z");
    private static final Preview.Caller ME = new Preview.Caller("key_admin", "Admin", "Admin (sk_live_adm…)");

    private static ApiKey key(String id, String name, String type, String status, Instant lastUsed, String... perms) {
        return new ApiKey(id, name, "sk_" + type + "_" + id, List.of(perms).stream().map(Permission::parse).toList(),
                NOW.minus(Duration.ofDays(100)), NOW.plus(Duration.ofDays(3)), lastUsed, Usage.NONE, null, type, status,
                "key_admin", "203.0.113.7");
    }

    private final List<ApiKey> inventory = List.of(
            key("key_admin", "Admin", "live", "active", NOW, "admin:*"),
            key("k1", "ci-build", "live", "active", NOW.minus(Duration.ofHours(2)), "datasets:write", "datasets:read"),
            key("k2", "ci-deploy", "test", "active", null, "datasets:read"),
            key("k3", "ci-old", "live", "disabled", NOW.minus(Duration.ofDays(40)), "jobs:write"),
            key("k4", "billing", "live", "active", NOW.minus(Duration.ofDays(2)), "datasets:read"),
            key("k5", "ci-expired", "live", "expired", null, "jobs:read"));

    private static final List<RateEstimate.Window> FREE = List.of(
            new RateEstimate.Window("minute", 100, 40, Instant.parse("2026-12-01T12:01:00Z"), Duration.ofMinutes(1)),
            new RateEstimate.Window("hour", 1000, 900, Instant.parse("2026-12-01T13:00:00Z"), Duration.ofHours(1)));

    private Preview preview(IncidentAction action, TargetSelection selection) {
        return Preview.compute(new IncidentPlan(action, selection, "leak", "INC-7"), inventory, Optional.empty(),
                "this server cannot list revoked keys.", ME, FREE, NOW);
    }

    @Test
    void rulesCombineWithAndAndExceptionsAndTheConnectedKeyAreLeftOut() {
        Preview p = preview(IncidentAction.REVOKE, new TargetSelection(Set.of(),
                List.of(new TargetRule.HoldsPermission(Permission.parse("datasets:read"))), Set.of("k4"), false));
        assertThat(p.targets()).extracting(ApiKey::id).containsExactly("k1", "k2");
        assertThat(p.connectedKeyLeftOut()).isTrue();
        assertThat(p.warnings()).anyMatch(w -> w.contains("left out"));
        assertThat(p.usedRecently()).extracting(ApiKey::id).containsExactly("k1");
        assertThat(p.idle()).extracting(ApiKey::id).containsExactly("k2");
        assertThat(p.byType()).containsEntry("live", 1).containsEntry("test", 1);
        assertThat(p.permissionsAtStake().keySet()).containsExactly("datasets:read", "datasets:write");
        assertThat(p.permissionsAtStake()).containsEntry("datasets:read", 2);
    }

    @Test
    void aSelectionWithoutIdsOrRulesSelectsNothing() {
        assertThat(preview(IncidentAction.REVOKE, TargetSelection.ofIds(Set.of())).targets()).isEmpty();
    }

    @Test
    void theConnectedKeyIncludedOnPurposeGoesLastAndMeansBreakGlass() {
        Preview p = preview(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.All())).includingConnectedKey(true));
        assertThat(p.breakGlass()).isTrue();
        assertThat(p.targets().get(p.count() - 1).id()).isEqualTo("key_admin");
        assertThat(p.estimate().requests()).isEqualTo(p.count() + 2);
    }

    @Test
    void freezeSkipsFrozenAndExpiredKeysWithTheReason() {
        Preview p = preview(IncidentAction.FREEZE, TargetSelection.ofRules(List.of(new TargetRule.NameMatches("CI-*"))));
        assertThat(p.targets()).extracting(ApiKey::id).containsExactly("k1", "k2");
        assertThat(p.skipped()).extracting(s -> s.key().id() + ": " + s.reason())
                .containsExactly("k3: already frozen", "k5: expired: it cannot be used until its expiry moves");
    }

    @Test
    void unknownIdsAreSaidHonestlyWhenTheServerCannotListRevokedKeys() {
        Preview p = preview(IncidentAction.REVOKE, TargetSelection.ofIds(Set.of("k1", "k_gone")));
        assertThat(p.unknownIds()).containsExactly("k_gone");
        assertThat(p.revokedKnown()).isFalse();
        assertThat(p.warnings()).anyMatch(w -> w.contains("cannot list revoked keys"));
    }

    @Test
    void revokedKeysFromTheServerAreAlreadyInTheTargetState() {
        ApiKey gone = key("k9", "ci-gone", "live", "revoked", null, "jobs:read");
        Preview p = Preview.compute(new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.NameMatches("ci-*"))), "", ""), inventory,
                Optional.of(List.of(gone)), "", ME, FREE, NOW);
        assertThat(p.skipped()).extracting(s -> s.key().id() + ": " + s.reason()).contains("k9: already revoked");
    }

    @Test
    void aServerThatDoesNotNameTheCallerIsSaidSoInsteadOfPromisingProtection() {
        Preview p = Preview.compute(new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.All())), "", ""), inventory, Optional.empty(), "",
                new Preview.Caller(null, null, "Jo · Acme"), List.of(), NOW);
        assertThat(p.targets()).hasSize(inventory.size());
        assertThat(p.warnings()).anyMatch(w -> w.contains("does not say which key"));
    }

    @Test
    void theEstimateFollowsThePerMinuteWindow() {
        // 45 requests with 40 left in this minute (30 s to its reset): the last 5 wait for the next window.
        RateEstimate e = RateEstimate.of(45, FREE, NOW);
        assertThat(e.estimated()).contains(Duration.ofSeconds(30));
        // 250 with 40 left: 30 s, then two more full minutes (100 each) and a third for the last 10.
        assertThat(RateEstimate.of(250, FREE, NOW).estimated()).contains(Duration.ofSeconds(30 + 120));
        assertThat(RateEstimate.of(10, FREE, NOW).estimated()).contains(Duration.ZERO);
        assertThat(RateEstimate.of(10, List.of(new RateEstimate.Window("hour", Integer.MAX_VALUE, Integer.MAX_VALUE,
                NOW, Duration.ofHours(1))), NOW).estimated()).isEmpty();
    }

    @Test
    void rulesReadBackFromTheirKindAndValue() {
        List<TargetRule> rules = List.of(new TargetRule.All(), new TargetRule.OfType("live"),
                new TargetRule.HoldsPermission(Permission.parse("jobs:write")), new TargetRule.OnResource("datasets"),
                new TargetRule.CreatedBefore(NOW), new TargetRule.CreatedAfter(NOW), new TargetRule.CreatedBy("key_1"),
                new TargetRule.LastUsedFrom("203.0.113.7"), new TargetRule.UnusedFor(30), new TargetRule.NeverUsed(),
                new TargetRule.NameMatches("ci-*"), new TargetRule.ExpiringWithin(7));
        for (TargetRule r : rules) {
            assertThat(TargetRule.parse(r.kind(), r.value())).isEqualTo(r);
        }
        assertThat(TargetRule.instant("2026-10-14")).isEqualTo(Instant.parse("2026-10-14T00:00:00Z"));
        assertThat(new TargetRule.NameMatches("ci-?uild").test(inventory.get(1), NOW)).isTrue();
        assertThat(new TargetRule.NameMatches("ci.*").test(inventory.get(1), NOW)).isFalse();
        assertThat(new TargetRule.UnusedFor(30).test(inventory.get(3), NOW)).isTrue();
        assertThat(new TargetRule.ExpiringWithin(7).test(inventory.get(1), NOW)).isTrue();
    }

    @Test
    void aReasonIsOneShortLine() {
        assertThatThrownBy(() -> new IncidentPlan(IncidentAction.REVOKE, TargetSelection.ofIds(Set.of("a")),
                "two\nlines", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IncidentPlan(IncidentAction.REVOKE, TargetSelection.ofIds(Set.of("a")), "leak", "INC-1")
                .auditReason()).isEqualTo("INC-1: leak");
    }

    @Test
    void concurrencyGrowsWhileFastAndHalvesOncePerRoundOnCongestion() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(4, 16);
        for (int i = 0; i < 20; i++) {
            c.onStart();
            c.onAnswer(1_000_000, true);
        }
        assertThat(c.limit()).isEqualTo(16);
        long seq = c.onStart();
        long seq2 = c.onStart();
        assertThat(c.onCongestion(seq)).isEqualTo(8);
        assertThat(c.onCongestion(seq2)).as("same round: no second cut").isEqualTo(-1);
        assertThat(c.onCongestion(c.onStart())).isEqualTo(4);
        c.onAnswer(1_000_000, false);
        assertThat(c.limit()).as("no growth without budget").isEqualTo(4);
    }
}
