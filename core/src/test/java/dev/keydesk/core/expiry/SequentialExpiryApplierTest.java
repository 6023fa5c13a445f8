package dev.keydesk.core.expiry;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Today's apply path: one PATCH per key; refusals reported, connection failures stop the batch. */
class SequentialExpiryApplierTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final Map<String, RuntimeException> failures = new HashMap<>();
    private final List<String> patched = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    private Connection connection() {
        KeyApi api = (KeyApi) Proxy.newProxyInstance(KeyApi.class.getClassLoader(), new Class<?>[] {KeyApi.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("updateKey")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String id = (String) args[0];
                    KeyUpdateParams params = (KeyUpdateParams) args[1];
                    RuntimeException failure = failures.get(id);
                    if (failure != null) {
                        throw failure;
                    }
                    patched.add(id);
                    reasons.add(args.length > 3 && args[3] instanceof dev.keydesk.client.ChangeOptions o
                            ? o.auditReason().orElse(null) : null);
                    assertThat(params.expiresAtSet()).isTrue();
                    assertThat(params.name()).as("only the expiry is sent").isEmpty();
                    return new VersionedKey(Keys.expiring(id, params.expiresAt()), "\"2\"");
                });
        Profile profile = new Profile("p", "Test", "http://127.0.0.1:1", Environment.LOCAL,
                Profile.KeySource.SESSION_ONLY, null);
        // Capabilities given, not asked: this strict fake answers nothing but updateKey.
        return new Connection(profile, api, Optional.empty(), Catalog.builtIn(), KeyPolicy.defaults(),
                dev.keydesk.client.Capabilities.of(dev.keydesk.client.Dialect.KEYDESK, Map.of()));
    }

    private static List<ExpiryChange> plan(String... ids) {
        List<ApiKey> keys = new ArrayList<>();
        for (String id : ids) {
            keys.add(Keys.expiring(id, NOW.plus(Duration.ofDays(2))));
        }
        return ExtendPlan.byDays(keys, 30, KeyPolicy.defaults(), NOW);
    }

    private static final ExpiryApplier.Listener QUIET = new ExpiryApplier.Listener() {
        @Override
        public void sending(int index, int total, ExpiryChange change) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    @Test
    void patchesEachKeyAndReportsWhatTheServerHolds() {
        ExpiryApplier.Report report = new SequentialExpiryApplier().apply(connection(), plan("a", "b"), "Extended in a test", QUIET);
        assertThat(patched).containsExactly("a", "b");
        assertThat(report.outcomes()).allSatisfy(o -> {
            assertThat(o.result()).isEqualTo(ExpiryApplier.Result.UPDATED);
            assertThat(o.applied()).isEqualTo(NOW.plus(Duration.ofDays(32)));
        });
        assertThat(report.stoppedBy()).isNull();
        assertThat(reasons).as("each change carries the batch's audit reason")
                .containsExactly("Extended in a test", "Extended in a test");
    }

    @Test
    void aReasonIsOneLineOfAtMost200Characters() {
        assertThat(SequentialExpiryApplier.options("a\nb").auditReason()).contains("a b");
        String cut = SequentialExpiryApplier.options("x".repeat(300)).auditReason().orElseThrow();
        assertThat(cut).hasSize(200).endsWith("…");
        assertThat(SequentialExpiryApplier.options(" ").auditReason()).isEmpty();
    }

    @Test
    void aRefusedKeyIsReportedAndTheRestGoOn() {
        failures.put("b", new PermissionDeniedException("The key holds datasets:write, which you lack.", 403,
                PermissionDeniedException.ESCALATION, "req_1", null, "datasets:write", null));
        failures.put("c", new NotFoundException("gone", 404, "key_not_found", "req_2", null, null));
        ExpiryApplier.Report report = new SequentialExpiryApplier().apply(connection(), plan("a", "b", "c", "d"), null, QUIET);
        assertThat(report.outcomes()).extracting(ExpiryApplier.Outcome::result).containsExactly(
                ExpiryApplier.Result.UPDATED, ExpiryApplier.Result.REFUSED, ExpiryApplier.Result.GONE,
                ExpiryApplier.Result.UPDATED);
        assertThat(report.outcomes().get(1).message()).contains("holds permissions your admin key lacks")
                .contains("datasets:write");
        assertThat(report.count(ExpiryApplier.Result.UPDATED)).isEqualTo(2);
    }

    @Test
    void aLostConnectionStopsTheBatchAndSaysWhatWasNotSent() {
        failures.put("b", new TransportException("connection refused", false, null));
        ExpiryApplier.Report report = new SequentialExpiryApplier().apply(connection(), plan("a", "b", "c"), null, QUIET);
        assertThat(patched).containsExactly("a");
        assertThat(report.stoppedBy()).isInstanceOf(TransportException.class);
        assertThat(report.outcomes()).extracting(ExpiryApplier.Outcome::result).containsExactly(
                ExpiryApplier.Result.UPDATED, ExpiryApplier.Result.NOT_ATTEMPTED, ExpiryApplier.Result.NOT_ATTEMPTED);
    }

    @Test
    void cancellingStopsBeforeTheNextKey() {
        ExpiryApplier.Listener cancelAfterFirst = new ExpiryApplier.Listener() {
            private int sent;

            @Override
            public void sending(int index, int total, ExpiryChange change) {
                sent++;
            }

            @Override
            public boolean isCancelled() {
                return sent >= 1;
            }
        };
        ExpiryApplier.Report report = new SequentialExpiryApplier().apply(connection(), plan("a", "b", "c"), null,
                cancelAfterFirst);
        assertThat(patched).containsExactly("a");
        assertThat(report.cancelled()).isTrue();
        assertThat(report.count(ExpiryApplier.Result.NOT_ATTEMPTED)).isEqualTo(2);
    }

    @Test
    void changesThatAreNotSentAreLeftOut() {
        List<ExpiryChange> mixed = new ArrayList<>(plan("a"));
        mixed.addAll(ExtendPlan.byDays(List.of(Keys.expiring("never", null)), 30, KeyPolicy.defaults(), NOW));
        ExpiryApplier.Report report = new SequentialExpiryApplier().apply(connection(), mixed, null, QUIET);
        assertThat(patched).containsExactly("a");
        assertThat(report.outcomes()).hasSize(1);
    }
}
