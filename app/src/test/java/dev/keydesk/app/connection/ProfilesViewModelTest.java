package dev.keydesk.app.connection;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilesViewModelTest {

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    private final Map<String, FakeKeyApi> apis = new HashMap<>();
    private final Map<String, String> secretsByUrl = new HashMap<>();
    private final Map<String, dev.keydesk.client.Dialect> dialectsByUrl = new HashMap<>();
    private final Map<String, dev.keydesk.client.DialectProbe> detected = new HashMap<>();
    private final java.util.List<String> detectedWith = new java.util.ArrayList<>();
    private final Map<String, String> env = new HashMap<>(Map.of("KD_KEY", "sk_live_env"));
    private FakeKeyring keyring = FakeKeyring.unavailable();
    private ConnectionManager manager;
    private ProfileStore store;

    @BeforeEach
    void setUp() {
        build();
    }

    private void build() {
        build(dir.resolve("profiles.json"));
    }

    private void build(Path profilesFile) {
        store = new ProfileStore(profilesFile);
        manager = new ConnectionManager(new CurrentThreadTaskRunner(), dialogs, store,
                new AdminKeys(keyring, env::get),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> {
                    throw new IllegalStateException("not in this test");
                }),
                new dev.keydesk.core.connection.ApiFactory() {
                    @Override
                    public dev.keydesk.client.KeyApi create(dev.keydesk.client.Dialect dialect, URI url,
                                                            dev.keydesk.client.Secret secret) {
                        secretsByUrl.put(url.toString(), secret.reveal());
                        dialectsByUrl.put(url.toString(), dialect);
                        return apis.getOrDefault(url.toString(), new FakeKeyApi("Admin", "admin:*"));
                    }

                    @Override
                    public dev.keydesk.client.DialectProbe detect(URI url, dev.keydesk.client.Secret secret) {
                        detectedWith.add(secret.reveal());
                        return detected.getOrDefault(url.toString(), dev.keydesk.client.DialectProbe.found(
                                dev.keydesk.client.Dialect.KEYDESK, true, "A KeyDesk key server."));
                    }
                });
    }

    private ProfilesViewModel fillNew(String url) {
        return fillNew(url, new CurrentThreadTaskRunner());
    }

    private ProfilesViewModel fillNew(String url, TaskRunner tasks) {
        ProfilesViewModel vm = new ProfilesViewModel(manager, tasks, dialogs);
        vm.newProfile();
        vm.nameProperty().set("Production EU");
        vm.baseUrlProperty().set(url);
        vm.environmentProperty().set(Environment.PRODUCTION);
        return vm;
    }

    @Test
    void the_embedded_profile_is_listed_first_and_read_only() {
        ProfilesViewModel vm = new ProfilesViewModel(manager, new CurrentThreadTaskRunner(), dialogs);
        assertThat(vm.profiles()).first().isEqualTo(ProfileStore.EMBEDDED);
        assertThat(vm.selectedProperty().get()).isEqualTo(ProfileStore.EMBEDDED);
        assertThat(vm.editableProperty().get()).isFalse();
    }

    @Test
    void plain_http_to_a_remote_host_is_refused_inline() {
        ProfilesViewModel vm = fillNew("http://keys.example.com");
        assertThat(vm.baseUrlErrorProperty().get()).contains("https://");
        assertThat(vm.validProperty().get()).isFalse();
        vm.baseUrlProperty().set("https://keys.example.com");
        assertThat(vm.baseUrlErrorProperty().get()).isNull();
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void saving_an_environment_profile_stores_only_the_variable_name() throws Exception {
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.ENVIRONMENT);
        vm.envVarNameProperty().set("KD_KEY");
        vm.save();

        assertThat(store.profiles()).extracting(Profile::name).contains("Production EU");
        assertThat(Files.readString(dir.resolve("profiles.json"))).contains("KD_KEY").doesNotContain("sk_live_env");
    }

    @Test
    void saving_writes_the_file_through_the_task_runner() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        ProfilesViewModel vm = fillNew("https://keys.example.com", tasks);
        vm.envVarNameProperty().set("KD_KEY");
        vm.save();

        assertThat(Files.exists(dir.resolve("profiles.json"))).isFalse(); // not on the FX thread
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(tasks.pendingTitles()).containsExactly("Saving the profile");

        tasks.runAll();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(new ProfileStore(dir.resolve("profiles.json")).profiles()).extracting(Profile::name)
                .containsExactly("Local server (embedded)", "Production EU");
        assertThat(vm.profiles()).extracting(Profile::name).contains("Production EU");
    }

    @Test
    void a_profile_that_cannot_be_written_is_reported_and_neither_listed_nor_connected() throws Exception {
        Files.writeString(dir.resolve("blocked"), ""); // a file where the folder should be
        build(dir.resolve("blocked").resolve("profiles.json"));
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.envVarNameProperty().set("KD_KEY");
        vm.connect();

        assertThat(dialogs.errors).singleElement().satisfies(m -> {
            assertThat(m.title()).isEqualTo("Profile not saved");
            assertThat(m.whatHappened()).startsWith("The profile “Production EU” could not be saved to "
                    + dir.resolve("blocked").resolve("profiles.json") + " (");
            assertThat(m.whatIsSafe()).isEqualTo("The profiles saved before are unchanged: the file is replaced "
                    + "whole or not at all. No admin key is ever written to it.");
            assertThat(m.whatToDo()).isEqualTo("Check that " + dir.resolve("blocked")
                    + " exists and is writable, then try again.");
        });
        assertThat(vm.profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThat(vm.finishedProperty().get()).isFalse(); // the dialog stays, with the form as typed
        assertThat(vm.nameProperty().get()).isEqualTo("Production EU");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(manager.current()).isEmpty();
    }

    @Test
    void the_keyring_notice_survives_a_save_that_finishes_later() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        ProfilesViewModel vm = fillNew("https://keys.example.com", tasks);
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        vm.keyInputProperty().set("sk_live_typed");
        vm.save();
        tasks.runAll();

        assertThat(vm.noticeProperty().get()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(vm.keyInputProperty().get()).isEmpty();
    }

    @Test
    void without_a_keyring_a_keyring_profile_is_kept_for_the_session_and_says_so() throws Exception {
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        assertThat(vm.keyErrorProperty().get()).contains("Enter the admin key");
        vm.keyInputProperty().set("sk_live_typed");
        vm.save();

        assertThat(vm.noticeProperty().get()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(vm.keyInputProperty().get()).isEmpty();
        Profile saved = store.profiles().get(1);
        assertThat(saved.keySource()).isEqualTo(Profile.KeySource.SESSION_ONLY);
        assertThat(Files.readString(dir.resolve("profiles.json"))).doesNotContain("sk_live_typed");
        assertThat(manager.adminKeys().resolve(saved).reveal()).isEqualTo("sk_live_typed");
    }

    @Test
    void with_a_keyring_the_key_goes_into_it() {
        keyring = FakeKeyring.working();
        build();
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        vm.keyInputProperty().set("sk_live_typed");
        vm.save();
        Profile saved = store.profiles().get(1);
        assertThat(saved.keySource()).isEqualTo(Profile.KeySource.KEYRING);
        assertThat(keyring.entries).containsEntry(saved.id(), "sk_live_typed");
        // Editing it again does not require typing the key again.
        vm.select(saved);
        assertThat(vm.keyErrorProperty().get()).isNull();
    }

    @Test
    void test_connection_shows_the_key_and_its_permissions() {
        apis.put("https://keys.example.com", new FakeKeyApi("Ops admin", "access_tokens:write", "access_tokens:read"));
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.SESSION_ONLY);
        vm.keyInputProperty().set("sk_live_typed");
        vm.testConnection();

        assertThat(vm.testFailedProperty().get()).isFalse();
        assertThat(vm.testResultProperty().get())
                .isEqualTo("Connected as “Ops admin” (sk_live_ab12…). Permissions: access_tokens:read, access_tokens:write.");
        assertThat(secretsByUrl).containsEntry("https://keys.example.com", "sk_live_typed");
        assertThat(store.profiles()).hasSize(1); // testing saves nothing
    }

    @Test
    void test_connection_explains_a_refused_key() {
        apis.put("https://keys.example.com", FakeKeyApi.failing(new UnauthorizedException("u", 401, null, null, null, null)));
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.ENVIRONMENT);
        vm.envVarNameProperty().set("KD_KEY");
        vm.testConnection();
        assertThat(vm.testFailedProperty().get()).isTrue();
        assertThat(vm.testResultProperty().get()).contains("was refused");
    }

    @Test
    void connect_saves_switches_and_closes() {
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.ENVIRONMENT);
        vm.envVarNameProperty().set("KD_KEY");
        vm.connect();
        assertThat(vm.finishedProperty().get()).isTrue();
        assertThat(manager.current()).map(c -> c.profile().name()).contains("Production EU");
        assertThat(store.lastUsed()).map(Profile::name).contains("Production EU");
    }

    @Test
    void connect_without_a_keyring_tells_the_person_the_key_is_kept_for_this_session_only() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        ProfilesViewModel vm = fillNew("https://keys.example.com", tasks);
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        vm.keyInputProperty().set("sk_live_typed");
        vm.connect();
        tasks.runAll();

        assertThat(vm.finishedProperty().get()).isTrue();
        assertThat(dialogs.infos).singleElement().isEqualTo(
                "No OS keyring: the admin key for “Production EU” is kept for this session only.\n"
                        + AdminKeys.NO_KEYRING_MESSAGE + " " + ProfilesViewModel.SESSION_ONLY_ADVICE);
        assertThat(vm.noticeProperty().get()).isEqualTo(AdminKeys.NO_KEYRING_MESSAGE);
        assertThat(manager.current()).map(Connection::profile).map(Profile::keySource)
                .contains(Profile.KeySource.SESSION_ONLY);
        assertThat(secretsByUrl).containsEntry("https://keys.example.com", "sk_live_typed");
    }

    @Test
    void connect_with_the_key_where_the_person_asked_needs_no_extra_message() {
        keyring = FakeKeyring.working();
        build();
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        vm.keyInputProperty().set("sk_live_typed");
        vm.connect();

        assertThat(vm.finishedProperty().get()).isTrue();
        assertThat(manager.current()).map(Connection::profile).map(Profile::keySource).contains(Profile.KeySource.KEYRING);

        ProfilesViewModel again = fillNew("https://other.example.com");
        again.keySourceProperty().set(Profile.KeySource.SESSION_ONLY); // chosen, so no surprise
        again.keyInputProperty().set("sk_live_other");
        again.connect();

        assertThat(again.finishedProperty().get()).isTrue();
        assertThat(dialogs.infos).isEmpty();
    }

    @Test
    void a_delete_that_cannot_be_written_keeps_the_profile_and_its_key() throws Exception {
        keyring = FakeKeyring.working();
        Path folder = dir.resolve("settings");
        Files.createDirectories(folder);
        build(folder.resolve("profiles.json"));
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.keySourceProperty().set(Profile.KeySource.KEYRING);
        vm.keyInputProperty().set("sk_live_typed");
        vm.save();
        assertThat(keyring.entries).hasSize(1);

        // The folder disappears under KeyDesk and a file takes its place: the next write fails.
        Files.delete(folder.resolve("profiles.json"));
        Files.delete(folder);
        Files.writeString(folder, "");
        dialogs.confirmAnswer = true;
        vm.delete();

        assertThat(dialogs.errors).singleElement().satisfies(m -> {
            assertThat(m.title()).isEqualTo("Profile not deleted");
            assertThat(m.whatIsSafe()).isEqualTo("The profile and its admin key are kept as they were.");
        });
        assertThat(store.profiles()).extracting(Profile::name).contains("Production EU");
        assertThat(keyring.entries).as("the key of a profile that is still there").hasSize(1);
    }

    @Test
    void delete_asks_first_and_removes_the_profile() {
        ProfilesViewModel vm = fillNew("https://keys.example.com");
        vm.envVarNameProperty().set("KD_KEY");
        vm.save();
        dialogs.confirmAnswer = false;
        vm.delete();
        assertThat(store.profiles()).hasSize(2);
        dialogs.confirmAnswer = true;
        vm.delete();
        assertThat(store.profiles()).containsExactly(ProfileStore.EMBEDDED);
        assertThat(dialogs.confirmations).allMatch(q -> q.contains("Production EU"));
    }

    // ---- Narrative ----

    @Test
    void choosing_narrative_offers_its_environments_by_name_and_suggests_its_variable() {
        ProfilesViewModel vm = new ProfilesViewModel(manager, new CurrentThreadTaskRunner(), dialogs);
        vm.newProfile();
        assertThat(vm.envVarNameProperty().get()).isEqualTo("KEYDESK_ADMIN_KEY");

        vm.dialectProperty().set(dev.keydesk.client.Dialect.NARRATIVE);
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://api.narrative.io");
        assertThat(vm.environmentProperty().get()).isEqualTo(Environment.PRODUCTION);
        assertThat(vm.narrativeTargetProperty().get()).isEqualTo(NarrativeTarget.PRODUCTION);
        assertThat(vm.envVarNameProperty().get()).isEqualTo("NARRATIVE_API_KEY");
        assertThat(vm.keyPrompt()).doesNotContain("sk_");

        vm.narrativeTargetProperty().set(NarrativeTarget.DEVELOPMENT);
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://api-dev.narrative.io");
        assertThat(vm.environmentProperty().get()).isEqualTo(Environment.STAGING);
        vm.baseUrlProperty().set("https://narrative.internal.example.com");
        assertThat(vm.narrativeTargetProperty().get()).isEqualTo(NarrativeTarget.OTHER);
        assertThat(vm.baseUrlProperty().get()).isEqualTo("https://narrative.internal.example.com");

        vm.dialectProperty().set(dev.keydesk.client.Dialect.KEYDESK);
        assertThat(vm.envVarNameProperty().get()).isEqualTo("KEYDESK_ADMIN_KEY");

        // Where only Narrative's MCP variable is set, that one is suggested.
        env.put("NARRATIVE_API_TOKEN", "dG9r");
        vm.dialectProperty().set(dev.keydesk.client.Dialect.NARRATIVE);
        assertThat(vm.envVarNameProperty().get()).isEqualTo("NARRATIVE_API_TOKEN");
    }

    @Test
    void a_narrative_profile_is_saved_with_its_dialect() throws Exception {
        ProfilesViewModel vm = fillNew("https://api.narrative.io");
        vm.dialectProperty().set(dev.keydesk.client.Dialect.NARRATIVE);
        vm.save();
        Profile saved = store.profiles().get(1);
        assertThat(saved.dialect()).isEqualTo(dev.keydesk.client.Dialect.NARRATIVE);
        assertThat(saved.keyReference()).isEqualTo("NARRATIVE_API_KEY");
        assertThat(java.nio.file.Files.readString(store.file())).contains("NARRATIVE");
    }

    @Test
    void test_connection_on_a_new_profile_detects_the_dialect_and_says_what_it_found() {
        env.put("NARRATIVE_API_KEY", "bmFycmF0aXZl+/==");
        detected.put("https://api-dev.narrative.io", dev.keydesk.client.DialectProbe.found(
                dev.keydesk.client.Dialect.NARRATIVE, true, "Narrative access tokens; signed in as John Doe · Acme."));
        apis.put("https://api-dev.narrative.io", FakeKeyApi.person("John Doe", "Acme"));
        ProfilesViewModel vm = fillNew("https://api-dev.narrative.io");
        vm.envVarNameProperty().set("NARRATIVE_API_KEY");
        assertThat(vm.dialectProperty().get()).isEqualTo(dev.keydesk.client.Dialect.KEYDESK);

        vm.testConnection();

        assertThat(vm.dialectProperty().get()).isEqualTo(dev.keydesk.client.Dialect.NARRATIVE);
        assertThat(vm.detectResultProperty().get()).startsWith("Detected: Narrative access tokens.");
        assertThat(dialectsByUrl).containsEntry("https://api-dev.narrative.io", dev.keydesk.client.Dialect.NARRATIVE);
        assertThat(vm.testFailedProperty().get()).isFalse();
        assertThat(vm.testResultProperty().get()).isEqualTo("Connected (Narrative access tokens) as John Doe · Acme. "
                + "The server does not say which permissions the token holds.");
        assertThat(detectedWith).containsExactly("bmFycmF0aXZl+/==");
    }

    @Test
    void detect_says_when_the_server_speaks_neither_dialect() {
        detected.put("https://example.com", dev.keydesk.client.DialectProbe.notFound("The server answered neither as "
                + "a KeyDesk key server (HTTP 404) nor as Narrative's API (HTTP 404)."));
        ProfilesViewModel vm = fillNew("https://example.com");
        vm.envVarNameProperty().set("KD_KEY");
        vm.detect();
        assertThat(vm.detectFailedProperty().get()).isTrue();
        assertThat(vm.detectResultProperty().get()).startsWith("Not detected. The server answered neither");
        assertThat(vm.dialectProperty().get()).isEqualTo(dev.keydesk.client.Dialect.KEYDESK);
    }

    @Test
    void the_embedded_profile_offers_a_reset_only_when_its_key_was_refused() {
        ProfilesViewModel vm = new ProfilesViewModel(manager, new CurrentThreadTaskRunner(), dialogs);
        vm.select(ProfileStore.EMBEDDED);
        assertThat(vm.resetOfferedProperty().get()).isFalse();
        assertThat(vm.dialectProperty().get()).isEqualTo(dev.keydesk.client.Dialect.KEYDESK);
    }
}
