package dev.keydesk.app.connection;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.testing.ManualTaskRunner;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.connection.Remedy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager's rules with a scripted client and a pretend embedded server; see ConnectionManagerRealServerTest too. */
class ConnectionManagerTest {

    @TempDir
    Path dir;

    private final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    private final Map<String, FakeKeyApi> apisByUrl = new HashMap<>();
    private final List<String> secretsSeen = new ArrayList<>();
    private final List<Integer> launches = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean embeddedStopped;
    private ProfileStore store;
    private EmbeddedServer embedded;
    private ConnectionManager manager;

    private static final Profile PROD = new Profile("p-prod", "Production", "https://prod.example.com",
            Environment.PRODUCTION, Profile.KeySource.ENVIRONMENT, "KD_PROD");
    private static final Profile STAGING = new Profile("p-stg", "Staging", "https://staging.example.com",
            Environment.STAGING, Profile.KeySource.ENVIRONMENT, "KD_STG");

    @BeforeEach
    void setUp() {
        store = new ProfileStore(dir.resolve("profiles.json"));
        embedded = new EmbeddedServer(dir.resolve("local-server"), (dataDir, demoKeys) -> {
            launches.add(demoKeys);
            Path keyFile = dataDir.resolve("bootstrap.key");
            try {
                Files.createDirectories(dataDir); // as the real server does: it owns its folder
                Files.writeString(keyFile, "sk_live_embedded");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new EmbeddedServer.Running() {
                public URI baseUri() { return URI.create("http://127.0.0.1:5555"); }
                public Path bootstrapKeyFile() { return keyFile; }
                public void close() { embeddedStopped = true; }
            };
        });
        apisByUrl.put("http://127.0.0.1:5555", new FakeKeyApi("Bootstrap", "admin:*"));
        apisByUrl.put(PROD.baseUrl(), new FakeKeyApi("Prod admin", "access_tokens:read"));
        apisByUrl.put(STAGING.baseUrl(), new FakeKeyApi("Staging admin", "admin:*"));
        env.put("KD_PROD", "sk_live_prod");
        env.put("KD_STG", "sk_live_stg");
        manager = manager(store, new CurrentThreadTaskRunner());
    }

    private ConnectionManager manager(ProfileStore profiles, TaskRunner tasks) {
        return new ConnectionManager(tasks, dialogs, profiles, new AdminKeys(FakeKeyring.unavailable(), env::get),
                embedded, this::api);
    }

    private FakeKeyApi api(dev.keydesk.client.Dialect dialect, URI url, Secret secret) {
        secretsSeen.add(secret.reveal());
        return apisByUrl.get(url.toString());
    }

    @Test
    void first_start_offers_demo_data_and_connects_to_the_embedded_server() {
        manager.connectAtStartup();

        assertThat(dialogs.confirmations).singleElement().asString()
                .endsWith("Add 60 realistic demo keys so every screen has something to show?");
        assertThat(launches).containsExactly(60);
        assertThat(manager.stateProperty().get()).isInstanceOf(ConnectionState.Connected.class);
        Connection c = manager.current().orElseThrow();
        assertThat(c.profile().isEmbedded()).isTrue();
        assertThat(c.profile().baseUrl()).isEqualTo("http://127.0.0.1:5555");
        assertThat(c.whoami()).get().extracting(w -> w.key().name()).isEqualTo("Bootstrap");
        assertThat(c.catalog().resources()).isNotEmpty();
        assertThat(secretsSeen).containsExactly("sk_live_embedded");
    }

    @Test
    void declining_demo_data_starts_an_empty_server() {
        dialogs.confirmAnswer = false;
        manager.connectAtStartup();
        assertThat(launches).containsExactly(0);
    }

    @Test
    void startup_uses_the_last_used_profile() {
        store.save(PROD);
        store.setLastUsed(PROD.id());
        manager.connectAtStartup();
        assertThat(manager.current()).map(Connection::profile).contains(PROD);
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(launches).isEmpty();
    }

    @Test
    void switching_profiles_closes_the_previous_client_and_stops_the_embedded_server() {
        manager.connectAtStartup();
        FakeKeyApi embeddedApi = apisByUrl.get("http://127.0.0.1:5555");
        store.save(PROD);

        manager.connect(PROD);
        assertThat(manager.current()).map(Connection::profile).contains(PROD);
        assertThat(manager.holds(dev.keydesk.client.model.Permission.parse("access_tokens:read"))).isTrue();
        assertThat(manager.holds(dev.keydesk.client.model.Permission.parse("access_tokens:write"))).isFalse();
        assertThat(embeddedApi.closed).isTrue();
        assertThat(embeddedStopped).isTrue();
        assertThat(store.lastUsed()).contains(PROD);

        manager.connect(STAGING);
        assertThat(apisByUrl.get(PROD.baseUrl()).closed).isTrue();
        assertThat(manager.current()).map(c -> c.profile().environment()).contains(Environment.STAGING);
    }

    @Test
    void a_refused_key_fails_with_the_401_message_and_offers_to_fix_the_key() {
        apisByUrl.put(PROD.baseUrl(), FakeKeyApi.failing(new UnauthorizedException("unauthorized", 401,
                "unauthorized", "req_1", null, null)));
        manager.connect(PROD);

        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.FIX_KEY);
        assertThat(failed.message().whatHappened()).isEqualTo("The admin key for “Production” was refused: it is "
                + "invalid, expired, disabled or revoked.");
        assertThat(failed.message().requestId()).isEqualTo("req_1");
        assertThat(manager.current()).isEmpty();
        assertThat(apisByUrl.get(PROD.baseUrl()).closed).isTrue();
    }

    @Test
    void a_server_that_does_not_answer_fails_with_retry() {
        apisByUrl.put(PROD.baseUrl(), FakeKeyApi.failing(new TransportException("refused", false, null)));
        manager.connect(PROD);

        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.RETRY);
        assertThat(failed.message().title()).isEqualTo("Server unreachable");
        assertThat(failed.message().whatToDo()).startsWith("Is the server running?");

        apisByUrl.put(PROD.baseUrl(), new FakeKeyApi("back", "admin:*"));
        manager.reconnect();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }

    @Test
    void a_missing_environment_variable_fails_without_contacting_the_server() {
        env.remove("KD_PROD");
        manager.connect(PROD);
        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.FIX_KEY);
        assertThat(failed.message().whatHappened()).contains("KD_PROD is not set");
        assertThat(secretsSeen).isEmpty();
    }

    @Test
    void a_401_reported_later_turns_the_state_into_failed_but_keeps_the_connection() {
        manager.connect(PROD);
        boolean handled = manager.reportFailure(new UnauthorizedException("u", 401, null, "req_9", null, null));
        assertThat(handled).isTrue();
        assertThat(manager.stateProperty().get()).isInstanceOfSatisfying(ConnectionState.Failed.class,
                f -> assertThat(f.remedy()).isEqualTo(Remedy.FIX_KEY));
        assertThat(manager.current()).isPresent();
        assertThat(manager.reportFailure(new IllegalStateException())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void a_5xx_reported_later_means_the_server_is_unavailable_and_offers_retry(int status) {
        manager.connect(PROD);
        boolean handled = manager.reportFailure(
                new ServerException("unavailable", status, "internal_error", "req_5", null, null));

        assertThat(handled).isTrue();
        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.RETRY);
        assertThat(failed.profile()).isEqualTo(PROD);
        assertThat(failed.message().whatHappened()).isEqualTo("The server failed (HTTP " + status + ").");
        assertThat(failed.message().requestId()).isEqualTo("req_5");
        assertThat(manager.current()).isPresent(); // what is on screen stays readable

        manager.reconnect();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }

    @Test
    void a_failure_reported_later_does_not_claim_that_nothing_changed() {
        // The failed request may have been a revoke or an edit: only the caller knows.
        manager.connect(PROD);
        manager.reportFailure(new TransportException("reset", false, null));
        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.RETRY);
        assertThat(failed.message().whatIsSafe()).contains("may or may not have been applied");
    }

    @Test
    void failures_of_one_request_are_left_to_the_caller() {
        manager.connect(PROD);
        assertThat(manager.reportFailure(new PermissionDeniedException("no", 403, "insufficient_permission", null,
                null, "access_tokens:write", null))).isFalse();
        assertThat(manager.reportFailure(new NotFoundException("gone", 404, "key_not_found", null, null, null))).isFalse();
        // 501/505: this server will never do that (the client does not retry them either); the
        // connection is fine, so no "server unavailable" banner.
        assertThat(manager.reportFailure(new ServerException("no", 501, null, null, null, null))).isFalse();
        assertThat(manager.reportFailure(new ServerException("no", 505, null, null, null, null))).isFalse();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }

    @Test
    void a_5xx_while_connecting_fails_with_retry() {
        apisByUrl.put(PROD.baseUrl(), FakeKeyApi.failing(new ServerException("down", 503, null, null, null, null)));
        manager.connect(PROD);
        ConnectionState.Failed failed = (ConnectionState.Failed) manager.stateProperty().get();
        assertThat(failed.remedy()).isEqualTo(Remedy.RETRY);
        assertThat(failed.message().title()).isEqualTo("Server error");
    }

    @Test
    void testing_the_embedded_profile_while_connected_elsewhere_stops_the_server_again() {
        store.save(PROD);
        manager.connect(PROD);

        Optional<WhoAmI> whoami = manager.probe(ProfileStore.EMBEDDED, null);

        assertThat(whoami).get().extracting(w -> w.key().name()).isEqualTo("Bootstrap");
        assertThat(secretsSeen).containsExactly("sk_live_prod", "sk_live_embedded");
        assertThat(launches).containsExactly(0);
        assertThat(embeddedStopped).isTrue();
        assertThat(manager.current()).map(Connection::profile).contains(PROD);
    }

    @Test
    void testing_the_embedded_profile_while_connected_to_it_leaves_it_running() {
        manager.connectAtStartup();
        manager.probe(ProfileStore.EMBEDDED, null);

        assertThat(launches).containsExactly(60);
        assertThat(embeddedStopped).isFalse();
    }

    @Test
    void the_profile_used_last_is_written_through_the_task_runner() {
        store.save(PROD);
        ManualTaskRunner tasks = new ManualTaskRunner();
        ConnectionManager manager = manager(store, tasks);

        manager.connect(PROD);
        tasks.runOldest(); // the connect itself; its answer is published on the FX thread
        assertThat(manager.current()).map(Connection::profile).contains(PROD);
        assertThat(store.lastUsed()).isEmpty(); // nothing written on the FX thread
        assertThat(tasks.pendingTitles()).containsExactly("Remembering the profile used last");

        tasks.runAll();
        assertThat(new ProfileStore(dir.resolve("profiles.json")).lastUsed()).contains(PROD);
    }

    @Test
    void two_quick_switches_remember_the_later_profile_whatever_order_tasks_finish_in() {
        store.save(PROD);
        store.save(STAGING);
        ManualTaskRunner tasks = new ManualTaskRunner();
        ConnectionManager manager = manager(store, tasks);

        manager.connect(PROD);
        tasks.runOldest(); // connected to PROD; remembering it is still pending
        manager.connect(STAGING);
        tasks.runNewest(); // connected to STAGING before PROD was written
        tasks.runAllNewestFirst();

        assertThat(manager.current()).map(Connection::profile).contains(STAGING);
        assertThat(new ProfileStore(dir.resolve("profiles.json")).lastUsed()).contains(STAGING);
    }

    @Test
    void a_profile_used_last_that_cannot_be_written_is_reported_once_and_the_connection_stays() throws IOException {
        Files.writeString(dir.resolve("blocked"), ""); // a file where the folder should be
        ConnectionManager manager = manager(new ProfileStore(dir.resolve("blocked").resolve("profiles.json")),
                new CurrentThreadTaskRunner());

        manager.connect(PROD);
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
        assertThat(dialogs.errors).singleElement().satisfies(m -> {
            assertThat(m.title()).isEqualTo("Last connection not remembered");
            assertThat(m.whatHappened()).startsWith("You are connected to “Production”, but KeyDesk could not note "
                    + "that in " + dir.resolve("blocked").resolve("profiles.json"));
            assertThat(m.whatIsSafe()).isEqualTo("The connection works, and your saved profiles are unchanged.");
            assertThat(m.whatToDo()).startsWith("Check that " + dir.resolve("blocked") + " is writable.");
        });

        manager.connect(STAGING);
        assertThat(manager.current()).map(Connection::profile).contains(STAGING);
        assertThat(dialogs.errors).hasSize(1);
    }

    @Test
    void close_closes_the_client_and_stops_the_server() {
        manager.connectAtStartup();
        manager.close();
        assertThat(apisByUrl.get("http://127.0.0.1:5555").closed).isTrue();
        assertThat(embeddedStopped).isTrue();
        assertThat(manager.current()).isEmpty();
    }

    @Test
    void a_damaged_profiles_file_is_reported_at_startup() throws IOException {
        Files.writeString(dir.resolve("profiles.json"), "not json");
        manager.connectAtStartup();
        assertThat(dialogs.errors).singleElement().satisfies(m -> assertThat(m.title()).isEqualTo("Connection profiles damaged"));
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }
}
