package dev.keydesk.core.review;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.KeyUsage.PermissionUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import dev.keydesk.core.expiry.ExpiryRules;
import dev.keydesk.core.rotation.RotationMarker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The review's proposal rules, one rule per test, on the built-in catalog's presets. */
class ProposalRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(200));
    private static final Instant RECORDING_SINCE = NOW.minus(Duration.ofDays(120));
    private static final ReviewWindow THIRTY = ReviewWindow.DEFAULT;

    private final ProposalRules rules = new ProposalRules(Catalog.builtIn());

    // ---- unused grants ------------------------------------------------------------------------

    @Test
    void grantsUnusedInTheWindowAreRemovedWithTheirEvidence() {
        ApiKey key = key("datasets:read", "datasets:write", "jobs:read");
        KeyUsage usage = usage(key,
                used("datasets:read", daysAgo(2), 40L, 400, 1200L),
                never("datasets:write"),
                used("jobs:read", daysAgo(64), 0L, 0, 3L));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.NARROW);
        assertThat(p.proposed()).containsExactly(perm("datasets:read"));
        assertThat(p.keeps()).containsExactly(perm("datasets:read"));
        assertThat(p.removes()).containsExactly(perm("datasets:write"), perm("jobs:read"));
        assertThat(p.adds()).isEmpty();
        assertThat(p.riskDropped()).containsExactly(perm("datasets:write"));
        assertThat(p.riskText()).isEqualTo("Drops a write grant (datasets:write)");
        assertThat(p.evidenceFor(perm("datasets:write")).orElseThrow().describe())
                .isEqualTo("datasets:write — never used; 7 d 0 · 30 d 0 · 90 d 0");
        assertThat(p.evidenceFor(perm("jobs:read")).orElseThrow().describe())
                .isEqualTo("jobs:read — last used 64 days ago (before the 30-day window); 7 d 0 · 30 d 0 · 90 d 3");
        assertThat(p.evidenceFor(perm("datasets:read")).orElseThrow().lastUseText()).isEqualTo("last used 2 days ago");
        assertThat(p.summary()).isEqualTo("Remove 2 of 3 grants, unused in the last 30 days.");
        assertThat(p.changesPermissions()).isTrue();
    }

    @Test
    void aKeyThatUsedEveryGrantIsKeptAsItIs() {
        ApiKey key = key("datasets:read", "jobs:write");
        Proposal p = rules.propose(key, usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L),
                used("jobs:write", daysAgo(29), 0L, 5, 5L)), THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.KEEP);
        assertThat(p.removes()).isEmpty();
        assertThat(p.changesPermissions()).isFalse();
        assertThat(p.resultingPermissions()).containsExactly(perm("datasets:read"), perm("jobs:write"));
        assertThat(p.summary()).isEqualTo("Keep as is: it used every permission it holds in the last 30 days.");
    }

    // ---- widening to a preset ----------------------------------------------------------------

    @Test
    void usedPermissionsAreWidenedToThePresetTheKeyClearlyIs() {
        // 2 of analytics' 3 used, the key holds the third: it is an analytics key with a stray write.
        ApiKey key = key("datasets:read", "queries:read", "subscriptions:read", "datasets:write");
        KeyUsage usage = usage(key, used("datasets:read", daysAgo(1), 9L, 90, 200L),
                used("queries:read", daysAgo(3), 2L, 20, 50L), never("subscriptions:read"), never("datasets:write"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.widenedTo()).map(pr -> pr.id()).contains("analytics");
        assertThat(p.proposed()).containsExactly(perm("datasets:read"), perm("queries:read"), perm("subscriptions:read"));
        assertThat(p.removes()).containsExactly(perm("datasets:write"));
        assertThat(p.summary()).contains("keeps the preset Read-only analytics, which it clearly is");
    }

    @Test
    void oneThirdOfAPresetIsNotClearlyThatPreset() {
        ApiKey key = key("datasets:read", "queries:read", "subscriptions:read", "jobs:read");
        KeyUsage usage = usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L), never("queries:read"),
                never("subscriptions:read"), never("jobs:read"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.widenedTo()).isEmpty();
        assertThat(p.proposed()).containsExactly(perm("datasets:read"));
    }

    @Test
    void aKeyMadeFromAReadOnlyPresetKeepsItsUnusedReads() {
        ApiKey key = key("datasets:read", "queries:read", "subscriptions:read");
        KeyUsage usage = usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L), never("queries:read"),
                never("subscriptions:read"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.KEEP);
        assertThat(p.widenedTo()).map(pr -> pr.id()).contains("analytics");
        assertThat(p.closest().orElseThrow().describe()).isEqualTo("Matches the preset Read-only analytics");
    }

    @Test
    void anUnusedWriteIsNeverKeptJustBecauseTheKeyMatchedItsPreset() {
        ApiKey key = key("datasets:write", "data_streams:write");
        KeyUsage usage = usage(key, used("datasets:write", daysAgo(1), 1L, 1, 1L), never("data_streams:write"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.widenedTo()).isEmpty();
        assertThat(p.removes()).containsExactly(perm("data_streams:write"));
        assertThat(p.riskDropped()).containsExactly(perm("data_streams:write"));
    }

    @Test
    void wideningNeverGrantsWhatTheKeyDoesNotHold() {
        // 2 of analytics' 3 used, but the key never held subscriptions:read: nothing is added.
        ApiKey key = key("datasets:read", "queries:read", "jobs:write");
        KeyUsage usage = usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L),
                used("queries:read", daysAgo(1), 1L, 1, 1L), never("jobs:write"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.widenedTo()).isEmpty();
        assertThat(p.proposed()).containsExactly(perm("datasets:read"), perm("queries:read"));
        assertThat(p.adds()).isEmpty();
    }

    @Test
    void theClosestPresetIsNamedWithWhatItShares() {
        ApiKey key = key("connections:read", "connections:write", "destinations:read", "jobs:read");
        KeyUsage usage = usage(key, used("connections:read", daysAgo(1), 1L, 1, 1L), never("connections:write"),
                never("destinations:read"), never("jobs:read"));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.closest().orElseThrow().preset().id()).isEqualTo("connector_delivery");
        assertThat(p.closest().orElseThrow().describe())
                .isEqualTo("Closest preset: Connector delivery (3 of its 4, 1 other grant)");
    }

    // ---- admin keys --------------------------------------------------------------------------

    @Test
    void anAdminKeyIsNarrowedToTheConcretePermissionsItExercised() {
        ApiKey key = key("admin:*");
        KeyUsage usage = usage(key,
                used("admin:*", daysAgo(0), 30L, 300, 900L),
                used("datasets:read", daysAgo(0), 25L, 250, 700L),
                used("jobs:write", daysAgo(10), 0L, 50, 150L),
                used("queries:read", daysAgo(50), 0L, 0, 50L));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.NARROW);
        assertThat(p.proposed()).containsExactly(perm("datasets:read"), perm("jobs:write"));
        assertThat(p.removes()).containsExactly(Permission.ADMIN_ALL);
        assertThat(p.adds()).containsExactly(perm("datasets:read"), perm("jobs:write"));
        assertThat(p.riskDropped()).containsExactly(Permission.ADMIN_ALL);
        assertThat(p.riskText()).isEqualTo("Drops admin:* (every permission)");
        assertThat(p.summary()).isEqualTo("Replace admin:* with the 2 permissions it used in the last 30 days.");
        // Evidence is listed for what it exercised too, not only for what it holds by name.
        assertThat(p.evidenceFor(perm("queries:read")).orElseThrow().granted()).isFalse();
        assertThat(p.evidenceFor(Permission.ADMIN_ALL).orElseThrow().lastUseText())
                .startsWith("stands for every permission");
    }

    @Test
    void anAdminKeysExercisedSetIsWidenedToAPresetItClearlyIs() {
        ApiKey key = key("admin:*");
        KeyUsage usage = usage(key, used("admin:*", daysAgo(0), 3L, 3, 3L),
                used("workflows:read", daysAgo(0), 1L, 1, 1L), used("workflows:write", daysAgo(0), 1L, 1, 1L),
                used("jobs:read", daysAgo(0), 1L, 1, 1L));

        Proposal p = rules.propose(key, usage, THIRTY, NOW);

        assertThat(p.widenedTo()).map(pr -> pr.id()).contains("workflow_automation");
        assertThat(p.proposed()).containsExactly(perm("jobs:read"), perm("jobs:write"), perm("workflows:read"),
                perm("workflows:write"));
        assertThat(p.closest().orElseThrow().preset().id()).isEqualTo("workflow_automation");
    }

    // ---- no usage at all ---------------------------------------------------------------------

    @Test
    void aKeyNeverUsedIsProposedForRevokingNotRotating() {
        ApiKey key = key("datasets:read", "datasets:write");
        Proposal p = rules.propose(key, usage(key, never("datasets:read"), never("datasets:write")), THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.REVOKE);
        assertThat(p.proposed()).isEmpty();
        assertThat(p.removes()).isEmpty();
        assertThat(p.changesPermissions()).isFalse();
        assertThat(p.summary()).startsWith("Never used: revoke it rather than rotate it");
    }

    @Test
    void aKeyUnusedForTheWholeKeptHistoryIsProposedForRevoking() {
        ApiKey key = key("datasets:read");
        Proposal p = rules.propose(key, usage(key, used("datasets:read", daysAgo(95), 0L, 0, 0L)), THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.REVOKE);
        assertThat(p.summary()).startsWith("Not used in the 90 days the server keeps: revoke it");
    }

    @Test
    void aKeyUsedBeforeTheWindowGetsNoProposalButAWiderWindowToTry() {
        ApiKey key = key("datasets:read", "jobs:write");
        Proposal p = rules.propose(key, usage(key, used("datasets:read", daysAgo(45), 0L, 0, 12L), never("jobs:write")),
                THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.NO_USE_IN_WINDOW);
        assertThat(p.removes()).isEmpty();
        assertThat(p.summary()).isEqualTo("Not used in the last 30 days; it last used datasets:read 45 days ago. "
                + "Nothing proposed: widen the window to at least 46 days to see what it does.");

        Proposal wider = rules.propose(key, usage(key, used("datasets:read", daysAgo(45), 0L, 0, 12L),
                never("jobs:write")), new ReviewWindow(46), NOW);
        assertThat(wider.kind()).isEqualTo(Proposal.Kind.NARROW);
        assertThat(wider.removes()).containsExactly(perm("jobs:write"));
    }

    @Test
    void aKeyYoungerThanTheWindowIsNotJudged() {
        ApiKey key = key(NOW.minus(Duration.ofDays(10)), "datasets:read");
        Proposal p = rules.propose(key, usage(key, never("datasets:read")), THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.TOO_LITTLE_HISTORY);
        assertThat(p.summary()).contains("nothing proposed yet");
    }

    @Test
    void aServerThatStartedRecordingInsideTheWindowSaysSo() {
        ApiKey key = key("datasets:read", "jobs:read");
        KeyUsage shortRecord = new KeyUsage(key.id(), NOW.minus(Duration.ofDays(5)),
                List.of(used("datasets:read", daysAgo(1), 1L, 1, 1L), never("jobs:read")), List.of(), List.of());

        Proposal p = rules.propose(key, shortRecord, THIRTY, NOW);
        assertThat(p.notes()).anyMatch(n -> n.startsWith("The server has recorded usage only since 2026-11-26 (5 days)"));

        Proposal none = rules.propose(key, new KeyUsage(key.id(), NOW.minus(Duration.ofDays(5)),
                List.of(never("datasets:read"), never("jobs:read")), List.of(), List.of()), THIRTY, NOW);
        assertThat(none.kind()).as("never revoke on five days of record").isEqualTo(Proposal.Kind.TOO_LITTLE_HISTORY);
    }

    // ---- the window's edges ------------------------------------------------------------------

    @Test
    void usedExactlyTheWindowsDaysAgoCountsAsUsed() {
        ApiKey key = key("datasets:read", "jobs:read");
        Proposal p = rules.propose(key, usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L),
                used("jobs:read", NOW.minus(Duration.ofDays(30)), 0L, 1, 1L)), THIRTY, NOW);

        assertThat(p.kind()).isEqualTo(Proposal.Kind.KEEP);
        assertThat(p.evidenceFor(perm("jobs:read")).orElseThrow().usedInWindow()).isTrue();
        assertThat(p.notes()).isEmpty();
    }

    @Test
    void oneSecondBeforeTheWindowIsOutsideAndTheEdgeIsPointedOut() {
        ApiKey key = key("datasets:read", "jobs:read");
        Proposal p = rules.propose(key, usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L),
                used("jobs:read", NOW.minus(Duration.ofDays(30)).minusSeconds(1), 0L, 0, 1L)), THIRTY, NOW);

        assertThat(p.removes()).containsExactly(perm("jobs:read"));
        assertThat(p.evidenceFor(perm("jobs:read")).orElseThrow().lastUseText())
                .isEqualTo("last used 30 days ago (before the 30-day window)");
        assertThat(p.notes()).containsExactly("jobs:read was last used just over 30 days ago, at the window's edge: "
                + "widen the window by a day to keep it.");
    }

    @Test
    void theWindowIsAdjustableWithinWhatTheServerKeeps() {
        ApiKey key = key("datasets:read", "jobs:read");
        KeyUsage usage = usage(key, used("datasets:read", daysAgo(1), 1L, 1, 1L),
                used("jobs:read", daysAgo(8), 0L, 2, 2L));

        assertThat(rules.propose(key, usage, new ReviewWindow(7), NOW).removes()).containsExactly(perm("jobs:read"));
        assertThat(rules.propose(key, usage, new ReviewWindow(8), NOW).removes()).isEmpty();
        assertThat(ReviewWindow.clamped(365).days()).isEqualTo(90);
        assertThat(ReviewWindow.clamped(0).days()).isEqualTo(1);
    }

    // ---- the default set ---------------------------------------------------------------------

    @Test
    void theDefaultSetIsEveryKeyDueForRotationLessThoseBeingRotated() {
        ApiKey due = key("datasets:read");
        ApiKey young = key(NOW.minus(Duration.ofDays(30)), "datasets:read");
        ApiKey rotating = renamed(key("datasets:read"), RotationMarker.mark("Old"));
        ApiKey testKey = withType(key(NOW.minus(Duration.ofDays(120)), "datasets:read"), "test");

        assertThat(DueKeys.of(List.of(due, young, rotating, testKey), NOW, ExpiryRules.DEFAULTS))
                .containsExactly(due);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static int counter;

    private static ApiKey key(String... permissions) {
        return key(LONG_AGO, permissions);
    }

    private static ApiKey key(Instant created, String... permissions) {
        counter++;
        return new ApiKey("key_" + counter, "Key " + counter, "sk_live_k" + counter,
                Arrays.stream(permissions).map(Permission::parse).toList(), created, NOW.plus(Duration.ofDays(60)),
                null, Usage.NONE, null, "live", "active", null, null);
    }

    private static ApiKey renamed(ApiKey k, String name) {
        return new ApiKey(k.id(), name, k.prefix(), k.permissions(), k.createdAt(), k.expiresAt(), k.lastUsed(),
                k.usage(), k.description(), k.type(), k.status(), k.createdBy(), k.lastUsedIp());
    }

    private static ApiKey withType(ApiKey k, String type) {
        return new ApiKey(k.id(), k.name(), k.prefix(), k.permissions(), k.createdAt(), k.expiresAt(), k.lastUsed(),
                k.usage(), k.description(), type, k.status(), k.createdBy(), k.lastUsedIp());
    }

    private static KeyUsage usage(ApiKey key, PermissionUsage... rows) {
        return new KeyUsage(key.id(), RECORDING_SINCE, new ArrayList<>(List.of(rows)), List.of(), List.of());
    }

    private static PermissionUsage used(String p, Instant at, Long d7, long d30, Long d90) {
        return new PermissionUsage(perm(p), at, d7, d30, d90);
    }

    private static PermissionUsage never(String p) {
        return new PermissionUsage(perm(p), null, 0L, 0, 0L);
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static Permission perm(String p) {
        return Permission.parse(p);
    }
}
