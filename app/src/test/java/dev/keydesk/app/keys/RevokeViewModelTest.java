package dev.keydesk.app.keys;

import dev.keydesk.app.testing.FakeKeys;

import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.error.ServerException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One key's revoke and its confirmation. Several keys go through the Incident workspace (see
 * {@code IncidentViewModelTest}); the typed count is {@code TypedConfirmationTest}'s.
 */
class RevokeViewModelTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private final FakeKeys api = new FakeKeys();
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private final FixedSession session = new FixedSession(FakeKeys.connection(api, "admin:*"));
    private final RevokeViewModel vm = new RevokeViewModel(session, new CurrentThreadTaskRunner(), dialogs,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final AtomicInteger reloads = new AtomicInteger();

    private KeyRow row(String id, Instant lastUsed) {
        var key = FakeKeys.key(id, "Key " + id, null, lastUsed, "datasets:read");
        api.add(key);
        return KeyRow.of(key, NOW);
    }

    @Test
    void aRefusedAdminKeyIsReportedToTheStatusBarAsWellAsShown() {
        KeyRow row = row("key_1", null);
        api.failRevoke.put("key_1", new dev.keydesk.client.error.UnauthorizedException(
                "The key was refused.", 401, "unauthorized", "req_1", null, null));
        List<Throwable> reported = new ArrayList<>();
        RevokeViewModel reporting = new RevokeViewModel(session, new CurrentThreadTaskRunner(), dialogs,
                Clock.fixed(NOW, ZoneOffset.UTC), reported::add);
        dialogs.confirmAnswer = true;

        reporting.revoke(row, reloads::incrementAndGet);

        assertThat(reported).singleElement().isInstanceOf(dev.keydesk.client.error.UnauthorizedException.class);
        assertThat(dialogs.errors).hasSize(1);
    }

    @Test
    void cancellingTheConfirmationRevokesNothing() {
        KeyRow row = row("key_1", null);
        dialogs.confirmAnswer = false;
        vm.revoke(row, reloads::incrementAndGet);
        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(api.revoked).isEmpty();
        assertThat(reloads).hasValue(0);
    }

    @Test
    void confirmingRevokesAndReloads() {
        KeyRow row = row("key_1", null);
        dialogs.confirmAnswer = true;
        vm.revoke(row, reloads::incrementAndGet);
        assertThat(api.revoked).containsExactly("key_1");
        assertThat(reloads).hasValue(1);
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void theConfirmationNamesTheKeyAndSaysItCannotBeUndone() {
        KeyRow row = row("key_1", NOW.minus(Duration.ofMinutes(3)));
        dialogs.confirmAnswer = false;
        vm.revoke(row, reloads::incrementAndGet);
        String asked = dialogs.confirmations.get(0);
        assertThat(asked).contains("Key key_1").contains("sk_live_key_1").contains("cannot be undone")
                .contains("Prod EU (Production)")
                .contains("This key was used 3 minutes ago — services using it will start failing.");
    }

    @Test
    void aQuietKeyGetsNoActiveUseWarning() {
        KeyRow row = row("key_1", NOW.minus(Duration.ofDays(3)));
        assertThat(vm.activeUseWarning(row, NOW)).isEmpty();
        KeyRow never = row("key_2", null);
        assertThat(vm.activeUseWarning(never, NOW)).isEmpty();
    }

    @Test
    void aKeyAlreadyGoneCountsAsRevokedWithoutAnError() {
        KeyRow row = row("key_1", null);
        api.keys.clear();
        dialogs.confirmAnswer = true;
        vm.revoke(row, reloads::incrementAndGet);
        assertThat(dialogs.errors).isEmpty();
        assertThat(reloads).hasValue(1);
    }

    @Test
    void otherFailuresAreShown() {
        KeyRow row = row("key_1", null);
        api.failRevoke.put("key_1", new ServerException("down", 503, "internal_error", "req_5", null, null));
        dialogs.confirmAnswer = true;
        vm.revoke(row, reloads::incrementAndGet);
        assertThat(dialogs.errors).hasSize(1);
        assertThat(reloads).hasValue(0);
    }

    @Test
    void revokingTheConnectedAdminKeySaysKeyDeskWillLoseItsConnection() {
        KeyRow own = row("key_admin", null);
        KeyRow other = row("key_1", null);
        dialogs.confirmAnswer = false;

        vm.revoke(own, reloads::incrementAndGet);
        vm.revoke(other, reloads::incrementAndGet);

        assertThat(dialogs.confirmations.get(0)).contains("This is the admin key KeyDesk is connected with");
        assertThat(dialogs.confirmations.get(1)).doesNotContain("connected with");
    }
}
