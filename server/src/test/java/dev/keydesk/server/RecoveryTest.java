package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keydesk.server.cli.ServerMain;
import dev.keydesk.server.storage.DataDirLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 11 item 6: {@code --new-admin-key} and {@link Recovery#mintAdminKey}. */
class RecoveryTest {

    @TempDir
    Path dir;

    private List<String> keyIds(Api admin) {
        List<String> ids = new ArrayList<>();
        admin.get("/v1/api-keys?limit=1000").json().path("data").forEach(k -> ids.add(k.path("id").asText()));
        return ids;
    }

    @Test
    void theCommandMintsAnAdminKeyIntoTheBootstrapFileAndTouchesNothingElse() throws IOException {
        String oldAdmin;
        List<String> before;
        JsonNode other;
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            oldAdmin = admin.secret();
            other = admin.create("Other", List.of("datasets:read"), Instant.now());
            before = keyIds(admin);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new ServerMain()).execute("--new-admin-key", "--data-dir", dir.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path file = dir.resolve("bootstrap.key");
        String secret = Files.readString(file).trim();
        assertThat(secret).isNotEqualTo(oldAdmin).startsWith("sk_live_");
        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(file.toString()).contains("replaced").doesNotContain(secret)
                .doesNotContain(secret.substring(16));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.exists(dir.resolve("bootstrap.key.new"))).isFalse();

        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api recovered = Api.admin(server);
            JsonNode who = recovered.get("/v1/whoami").json();
            assertThat(who.path("permissions").toString()).isEqualTo("[\"admin:*\"]");
            String newId = who.path("key").path("id").asText();
            List<String> after = keyIds(recovered);
            assertThat(after).contains(newId).containsAll(before).hasSize(before.size() + 1);
            // the old admin key and the others still work: nothing else was touched
            assertThat(recovered.as(oldAdmin).get("/v1/whoami").status()).isEqualTo(200);
            assertThat(recovered.as(other.path("key").asText()).get("/v1/datasets").status()).isEqualTo(200);
            JsonNode created = recovered.get("/v1/audit-events?type=key.created&key_id=" + newId).json().path("data");
            assertThat(created).hasSize(1);
            assertThat(created.get(0).path("detail").path("reason").asText()).isEqualTo("local_recovery");
            assertThat(created.get(0).path("actor_key_id").isNull()).isTrue();
            assertThat(recovered.get("/v1/audit-events?limit=1000").raw()).doesNotContain(secret);
        }
        for (Path p : Files.list(dir).toList()) {
            if (Files.isRegularFile(p) && !p.getFileName().toString().equals("bootstrap.key")) {
                assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(16));
            }
        }
    }

    @Test
    void refusedWhileTheServerRunsAndChangesNothing() throws IOException {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            String before = Files.readString(server.bootstrapKeyFile());
            int keys = Api.admin(server).get("/v1/api-keys").json().path("data").size();
            assertThatThrownBy(() -> Recovery.mintAdminKey(dir, Clock.systemUTC()))
                    .isInstanceOf(DataDirLock.InUseException.class).hasMessageContaining("stop it first");
            assertThat(Files.readString(server.bootstrapKeyFile())).isEqualTo(before);
            assertThat(Api.admin(server).get("/v1/api-keys").json().path("data")).hasSize(keys);
        }
        Recovery.Result r = Recovery.mintAdminKey(dir, Clock.systemUTC());
        assertThat(r.keyId()).startsWith("key_");
        assertThat(r.keyFile()).isEqualTo(dir.toAbsolutePath().resolve("bootstrap.key"));
        // and the folder's server starts again afterwards
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            assertThat(Api.admin(server).get("/v1/whoami").json().path("key").path("id").asText()).isEqualTo(r.keyId());
        }
    }

    @Test
    void refusedWithoutADatabase(@TempDir Path empty) {
        assertThatThrownBy(() -> Recovery.mintAdminKey(empty, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No KeyDesk database");
        assertThat(empty.resolve("bootstrap.key")).doesNotExist();
    }
}
