package dev.keydesk.core.connection;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.PasswordAccessException;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static Profile narrative(String envVar) {
        return new Profile("p-n", "Narrative", "https://api.narrative.io", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, envVar, Dialect.NARRATIVE);
    }

    @Test
    void a_narrative_profile_naming_narratives_variable_takes_the_token_by_narratives_rule() {
        Map<String, String> env = new HashMap<>(Map.of("NARRATIVE_API_TOKEN", "dG9rZW4+/w=="));
        AdminKeys keys = new AdminKeys(FakeKeyring.working(), env::get);
        // NARRATIVE_API_KEY is what the profile suggests; NARRATIVE_API_TOKEN is accepted in its place.
        assertThat(keys.resolve(narrative("NARRATIVE_API_KEY")).reveal()).isEqualTo("dG9rZW4+/w==");
        assertThat(keys.isSet("NARRATIVE_API_TOKEN")).isTrue();
        assertThat(keys.isSet("NARRATIVE_API_KEY")).isFalse();

        env.put("NARRATIVE_API_KEY", "b3RoZXI=");
        assertThatThrownBy(() -> keys.resolve(narrative("NARRATIVE_API_TOKEN")))
                .isInstanceOf(AdminKeyException.class)
                .hasMessageContaining("both set, to different tokens")
                .hasMessageNotContaining("b3RoZXI=").hasMessageNotContaining("dG9rZW4");

        env.clear();
        assertThatThrownBy(() -> keys.resolve(narrative("NARRATIVE_API_KEY")))
                .isInstanceOf(AdminKeyException.class)
                .hasMessageContaining("Neither NARRATIVE_API_KEY nor NARRATIVE_API_TOKEN is set");
        // Any other variable is read as it is named, as for every profile.
        env.put("MY_NARRATIVE", "dG9r");
        assertThat(keys.resolve(narrative("MY_NARRATIVE")).reveal()).isEqualTo("dG9r");
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

    // ---- the OS keyring's fail-over, through OsKeyring with a keyring that fails as told ----

    /** A keyring in memory behind OsKeyring; each call can be made to fail. */
    private static final class ScriptedBackend implements OsKeyring.Backend {
        final Map<String, String> entries = new HashMap<>();
        Exception onGet;
        Exception onSet;

        @Override
        public String getPassword(String service, String account) throws PasswordAccessException {
            fail(onGet);
            return entries.get(service + "/" + account);
        }

        @Override
        public void setPassword(String service, String account, String password) throws PasswordAccessException {
            fail(onSet);
            entries.put(service + "/" + account, password);
        }

        @Override
        public void deletePassword(String service, String account) {
            entries.remove(service + "/" + account);
        }

        private static void fail(Exception e) throws PasswordAccessException {
            if (e instanceof PasswordAccessException p) {
                throw p;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
        }
    }

    @Test
    void a_working_os_keyring_holds_the_key_under_keydesk_and_the_profile_id() {
        ScriptedBackend backend = new ScriptedBackend();
        AdminKeys keys = new AdminKeys(new OsKeyring(() -> backend), name -> null);

        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k4"));

        assertThat(result.source()).isEqualTo(Profile.KeySource.KEYRING);
        assertThat(backend.entries).containsExactly(Map.entry("KeyDesk/p-1", "sk_live_k4"));
        assertThat(keys.resolve(profile(Profile.KeySource.KEYRING, null)).reveal()).isEqualTo("sk_live_k4");
        keys.forget("p-1");
        assertThat(backend.entries).isEmpty();
    }

    @Test
    void without_an_os_keyring_the_key_is_kept_for_the_session_and_the_keyring_is_probed_once() {
        AtomicInteger opened = new AtomicInteger();
        AdminKeys keys = new AdminKeys(new OsKeyring(() -> {
            opened.incrementAndGet();
            throw new BackendNotSupportedException("no D-Bus session");
        }), name -> null);

        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k5"));
        assertThat(result.source()).isEqualTo(Profile.KeySource.SESSION_ONLY);
        assertThat(result.message()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(keys.resolve(profile(Profile.KeySource.KEYRING, null)).reveal()).isEqualTo("sk_live_k5");

        keys.forget("p-1"); // nothing to delete in a keyring that does not exist: no error
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.KEYRING, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageStartingWith(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(opened).hasValue(1);
    }

    @Test
    void a_keyring_library_that_cannot_even_load_counts_as_no_keyring() {
        AdminKeys keys = new AdminKeys(new OsKeyring(() -> {
            throw new UnsatisfiedLinkError("no native library");
        }), name -> null);
        assertThat(keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k6")).sessionOnly()).isTrue();
    }

    @Test
    void a_keyring_that_refuses_to_store_keeps_the_key_for_the_session() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.onSet = new PasswordAccessException("the keyring is locked");
        AdminKeys keys = new AdminKeys(new OsKeyring(() -> backend), name -> null);

        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k7"));

        assertThat(result.source()).isEqualTo(Profile.KeySource.SESSION_ONLY);
        assertThat(result.message()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(backend.entries).isEmpty();
        assertThat(keys.hasSessionKey("p-1")).isTrue();
    }

    @Test
    void a_keyring_that_fails_while_reading_asks_for_the_key() {
        ScriptedBackend backend = new ScriptedBackend();
        AdminKeys keys = new AdminKeys(new OsKeyring(() -> backend), name -> null);

        backend.onGet = new PasswordAccessException("no such entry, or access refused");
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.KEYRING, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageContaining("holds no admin key for “Prod”");

        backend.onGet = new IllegalStateException("D-Bus went away");
        assertThatThrownBy(() -> keys.resolve(profile(Profile.KeySource.KEYRING, null)))
                .isInstanceOf(AdminKeyException.class).hasMessageStartingWith(AdminKeys.NO_KEYRING_MESSAGE);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisabledIfEnvironmentVariable(named = "DBUS_SESSION_BUS_ADDRESS", matches = ".*\\S.*")
    @DisabledIfEnvironmentVariable(named = "DISPLAY", matches = ".*\\S.*")
    void on_linux_without_a_session_bus_the_real_os_keyring_fails_over_to_this_session() {
        // With neither variable set, the library cannot find a D-Bus session, so no Secret Service:
        // the real keyring must fail cleanly (no hang, no crash) and the key stay in memory.
        AdminKeys keys = new AdminKeys(new OsKeyring(), name -> null);
        AdminKeys.StoreResult result = keys.store(profile(Profile.KeySource.KEYRING, null), Secret.of("sk_live_k8"));
        assertThat(result.source()).isEqualTo(Profile.KeySource.SESSION_ONLY);
        assertThat(result.message()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
    }
}
