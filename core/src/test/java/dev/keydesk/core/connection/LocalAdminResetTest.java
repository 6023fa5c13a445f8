package dev.keydesk.core.connection;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server's admin key revoked, and a new one minted for its folder: against the real server. */
class LocalAdminResetTest {

    @TempDir
    Path dir;

    private static <T> T as(EmbeddedServer.Running running, Secret secret, Function<KeyApi, T> call) {
        try (KeyApi api = KeyApis.builder().dialect(Dialect.KEYDESK).baseUrl(running.baseUri()).secret(secret)
                .retryPolicy(RetryPolicy.none()).build()) {
            return call.apply(api);
        }
    }

    @Test
    void a_revoked_bootstrap_key_is_replaced_and_every_other_key_is_kept() throws Exception {
        AdminKeys keys = new AdminKeys(FakeKeyring.unavailable(), name -> null);
        EmbeddedServer embedded = new EmbeddedServer(dir.resolve("local"));
        try {
            EmbeddedServer.Running running = embedded.start(5);
            Secret old = keys.readKeyFile(running.bootstrapKeyFile());
            List<String> before = as(running, old, api -> api.listAllKeys(n -> { }).stream().map(ApiKey::id).toList());
            String oldId = as(running, old, api -> api.whoami().orElseThrow().callingKey().orElseThrow().id());
            as(running, old, api -> {
                api.revokeKey(oldId);
                return null;
            });
            assertThatThrownBy(() -> as(running, old, KeyApi::whoami)).isInstanceOf(UnauthorizedException.class);

            Path file = embedded.resetAdminKey();

            assertThat(embedded.isRunning()).isFalse();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            EmbeddedServer.Running again = embedded.start(0);
            Secret fresh = keys.readKeyFile(again.bootstrapKeyFile());
            assertThat(fresh.reveal()).isNotEqualTo(old.reveal());
            List<Permission> granted = as(again, fresh, api -> api.whoami().orElseThrow().permissions());
            assertThat(granted).contains(Permission.ADMIN_ALL);
            List<String> after = as(again, fresh, api -> api.listAllKeys(n -> { }).stream().map(ApiKey::id).toList());
            List<String> othersBefore = before.stream().filter(id -> !id.equals(oldId)).toList();
            assertThat(after).containsAll(othersBefore).doesNotContain(oldId).hasSize(othersBefore.size() + 1);
            assertThatThrownBy(() -> as(again, old, KeyApi::whoami)).isInstanceOf(UnauthorizedException.class);
        } finally {
            embedded.close();
        }
    }

    @Test
    void another_keydesk_holding_the_folder_is_named_and_nothing_changes() throws Exception {
        EmbeddedServer mine = new EmbeddedServer(dir.resolve("local"));
        EmbeddedServer other = new EmbeddedServer(dir.resolve("local"));
        try {
            EmbeddedServer.Running running = other.start(0);
            String before = Files.readString(running.bootstrapKeyFile());

            assertThatThrownBy(mine::resetAdminKey).isInstanceOf(EmbeddedServer.ResetFailedException.class)
                    .hasMessageContaining("is using the local server's folder").hasMessageContaining("Close it");
            assertThat(Files.readString(running.bootstrapKeyFile())).isEqualTo(before);
            assertThat(other.isRunning()).isTrue();
        } finally {
            other.close();
            mine.close();
        }
    }

    @Test
    void a_folder_without_server_data_says_so() {
        EmbeddedServer never = new EmbeddedServer(dir.resolve("empty"));
        assertThatThrownBy(never::resetAdminKey).isInstanceOf(EmbeddedServer.ResetFailedException.class)
                .hasMessageContaining("No KeyDesk database");
    }
}
