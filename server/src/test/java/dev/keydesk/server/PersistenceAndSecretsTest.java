package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Bootstrap, restart, demo data, and the secret never landing anywhere but the create response. */
class PersistenceAndSecretsTest {

    @TempDir
    Path dir;

    static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void append(ILoggingEvent e) {
            StringBuilder line = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                line.append(' ').append(e.getThrowableProxy().getMessage());
            }
            lines.add(line.toString());
        }

        String all() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    Captured logs;

    @BeforeEach
    void captureLogs() {
        logs = new Captured();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void bootstrapKeyFileIsOwnerOnlyAndOnlyItsPathIsLogged() throws IOException {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Path file = server.bootstrapKeyFile();
            assertThat(file).isEqualTo(dir.toAbsolutePath().resolve("bootstrap.key"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pepper"))))
                    .isEqualTo("rw-------");
            String secret = Files.readString(file).trim();
            assertThat(secret).startsWith("sk_live_");
            JsonNode who = Api.admin(server).get("/v1/whoami").json();
            assertThat(who.path("key").path("name").asText()).isEqualTo("Bootstrap admin");
            assertThat(who.path("permissions").toString()).isEqualTo("[\"admin:*\"]");
            assertThat(logs.all()).contains(file.toString()).doesNotContain(secret);
            assertThat(server.baseUri().toString()).matches("http://127\\.0\\.0\\.1:\\d+").endsWith(":" + server.port());
        }
    }

    @Test
    void aDataDirectoryItCreatesIsOwnerOnly() throws IOException {
        Path fresh = dir.resolve("not-yet").resolve("data");
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(fresh).build())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
            assertThat(Files.exists(fresh.resolve("keydesk.db"))).isTrue();
        }
    }

    @Test
    void keysSurviveARestartAndRevokedStayRevoked() throws IOException {
        String kept;
        String revoked;
        String keptId;
        String bootstrap;
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            bootstrap = admin.secret();
            JsonNode a = admin.create("Kept", List.of("datasets:read"), Instant.now());
            JsonNode b = admin.create("Revoked", List.of("datasets:read"), Instant.now());
            kept = a.path("key").asText();
            keptId = a.path("id").asText();
            revoked = b.path("key").asText();
            assertThat(admin.as(kept).get("/v1/datasets").status()).isEqualTo(200);
            assertThat(admin.delete("/v1/api-keys/" + b.path("id").asText()).status()).isEqualTo(204);
            server.close();
            server.close(); // idempotent
        }
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = new Api(server.baseUri(), bootstrap);
            assertThat(Files.readString(server.bootstrapKeyFile()).trim()).isEqualTo(bootstrap); // not recreated
            assertThat(admin.as(kept).get("/v1/datasets").status()).isEqualTo(200);
            admin.as(revoked).get("/v1/datasets").assertError(401, "unauthorized");
            JsonNode k = admin.get("/v1/api-keys/" + keptId).json();
            assertThat(k.path("usage").path("requests_today").asLong()).isEqualTo(2);
            JsonNode list = admin.get("/v1/api-keys").json();
            assertThat(list.path("data")).hasSize(2); // bootstrap + kept
        }
    }

    @Test
    void secretHygieneAcrossCreateUseRevoke() throws IOException {
        String secret;
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            Api.Resp created = admin.send("POST", "/v1/api-keys", Map.of("name", "Hygiene",
                    "permissions", List.of("datasets:read", "access_tokens:read"),
                    "expires_at", Instant.now().plusSeconds(86_400).toString()), Map.of("Idempotency-Key", "hyg-1"));
            secret = created.json().path("key").asText();
            String id = created.json().path("id").asText();
            Api asKey = admin.as(secret);
            assertThat(asKey.get("/v1/datasets").status()).isEqualTo(200);
            assertThat(asKey.get("/v1/whoami").raw()).doesNotContain(secret);
            asKey.post("/v1/datasets", Map.of()).assertError(403, "insufficient_permission");
            admin.as(secret + "tail").get("/v1/whoami").assertError(401, "unauthorized");
            admin.send("POST", "/v1/api-keys", Map.of("name", "Hygiene", "permissions",
                    List.of("datasets:read", "access_tokens:read"), "expires_at", created.json().path("expires_at")
                            .asText()), Map.of("Idempotency-Key", "hyg-1"));
            assertThat(admin.delete("/v1/api-keys/" + id).status()).isEqualTo(204);
            asKey.get("/v1/datasets").assertError(401, "unauthorized");
            // identify: found (revoked), a miss, a body that is not JSON: the submitted secret lands nowhere
            Api.Resp found = admin.post("/v1/api-keys/identify", Map.of("secret", secret));
            assertThat(found.json().path("key").path("status").asText()).isEqualTo("revoked");
            assertThat(found.raw()).doesNotContain(secret);
            admin.post("/v1/api-keys/identify", Map.of("secret", HttpHardeningTest.swapCase(secret)))
                    .assertError(404, "key_not_found");
            Api.Resp broken = admin.send("POST", "/v1/api-keys/identify", "{\"secret\": \"" + secret, Map.of());
            broken.assertError(400, "malformed_request");
            assertThat(broken.raw()).doesNotContain(secret.substring(16));
            assertThat(admin.get("/v1/audit-events?limit=1000").raw()).doesNotContain(secret);
            assertThat(logs.all()).contains("request_id=").doesNotContain(secret)
                    .doesNotContain(secret.substring(16)); // not even the non-prefix part
        }
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        byte[] tail = secret.substring(16).getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("keydesk.db");
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            assertThat(indexOf(content, needle)).as("secret in %s", f).isEqualTo(-1);
            assertThat(indexOf(content, tail)).as("secret body in %s", f).isEqualTo(-1);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void tenThousandDemoKeysArePageable() {
        // How fast this is belongs to bench/ (ListKeysBench), not to a timed assertion here.
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).demoKeys(10_000)
                .plan(Plan.UNLIMITED).build())) {
            Api admin = Api.admin(server);
            List<String> ids = KeysApiTest.listAll(admin, 1000);
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(ids.size() + admin.get("/v1/api-keys?status=revoked&limit=1000").json().path("data").size())
                    .isEqualTo(10_001);

            JsonNode page = admin.get("/v1/api-keys?limit=1000").json();
            List<String> statuses = new ArrayList<>();
            List<String> types = new ArrayList<>();
            int neverExpires = 0;
            int used = 0;
            int busyToday = 0;
            for (JsonNode k : page.path("data")) {
                statuses.add(k.path("status").asText());
                types.add(k.path("type").asText());
                neverExpires += k.path("expires_at").isNull() ? 1 : 0;
                used += k.path("last_used_ip").isTextual() ? 1 : 0;
                busyToday += k.path("usage").path("requests_today").asLong() > 0 ? 1 : 0;
            }
            assertThat(statuses).contains("active", "disabled", "expired");
            assertThat(types).contains("live", "test");
            assertThat(neverExpires).isPositive();
            assertThat(used).isPositive();
            assertThat(busyToday).as("keys in use today, whatever the day of the month").isPositive();
            assertThat(admin.get("/v1/audit-events?limit=10").json().path("data")).hasSize(10);
        }
    }
}
