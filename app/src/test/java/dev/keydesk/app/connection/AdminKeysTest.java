package dev.keydesk.app.connection;

import dev.keydesk.client.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminKeysTest {

    private static Profile profile(Profile.KeySource source, String envVar) {
        return new Profile("p-1", "Prod", "https://keys.example.com", Environment.PRODUCTION, source, envVar);
    }

    @Test
    void environment_variable_is_read_by_name() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), Map.of("KD_KEY", " sk_live_abc \n")::get);
        assertThat(keys.resolve(profile(Profile.KeySource.ENVIRONMENT, "KD_KEY")).reveal()).isEqualTo("sk_live_abc");
    }

    @Test
    void a_missing_environment_variable_is_a_clear_error() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), Map.<String, String>of()::get);
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.ENVIRONMENT, "KD_KEY")))
                .isInstanceOf(AdminKeyException.class)
                .hasMessageContaining("The environment variable KD_KEY is not set")
                .hasMessageContaining("“Prod”");
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.ENVIRONMENT, " ")))
                .isInstanceOf(AdminKeyException.class).hasMessageContaining("names none");
    }

    @Test
    void keyring_stores_and_reads_by_profile_id() {
        FakeKeyring keyring = FakeKeyring.working();
        AdminKeys keys = new AdminKeys(keyring, name -> null);
        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k1"));
        assertThat(result.source()).isEqualTo(Profile.KeySource.KEYRING);
        assertThat(keyring.entries).containsEntry("p-1", "sk_live_k1");
        assertThat(keys.resolve(profile(Profile.KeySource.KEYRING, null)).reveal()).isEqualTo("sk_live_k1");
        assertThat(keys.hasSessionKey("p-1")).isFalse();

        keys.forget("p-1");
        assertThat(keyring.entries).isEmpty();
    }

    @Test
    void an_empty_keyring_asks_for_the_key() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), name -> null);
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.KEYRING, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageContaining("holds no admin key for “Prod”");
    }

    @Test
    void without_a_keyring_the_key_is_kept_for_the_session_and_the_person_is_told() {
        AdminKeys keys = new AdminKeys(FakeKeyring.unavailable(), name -> null);
        Secret typed = Secret.of("sk_live_k2");
        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), typed);

        assertThat(result.sessionOnly()).isTrue();
        assertThat(result.message()).isEqualTo("No OS keyring is available on this machine; the key is kept for "
                + "this session only and will be asked again next time.");
        typed.wipe(); // the caller's copy; the session keeps its own
        assertThat(keys.resolve(profile(Profile.KeySource.KEYRING, null)).reveal()).isEqualTo("sk_live_k2");
        assertThat(keys.resolve(profile(Profile.KeySource.SESSION_ONLY, null)).reveal()).isEqualTo("sk_live_k2");

        keys.close();
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.KEYRING, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageStartingWith(AdminKeys.NO_KEYRING_MESSAGE);
    }

    @Test
    void a_session_only_key_not_entered_yet_is_asked_for() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), name -> null);
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.SESSION_ONLY, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageContaining("Enter it in Connections");
    }

    @Test
    void every_resolve_returns_a_fresh_copy() {
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), name -> null);
        keys.store(profile(Profile.KeySource.SESSION_ONLY, null), Secret.of("sk_live_k3"));
        keys.resolve(profile(Profile.KeySource.SESSION_ONLY, null)).wipe();
        assertThat(keys.resolve(profile(Profile.KeySource.SESSION_ONLY, null)).reveal()).isEqualTo("sk_live_k3");
    }

    @Test
    void the_embedded_key_file_is_read_and_trimmed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bootstrap.key");
        Files.writeString(file, "sk_live_boot\n");
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), name -> null);
        assertThat(keys.readKeyFile(file).reveal()).isEqualTo("sk_live_boot");
    }

    @Test
    void the_real_os_keyring_fails_over_to_unavailable_on_this_machine() {
        // No D-Bus here: the real keyring must fail cleanly (not hang, not crash), as a KeyringUnavailableException.
        OsKeyring keyring = new OsKeyring();
        AdminKeys keys = new AdminKeys(keyring, name -> null);
        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k4"));
        if (result.source() == Profile.KeySource.KEYRING) {
            keys.forget("p-1"); // a desktop with a working keyring: tidy up
        } else {
            assertThat(result.message()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        }
    }
}
