package dev.keydesk.core.connection;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("profiles.json");
    }

    private static Profile prod(Profile.KeySource source) {
        return new Profile("p-1", "Production EU", "https://keys.example.com", Environment.PRODUCTION, source,
                source == Profile.KeySource.ENVIRONMENT ? "KD_PROD_KEY" : null);
    }

    @Test
    void the_embedded_profile_always_exists() {
        ProfileStore store = new ProfileStore(file());
        assertThat(store.profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThat(ProfileStore.EMBEDDED.environment()).isEqualTo(Environment.LOCAL);
        assertThat(ProfileStore.EMBEDDED.keySource()).isEqualTo(Profile.KeySource.EMBEDDED);
        assertThatThrownBy(() -> store.delete(ProfileStore.EMBEDDED_ID)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profiles_and_the_last_used_survive_a_restart() {
        ProfileStore store = new ProfileStore(file());
        store.save(prod(Profile.KeySource.ENVIRONMENT));
        store.setLastUsed("p-1");

        ProfileStore again = new ProfileStore(file());
        assertThat(again.profiles()).containsExactly(ProfileStore.EMBEDDED, prod(Profile.KeySource.ENVIRONMENT));
        assertThat(again.lastUsed()).contains(prod(Profile.KeySource.ENVIRONMENT));
        assertThat(again.loadWarning()).isEmpty();
    }

    @Test
    void a_failed_write_changes_nothing_in_memory_either() throws IOException {
        // A file where the folder should be: every write fails, as on a read-only disk (even for root).
        Files.writeString(dir.resolve("blocked"), "");
        ProfileStore store = new ProfileStore(dir.resolve("blocked").resolve("profiles.json"));

        assertThatThrownBy(() -> store.save(prod(Profile.KeySource.ENVIRONMENT))).isInstanceOf(UncheckedIOException.class);
        assertThat(store.profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThatThrownBy(() -> store.setLastUsed(ProfileStore.EMBEDDED_ID)).isInstanceOf(UncheckedIOException.class);
        assertThat(store.lastUsed()).isEmpty();
    }

    @Test
    void a_failed_delete_keeps_the_profile() throws IOException {
        ProfileStore store = new ProfileStore(file());
        store.save(prod(Profile.KeySource.ENVIRONMENT));
        // A non-empty folder where the file was: moving the new file over it fails.
        Files.delete(file());
        Files.createDirectories(file().resolve("not-empty"));

        assertThatThrownBy(() -> store.delete("p-1")).isInstanceOf(UncheckedIOException.class);
        assertThat(store.profiles()).contains(prod(Profile.KeySource.ENVIRONMENT));
    }

    @Test
    void saving_replaces_by_id_and_delete_removes() {
        ProfileStore store = new ProfileStore(file());
        store.save(prod(Profile.KeySource.ENVIRONMENT));
        store.save(prod(Profile.KeySource.KEYRING));
        assertThat(store.profiles()).hasSize(2).contains(prod(Profile.KeySource.KEYRING));
        store.setLastUsed("p-1");
        store.delete("p-1");
        assertThat(new ProfileStore(file()).profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThat(new ProfileStore(file()).lastUsed()).isEmpty();
    }

    @Test
    void the_file_never_contains_a_secret() throws IOException {
        String secret = "sk_live_s3cr3tV4lue0123456789";
        AdminKeys keys = new AdminKeys(FakeKeyring.unavailable(), Map.of("KD_PROD_KEY", secret)::get);
        ProfileStore store = new ProfileStore(file());
        Profile session = new Profile("p-2", "Staging", "https://staging.example.com", Environment.STAGING,
                Profile.KeySource.SESSION_ONLY, null);
        keys.store(session, Secret.of(secret));
        store.save(session);
        store.save(prod(Profile.KeySource.ENVIRONMENT));
        assertThat(keys.resolve(prod(Profile.KeySource.ENVIRONMENT)).reveal()).isEqualTo(secret);
        store.setLastUsed("p-2");

        String text = Files.readString(file());
        assertThat(text).contains("Production EU", "KD_PROD_KEY", "Staging").doesNotContain(secret).doesNotContain("sk_live");
    }

    @Test
    void writes_are_atomic_and_leave_no_temporary_files() throws IOException {
        ProfileStore store = new ProfileStore(file());
        for (int i = 0; i < 5; i++) {
            store.save(new Profile("p-" + i, "S" + i, "https://s" + i + ".example.com", Environment.SANDBOX,
                    Profile.KeySource.KEYRING, null));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("profiles.json");
        }
    }

    @Test
    void a_corrupt_file_is_kept_as_a_backup_and_reported() throws IOException {
        Files.writeString(file(), "{\"version\":1,\"profiles\":[{\"id\":\"p-1\",\"name\":\"Prod\"");
        ProfileStore store = new ProfileStore(file());

        assertThat(store.profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThat(store.loadWarning()).get().asString().contains("could not be read").contains(".corrupt-");
        List<Path> backups;
        try (Stream<Path> files = Files.list(dir)) {
            backups = files.filter(p -> p.getFileName().toString().startsWith("profiles.json.corrupt-")).toList();
        }
        assertThat(backups).hasSize(1);
        assertThat(Files.readString(backups.get(0))).contains("\"Prod\"");

        // A later save does not touch the backup.
        store.save(prod(Profile.KeySource.ENVIRONMENT));
        assertThat(Files.readString(backups.get(0))).contains("\"Prod\"");
    }

    @Test
    void unreadable_entries_are_left_out_with_a_warning_and_the_rest_kept() throws IOException {
        Files.writeString(file(), """
                {"version":1,"lastUsed":"p-1","profiles":[
                  {"id":"p-1","name":"Prod","baseUrl":"https://a.example.com","environment":"PRODUCTION","keySource":"KEYRING"},
                  {"id":"p-2","name":"Odd","baseUrl":"https://b.example.com","environment":"MARS","keySource":"KEYRING"}
                ],"unknownField":true}
                """);
        ProfileStore store = new ProfileStore(file());
        assertThat(store.profiles()).extracting(Profile::name).containsExactly("Local server (embedded)", "Prod");
        assertThat(store.lastUsed()).map(Profile::id).contains("p-1");
        assertThat(store.loadWarning()).get().asString().contains("1 saved connection profile");
    }

    @Test
    void a_profile_names_its_dialect_and_files_written_before_dialects_read_as_keydesk() throws IOException {
        ProfileStore store = new ProfileStore(file());
        Profile narrative = new Profile("p-n", "Narrative prod", "https://api.narrative.io", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "NARRATIVE_API_KEY", Dialect.NARRATIVE);
        store.save(narrative);
        assertThat(Files.readString(file())).contains("\"dialect\" : \"NARRATIVE\"");
        assertThat(new ProfileStore(file()).find("p-n")).contains(narrative);

        Files.writeString(file(), """
                {"version":1,"profiles":[
                  {"id":"p-1","name":"Prod","baseUrl":"https://a.example.com","environment":"PRODUCTION","keySource":"KEYRING"},
                  {"id":"p-2","name":"Future","baseUrl":"https://b.example.com","environment":"PRODUCTION","keySource":"KEYRING",
                   "dialect":"SOMETHING_NEWER"}
                ]}
                """);
        ProfileStore old = new ProfileStore(file());
        assertThat(old.find("p-1")).map(Profile::dialect).contains(Dialect.KEYDESK);
        // A dialect this KeyDesk does not know is not guessed: the profile is left out, and said so.
        assertThat(old.find("p-2")).isEmpty();
        assertThat(old.loadWarning()).get().asString().contains("1 saved connection profile");
    }
}
