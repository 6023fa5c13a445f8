package dev.keydesk.app.connection;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.core.testing.TestBackend;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.connection.Remedy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The manager against the real local server and the real HTTP client. */
class ConnectionManagerRealServerTest {

    @TempDir
    Path home;

    private ConnectionManager manager(ScriptedDialogs dialogs, Map<String, String> env) {
        AppPaths paths = AppPaths.of(home);
        return new ConnectionManager(new CurrentThreadTaskRunner(), dialogs, new ProfileStore(paths.profilesFile()),
                new AdminKeys(FakeKeyring.unavailable(), env::get), new EmbeddedServer(paths.embeddedServerDir()),
                ApiFactory.http());
    }

    @Test
    void embedded_server_connects_with_whoami_catalog_and_policy_then_switches() {
        ScriptedDialogs dialogs = new ScriptedDialogs(true);
        dialogs.confirmAnswer = true;
        try (TestBackend other = TestBackend.start(home.resolve("other"), 0)) {
            ConnectionManager manager = manager(dialogs, Map.of("KD_OTHER", other.adminSecret().reveal()));
            try {
                manager.connectAtStartup();
                Connection local = manager.current().orElseThrow(() -> new AssertionError(manager.stateProperty().get()));
                assertThat(local.whoami()).get().satisfies(w -> assertThat(w.holds(Permission.ADMIN_ALL)).isTrue());
                assertThat(local.catalog().resources()).isNotEmpty();
                assertThat(local.policy().maxLifetimeDays()).isPositive();
                assertThat(allKeys(local)).isEqualTo(ConnectionManager.DEMO_KEYS + 1);

                Profile otherProfile = new Profile("p-other", "Other", other.server().baseUri().toString(),
                        Environment.SANDBOX, Profile.KeySource.ENVIRONMENT, "KD_OTHER");
                manager.connect(otherProfile);
                assertThat(manager.stateProperty().get().isConnected()).isTrue();
                assertThat(manager.current()).map(c -> c.profile().environment()).contains(Environment.SANDBOX);
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void the_second_start_reuses_the_embedded_data_without_asking_again() {
        ScriptedDialogs first = new ScriptedDialogs(true);
        ConnectionManager manager = manager(first, Map.of());
        manager.connectAtStartup();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
        manager.close();

        ScriptedDialogs second = new ScriptedDialogs(true);
        ConnectionManager again = manager(second, Map.of());
        try {
            again.connectAtStartup();
            assertThat(again.stateProperty().get().isConnected()).as("%s", again.stateProperty().get()).isTrue();
            assertThat(second.confirmations).isEmpty();
            assertThat(first.confirmations).hasSize(1);
            assertThat(allKeys(again.current().orElseThrow())).isEqualTo(ConnectionManager.DEMO_KEYS + 1);
        } finally {
            again.close();
        }
    }

    @Test
    void a_revoked_admin_key_fails_with_the_401_message() {
        try (TestBackend backend = TestBackend.start(home.resolve("srv"), 0)) {
            CreatedKey created = backend.api().createKey(new KeyCreateParams("Soon revoked", null, null,
                    List.of(Permission.parse("access_tokens:read")), Instant.now().plus(30, ChronoUnit.DAYS)));
            Secret secret = created.secret().orElseThrow();
            backend.api().revokeKey(created.key().id());

            ConnectionManager manager = manager(new ScriptedDialogs(true), Map.of("KD_REVOKED", secret.reveal()));
            manager.connect(new Profile("p-r", "Revoked", backend.server().baseUri().toString(), Environment.STAGING,
                    Profile.KeySource.ENVIRONMENT, "KD_REVOKED"));

            assertThat(manager.stateProperty().get()).isInstanceOfSatisfying(ConnectionState.Failed.class, f -> {
                assertThat(f.remedy()).isEqualTo(Remedy.FIX_KEY);
                assertThat(f.message().whatHappened()).startsWith("The admin key for “Revoked” was refused");
                assertThat(f.message().requestId()).isNotBlank();
            });
            manager.close();
        }
    }

    @Test
    void a_dead_port_fails_as_server_down() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectionManager manager = manager(new ScriptedDialogs(true), Map.of("KD_X", "sk_live_whatever"));
        manager.connect(new Profile("p-d", "Dead", "http://127.0.0.1:" + port, Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "KD_X"));

        assertThat(manager.stateProperty().get()).isInstanceOfSatisfying(ConnectionState.Failed.class, f -> {
            assertThat(f.remedy()).isEqualTo(Remedy.RETRY);
            assertThat(f.message().title()).isEqualTo("Server unreachable");
            assertThat(f.message().whatHappened()).contains("down");
        });
        manager.close();
    }

    @Test
    void plain_http_to_a_remote_host_is_refused_before_sending() {
        ConnectionManager manager = manager(new ScriptedDialogs(true), Map.of("KD_X", "sk_live_whatever"));
        manager.connect(new Profile("p-i", "Insecure", "http://keys.example.com", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "KD_X"));
        assertThat(manager.stateProperty().get()).isInstanceOfSatisfying(ConnectionState.Failed.class, f -> {
            assertThat(f.remedy()).isEqualTo(Remedy.EDIT_PROFILE);
            assertThat(f.message().whatIsSafe()).isEqualTo("Nothing was sent.");
        });
        manager.close();
    }

    /** Every key the server holds: the listed ones and the revoked ones (the demo data has a few). */
    private static int allKeys(Connection c) {
        return c.api().listAllKeys(n -> { }).size() + c.api().listAllKeys(KeyStatus.REVOKED, n -> { }).size();
    }
}
