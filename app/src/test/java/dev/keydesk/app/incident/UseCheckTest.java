package dev.keydesk.app.incident;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.Page;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** "Any use of the revoked keys since the run?" — one read of the audit log, the uses kept. */
class UseCheckTest {

    private static final Instant RUN = Instant.parse("2026-11-01T10:00:00Z");
    private final FakeKeys api = new FakeKeys();
    private final FixedSession session = new FixedSession(FakeKeys.connection(api, "admin:*"));

    private UseCheck check() {
        List<KeyOutcome> stopped = List.of(
                new KeyOutcome(FakeKeys.key("k1", "ci-deploy", null, null), Outcome.REVOKED, "", null, 1, RUN.plusSeconds(5)),
                new KeyOutcome(FakeKeys.key("k2", "ci-nightly", null, null), Outcome.REVOKED, "", null, 1, RUN.plusSeconds(6)));
        return new UseCheck(session, new CurrentThreadTaskRunner(), Clock.fixed(RUN.plusSeconds(600), ZoneOffset.UTC),
                ZoneId.of("UTC"), stopped, RUN);
    }

    private static AuditEvent event(String id, String type, String keyId, Instant at) {
        return new AuditEvent(id, at, type, null, keyId, "203.0.113.7", "{\"reason\":\"revoked\"}", "reason: revoked");
    }

    @Test
    void refusedUsesAfterTheKeyWasStoppedAreFoundAndTheRunsOwnChangesAreNot() {
        api.audit = Optional.of(new Page<>(List.of(
                event("e5", "auth.failed", "k1", RUN.plusSeconds(300)),
                event("e4", "auth.failed", "other", RUN.plusSeconds(200)),
                event("e3", "key.revoked", "k2", RUN.plusSeconds(6)),
                event("e2", "auth.failed", "k2", RUN.plusSeconds(3)), // before k2 was stopped: its last real use
                event("e1", "key.used_from_new_ip", "k2", RUN.plusSeconds(100))), false, null));
        UseCheck check = check();
        assertThat(check.textProperty().get()).startsWith("Not checked yet");
        check.check();
        assertThat(check.uses()).extracting(UseCheck.Use::keyId).containsExactly("k1", "k2");
        assertThat(check.textProperty().get()).startsWith("2 attempts to use 2 stopped keys since the run")
                .contains("still holds the old secret");
        assertThat(api.auditQueries.get(0).since()).isEqualTo(RUN);
    }

    @Test
    void nothingFoundSaysNoUseSeenSince() {
        UseCheck check = check();
        check.check();
        assertThat(check.uses()).isEmpty();
        assertThat(check.textProperty().get()).startsWith("No use seen since the run").contains("2 keys")
                .contains("checked at 10:10:00");
    }

    @Test
    void aServerWithoutAnAuditLogIsSaidSo() {
        api.audit = Optional.empty();
        UseCheck check = check();
        check.check();
        assertThat(check.textProperty().get()).contains("no audit log");
    }
}
