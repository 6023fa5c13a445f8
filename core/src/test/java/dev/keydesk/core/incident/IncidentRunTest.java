package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.testing.FaultProxy;
import dev.keydesk.core.testing.MutableClock;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.server.Plan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against the real server: cancel and retry, the free plan's per-minute limit, freeze and thaw, break-glass. */
class IncidentRunTest {

    @TempDir
    Path dir;

    private TestBackend backend;
    private FaultProxy proxy;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final MutableClock clock = MutableClock.atMinute(20);

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        backend.close();
    }

    private KeyApi client(Secret secret) {
        KeyApi api = backend.client(secret, proxy == null ? backend.server().baseUri() : proxy.baseUri());
        toClose.add(api);
        return api;
    }

    private RunOptions.Builder options() {
        return RunOptions.builder().clock(clock).sleeper(clock.sleeper()).reportsRoot(dir.resolve("incidents"));
    }

    private static IncidentPlan revokeAll(String ref) {
        return new IncidentPlan(IncidentAction.REVOKE, TargetSelection.ofRules(List.of(new TargetRule.All())),
                "test", ref);
    }

    private Map<String, Boolean> goneById(List<KeyOutcome> outcomes) {
        return backend.call(api -> outcomes.stream().collect(Collectors.toMap(KeyOutcome::keyId, o -> {
            try {
                api.getKey(o.keyId());
                return false;
            } catch (NotFoundException e) {
                return true;
            }
        })));
    }

    @Test
    void cancelHalfwayLeavesEveryKeyKnownAndTheRestRunsToCompletion() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 300, o -> o.plan(Plan.UNLIMITED)).withListedKeys(300);
        proxy = FaultProxy.start(backend.server().baseUri());
        proxy.latency(Duration.ofMillis(20)).faultsOn(FaultProxy.method("DELETE")).dropFraction(0.05).failFraction(0.05);
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        Preview preview = engine.preview(revokeAll("INC-CANCEL"));
        AtomicReference<IncidentRun> running = new AtomicReference<>();
        RecordingListener listener = new RecordingListener(n -> {
            if (n == 120) {
                running.get().cancel();
            }
        });
        // A small cap keeps the cancel well before the end.
        IncidentRun run = engine.start(preview, options().maxConcurrency(4).build(), listener);
        running.set(run);
        IncidentResult first = run.await();

        assertThat(first.cancelled()).isTrue();
        assertThat(listener.cancelling.get()).isEqualTo(1);
        assertThat(first.outcomes()).hasSize(300).allMatch(o -> o.outcome() != null);
        assertThat(first.count(Outcome.NOT_ATTEMPTED)).isGreaterThan(100);
        assertThat(first.allAsAsked()).isFalse();
        // Known means true: every reported outcome agrees with the server.
        Map<String, Boolean> gone = goneById(first.outcomes());
        for (KeyOutcome o : first.outcomes()) {
            boolean reportedGone = o.outcome() == Outcome.REVOKED || o.outcome() == Outcome.ALREADY_GONE;
            if (o.outcome() != Outcome.FAILED) {
                assertThat(gone.get(o.keyId())).as(o.keyId() + " " + o.outcome()).isEqualTo(reportedGone);
            }
        }
        assertThat(IncidentReport.read(first.reportFolder()).keys()).hasSize(300);

        IncidentPlan retry = first.retryPlan().orElseThrow();
        assertThat(retry.targets().ids()).hasSize(first.notAsAsked().size());
        proxy.clear();
        IncidentResult second = engine.start(engine.preview(retry), options().build(), new RecordingListener()).await();
        assertThat(second.allAsAsked()).isTrue();
        assertThat(second.outcomes()).hasSize(first.notAsAsked().size());
        assertThat(inventory()).hasSize(1);
    }

    @Test
    void freePlanTwoHundredFiftyKeysAllRevokedAndNoneFailedForA429() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 250, o -> o.plan(Plan.FREE).clock(clock)).withListedKeys(250);
        // The top-up spent some of this minute's budget: start the run in a fresh window.
        clock.advance(Duration.ofMinutes(1));
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        Preview preview = engine.preview(revokeAll("INC-FREE"), inventory(), clock);
        assertThat(preview.count()).isEqualTo(250);
        RecordingListener listener = new RecordingListener();
        IncidentResult result = engine.start(preview, options().build(), listener).await();

        assertThat(result.count(Outcome.REVOKED)).isEqualTo(250);
        assertThat(result.count(Outcome.FAILED)).isZero();
        assertThat(listener.paused).as("the per-minute limit paused the run").isNotEmpty();
        assertThat(listener.paused).allMatch(p -> p.until().isAfter(clock.instant().minus(Duration.ofMinutes(10))));
        assertThat(listener.resumed).isNotEmpty().hasSizeLessThanOrEqualTo(listener.paused.size());
        clock.advance(Duration.ofMinutes(1));
        assertThat(inventory()).hasSize(1);
    }

    @Test
    void freezeThenThawFromTheFreezeReportBringsBackExactlyThoseKeys() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 60, o -> o.plan(Plan.UNLIMITED));
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        List<ApiKey> before = inventory();
        Set<String> disabledBefore = ids(before, KeyStatus.DISABLED);

        IncidentPlan freeze = new IncidentPlan(IncidentAction.FREEZE,
                TargetSelection.ofRules(List.of(new TargetRule.OfType("live"))), "suspicious traffic", "INC-FRZ");
        Preview preview = engine.preview(freeze);
        assertThat(preview.skipped()).extracting(Preview.SkippedKey::reason).contains("already frozen");
        IncidentResult frozen = engine.start(preview, options().build(), new RecordingListener()).await();
        assertThat(frozen.allAsAsked()).isTrue();
        Set<String> frozenIds = frozen.outcomes().stream().filter(o -> o.outcome() == Outcome.FROZEN)
                .map(KeyOutcome::keyId).collect(Collectors.toSet());
        assertThat(frozenIds).isNotEmpty().doesNotContainAnyElementsOf(disabledBefore);
        assertThat(ids(inventory(), KeyStatus.DISABLED)).containsAll(frozenIds);

        IncidentReport report = IncidentReport.read(frozen.reportFolder());
        IncidentPlan thaw = report.thawPlan();
        assertThat(thaw.targets().ids()).containsExactlyInAnyOrderElementsOf(frozenIds);
        IncidentResult thawed = engine.start(engine.preview(thaw), options().build(), new RecordingListener()).await();
        assertThat(thawed.count(Outcome.THAWED)).isEqualTo(frozenIds.size());

        List<ApiKey> after = inventory();
        assertThat(ids(after, KeyStatus.DISABLED)).isEqualTo(disabledBefore);
        assertThat(after).extracting(ApiKey::id, ApiKey::status)
                .containsExactlyInAnyOrderElementsOf(before.stream()
                        .map(k -> org.assertj.core.groups.Tuple.tuple(k.id(), k.status())).toList());
        assertThatThrownBy(() -> IncidentReport.read(thawed.reportFolder()).thawPlan())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of a freeze");
    }

    @Test
    void breakGlassRevokesEverythingAndStaysConnectedWithTheReplacement() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 20, o -> o.plan(Plan.UNLIMITED));
        String oldId = backend.connection().connectedKeyId().orElseThrow();
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        IncidentPlan plan = new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.All())).includingConnectedKey(true), "admin key leaked",
                "INC-BG");
        Preview preview = engine.preview(plan);
        assertThat(preview.breakGlass()).isTrue();
        assertThat(preview.targets().get(preview.count() - 1).id()).isEqualTo(oldId);
        assertThatThrownBy(() -> engine.start(preview, options().build(), null))
                .isInstanceOf(IllegalArgumentException.class);

        AtomicReference<Secret> handed = new AtomicReference<>();
        AtomicReference<KeyApi> switched = new AtomicReference<>();
        BreakGlass bg = new BreakGlass((replacement, secret) -> handed.set(Secret.ofChars(secret.copyChars())),
                (replacement, secret) -> {
                    KeyApi next = client(Secret.ofChars(secret.copyChars()));
                    switched.set(next);
                    return next;
                });
        RecordingListener listener = new RecordingListener();
        IncidentResult result = engine.start(preview, options().breakGlass(bg).build(), listener).await();

        assertThat(result.allAsAsked()).isTrue();
        assertThat(result.count(Outcome.REVOKED)).isEqualTo(21);
        assertThat(result.outcomes().get(20).keyId()).isEqualTo(oldId);
        assertThat(result.breakGlass().succeeded()).isTrue();
        assertThat(listener.steps).hasSize(8);
        WhoAmI me = switched.get().whoami().orElseThrow();
        assertThat(me.key().id()).isEqualTo(result.breakGlass().replacementId());
        assertThat(me.key().name()).startsWith("Replaces ").endsWith("(INC-BG)");
        assertThat(me.key().expiresAt()).isBefore(clock.instant().plus(Duration.ofDays(8)));
        try (KeyApi old = backend.client(backend.adminSecret())) {
            assertThatThrownBy(old::whoami).isInstanceOf(UnauthorizedException.class);
        }
        IncidentReport report = IncidentReport.read(result.reportFolder());
        assertThat(report.breakGlass().completed()).hasSize(4);
        IncidentFaultsTest.assertNoSecretIn(result.reportFolder(), handed.get().reveal());
    }

    @Test
    void aFailedHandoverLeavesTheOldKeyAliveAndSaysWhereThingsStand() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 5, o -> o.plan(Plan.UNLIMITED));
        String oldId = backend.connection().connectedKeyId().orElseThrow();
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.All())).includingConnectedKey(true), "x", "INC-BG2"));
        BreakGlass failing = new BreakGlass((replacement, secret) -> {
            throw new java.io.IOException("the terminal went away");
        }, (replacement, secret) -> {
            throw new AssertionError("never reached");
        });
        IncidentResult result = engine.start(preview, options().breakGlass(failing).build(), null).await();

        assertThat(result.allAsAsked()).isFalse();
        assertThat(result.breakGlass().failed()).contains(BreakGlass.Step.HAND_OVER_SECRET);
        assertThat(result.breakGlass().completed()).containsExactly(BreakGlass.Step.CREATE_REPLACEMENT);
        assertThat(result.breakGlass().message()).contains("revoked again").contains("left alive");
        KeyOutcome oldOutcome = result.outcomes().get(result.outcomes().size() - 1);
        assertThat(oldOutcome.keyId()).isEqualTo(oldId);
        assertThat(oldOutcome.outcome()).isEqualTo(Outcome.NOT_ATTEMPTED);
        assertThat(result.count(Outcome.REVOKED)).isEqualTo(5);
        // Still connected with the old key; the replacement is gone again.
        try (KeyApi old = backend.client(backend.adminSecret())) {
            assertThat(old.whoami().orElseThrow().key().id()).isEqualTo(oldId);
            assertThat(old.listAllKeys(n -> { })).extracting(ApiKey::id).containsExactly(oldId);
        }
        assertThat(IncidentReport.read(result.reportFolder()).breakGlass().failedStep()).isEqualTo("hand_over_secret");
    }

    @Test
    void aFailedSwitchLeavesBothKeysAlive() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 3, o -> o.plan(Plan.UNLIMITED));
        String oldId = backend.connection().connectedKeyId().orElseThrow();
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(client(backend.adminSecret())));
        Preview preview = engine.preview(new IncidentPlan(IncidentAction.FREEZE,
                TargetSelection.ofIds(Set.of(oldId)).includingConnectedKey(true), "x", "INC-BG3"));
        BreakGlass failing = new BreakGlass((replacement, secret) -> { },
                (replacement, secret) -> {
                    throw new IllegalStateException("keyring locked");
                });
        IncidentResult result = engine.start(preview, options().breakGlass(failing).build(), null).await();
        assertThat(result.breakGlass().failed()).contains(BreakGlass.Step.SWITCH_CONNECTION);
        assertThat(result.breakGlass().message()).contains("Connect with the replacement");
        try (KeyApi old = backend.client(backend.adminSecret())) {
            assertThat(old.getKey(oldId).key().status()).isEqualTo(KeyStatus.ACTIVE);
            assertThat(old.getKey(result.breakGlass().replacementId()).key().status()).isEqualTo(KeyStatus.ACTIVE);
        }
    }

    @Test
    void aReplacementWithoutASecretThatCannotBeRevokedIsNotReportedRevoked() throws Exception {
        backend = TestBackend.start(dir.resolve("server"), 2, o -> o.plan(Plan.UNLIMITED));
        String oldId = backend.connection().connectedKeyId().orElseThrow();
        AtomicReference<String> createdId = new AtomicReference<>();
        KeyApi secretless = secretlessAndUnrevokable(client(backend.adminSecret()), createdId);
        IncidentEngine engine = IncidentEngine.of(backend.connectionWith(secretless));
        Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
                TargetSelection.ofRules(List.of(new TargetRule.All())).includingConnectedKey(true), "x", "INC-BG4"));
        BreakGlass never = new BreakGlass((replacement, secret) -> {
            throw new AssertionError("never reached");
        }, (replacement, secret) -> {
            throw new AssertionError("never reached");
        });
        IncidentResult result = engine.start(preview, options().breakGlass(never).build(), null).await();

        assertThat(result.breakGlass().failed()).contains(BreakGlass.Step.CREATE_REPLACEMENT);
        assertThat(result.breakGlass().replacementId()).isEqualTo(createdId.get());
        try (KeyApi old = backend.client(backend.adminSecret())) {
            assertThat(old.getKey(createdId.get()).key().status()).isEqualTo(KeyStatus.ACTIVE);
            assertThat(old.whoami().orElseThrow().key().id()).isEqualTo(oldId);
        }
        // The replacement is still there: the result must not say it was revoked.
        assertThat(result.breakGlass().message()).doesNotContain("revoked again").contains("revoke it")
                .contains("left alive");
    }

    /** {@code api}, except that a created key comes without its secret and revoking it fails. */
    private static KeyApi secretlessAndUnrevokable(KeyApi api, AtomicReference<String> createdId) {
        return (KeyApi) Proxy.newProxyInstance(KeyApi.class.getClassLoader(), new Class<?>[] {KeyApi.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("revokeKey") && args[0].equals(createdId.get())) {
                        throw new IllegalStateException("revoke refused");
                    }
                    Object answer;
                    try {
                        answer = method.invoke(api, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (answer instanceof CreatedKey created) {
                        createdId.set(created.key().id());
                        return new CreatedKey(created.key(), Optional.empty(), created.replayed());
                    }
                    if (method.getName().equals("withRetryPolicy")) {
                        return secretlessAndUnrevokable((KeyApi) answer, createdId);
                    }
                    return answer;
                });
    }

    private List<ApiKey> inventory() {
        try (KeyApi api = backend.client(backend.adminSecret())) {
            return api.listAllKeys(null, n -> { });
        }
    }

    private static Set<String> ids(List<ApiKey> keys, String status) {
        return keys.stream().filter(k -> status.equals(k.status())).map(ApiKey::id).collect(Collectors.toSet());
    }

    static <T> Consumer<T> noop() {
        return t -> { };
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
