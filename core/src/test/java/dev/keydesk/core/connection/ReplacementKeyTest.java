package dev.keydesk.core.connection;

import dev.keydesk.client.Secret;
import dev.keydesk.core.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Break-glass in the app keeps the replacement admin key where the profile allows and connects with
 * it: the keyring for a keyring profile; this session, instead of the variable or the local
 * server's key file, for the others (KeyDesk cannot change those); a reconnect then uses it too.
 */
class ReplacementKeyTest {

    @TempDir
    Path dir;

    private static Profile profile(Profile.KeySource source, String ref) {
        return new Profile("p-1", "Prod", "https://keys.example.com", Environment.PRODUCTION, source, ref);
    }

    @Test
    void aKeyringProfileKeepsTheReplacementInTheKeyring() {
        FakeKeyring keyring = FakeKeyring.working();
        AdminKeys keys = new AdminKeys(keyring, name -> null);
        AdminKeys.StoreResult kept = keys.keepReplacement(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_new"));
        assertThat(kept.source()).isEqualTo(Profile.KeySource.KEYRING);
        assertThat(keyring.entries).containsEntry("p-1", "sk_new");
    }

    @Test
    void aVariableProfileUsesTheReplacementForThisSessionInsteadOfTheVariable() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), Map.of("KD_KEY", "sk_old")::get);
        Profile p = profile(Profile.KeySource.ENVIRONMENT, "KD_KEY");
        assertThat(keys.resolve(p).reveal()).isEqualTo("sk_old");
        AdminKeys.StoreResult kept = keys.keepReplacement(p, Secret.of("sk_new"));
        assertThat(kept.sessionOnly()).isTrue();
        assertThat(kept.message()).contains("KD_KEY").contains("before you start KeyDesk again");
        assertThat(keys.resolve(p).reveal()).isEqualTo("sk_new");
        keys.close();
        assertThat(keys.resolve(p).reveal()).as("after quitting, the variable again").isEqualTo("sk_old");
    }

    @Test
    void theLocalServersProfileUsesTheReplacementForThisSessionAndSaysHowToRecoverLater() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), name -> null);
        AdminKeys.StoreResult kept = keys.keepReplacement(ProfileStore.EMBEDDED, Secret.of("sk_new"));
        assertThat(kept.sessionOnly()).isTrue();
        assertThat(kept.message()).contains("bootstrap.key").contains("reset the local admin key");
        assertThat(keys.sessionKey(ProfileStore.EMBEDDED.id()).orElseThrow().reveal()).isEqualTo("sk_new");
    }

    @Test
    void reopeningAConnectionWithAnotherKeyAsksTheServerWhoItIs() {
        try (TestBackend backend = TestBackend.start(dir.resolve("server"), 0)) {
            var created = backend.call(api -> api.createKey(new dev.keydesk.client.model.KeyCreateParams("second admin",
                    null, "live", java.util.List.of(dev.keydesk.client.model.Permission.ADMIN_ALL),
                    java.time.Instant.now().plus(java.time.Duration.ofDays(7)))));
            Connector connector = new Connector(new AdminKeys(FakeKeyring.working(), n -> null),
                    new EmbeddedServer(dir.resolve("unused")), ApiFactory.http());
            try (OpenConnection reopened = connector.reopenWith(backend.connection(), created.secret().orElseThrow())) {
                assertThat(reopened.connection().connectedKeyId()).contains(created.key().id());
                assertThat(reopened.connection().profile()).isEqualTo(backend.connection().profile());
            }
        }
    }
}
