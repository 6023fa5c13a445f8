package dev.keydesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keydesk.server.auth.SecretFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract 1.1 "Secrets and prefixes", and keys of the older format still authenticating. */
class SecretFormatTest {

    @TempDir
    Path dir;

    @Test
    void newSecretsCarryAChecksumAnyoneCanCheck() {
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String s = SecretFormat.mint(i % 2 == 0 ? "live" : "test");
            assertThat(s).matches("sk_(live|test)_[0-9A-Za-z]{46}");
            assertThat(SecretFormat.isValid(s)).isTrue();
            // an independent computation of the checksum: CRC32 of the rest, 6 base62 digits
            long crc = crc(s.substring(0, s.length() - 6));
            assertThat(fromBase62(s.substring(s.length() - 6))).isEqualTo(crc);
            prefixes.add(SecretFormat.prefixOf(s));
        }
        assertThat(prefixes).hasSize(2000);
        String s = SecretFormat.mint("live");
        assertThat(SecretFormat.prefixOf(s)).hasSize(16).isEqualTo(s.substring(0, 16));
        // any one changed character breaks it
        for (int i = 8; i < s.length(); i++) {
            char c = s.charAt(i);
            String changed = s.substring(0, i) + (c == 'a' ? 'b' : 'a') + s.substring(i + 1);
            assertThat(SecretFormat.isValid(changed)).as(changed).isFalse();
        }
        assertThat(SecretFormat.isValid(HttpHardeningTest.swapCase(s))).isFalse();
        assertThat(SecretFormat.isValid("sk_prod_" + s.substring(8))).isFalse();
        assertThat(SecretFormat.isValid(s.substring(0, 8 + 31) + SecretFormat.checksum(s.substring(0, 8 + 31)))).isFalse();
        assertThat(SecretFormat.isValid(s.substring(0, 8 + 32) + SecretFormat.checksum(s.substring(0, 8 + 32)))).isTrue();
        assertThat(SecretFormat.checksum("sk_live_")).hasSize(6);
        // a known value, so the documented algorithm cannot drift
        assertThat(SecretFormat.checksum("sk_live_0000000000000000000000000000000000000000"))
                .isEqualTo(toBase62(crc("sk_live_0000000000000000000000000000000000000000"))).isEqualTo("2DxdpW");
        assertThat(SecretFormat.isValid("sk_live_00000000000000000000000000000000000000002DxdpW")).isTrue(); // SECRET-FORMAT.md
    }

    @Test
    void aFailedChecksumIsA401WithoutLookupButCounted() {
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            String secret = admin.create("K", List.of("datasets:read"), Instant.now()).path("key").asText();
            String broken = secret.substring(0, secret.length() - 1) + (secret.endsWith("0") ? "1" : "0");
            admin.as(broken).get("/v1/datasets").assertError(401, "unauthorized");
            JsonNode failed = admin.get("/v1/audit-events?type=auth.failed").json().path("data").get(0);
            assertThat(failed.path("detail").path("reason").asText()).isEqualTo("malformed_key");
            assertThat(admin.as(secret).get("/v1/datasets").status()).isEqualTo(200);
        }
    }

    @Test
    void keysOfTheOlderFormatStillAuthenticate() throws Exception {
        String legacy = "sk_live_" + "Ab3dE6gH9jKlMnOpQrStUvWxYz0123456789ABCD";
        assertThat(legacy).hasSize(48);
        String id;
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            id = Api.admin(server).get("/v1/whoami").json().path("key").path("id").asText();
        }
        // insert a key as the older server stored it: 12-character prefix, HMAC under the same pepper
        byte[] pepper = java.util.Base64.getDecoder().decode(Files.readString(dir.resolve("pepper")).trim());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(pepper, "HmacSHA256"));
        byte[] hash = mac.doFinal(legacy.getBytes(StandardCharsets.UTF_8));
        Jdbi.create("jdbc:sqlite:" + dir.resolve("keydesk.db")).useHandle(h -> h.createUpdate(
                        "INSERT INTO api_keys (id, name, prefix, secret_hash, type, status, permissions, created_at) "
                                + "VALUES ('key_legacy', 'Old', :prefix, :hash, 'live', 'active', 'datasets:read', :now)")
                .bind("prefix", legacy.substring(0, 12)).bind("hash", hash)
                .bind("now", Instant.now().getEpochSecond()).execute());
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).build())) {
            Api admin = Api.admin(server);
            Api old = admin.as(legacy);
            assertThat(old.get("/v1/datasets").status()).isEqualTo(200);
            assertThat(old.get("/v1/whoami").json().path("key").path("prefix").asText()).isEqualTo(legacy.substring(0, 12));
            old.get("/v1/queries").assertError(403, "insufficient_permission");
            admin.as(HttpHardeningTest.swapCase(legacy)).get("/v1/datasets").assertError(401, "unauthorized");
            admin.as(legacy.substring(0, 47) + "E").get("/v1/datasets").assertError(401, "unauthorized");
            assertThat(admin.post("/v1/api-keys/identify", java.util.Map.of("secret", legacy)).json()
                    .path("key").path("id").asText()).isEqualTo("key_legacy");
            assertThat(id).isNotEqualTo("key_legacy");
        }
    }

    private static long crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.US_ASCII));
        return c.getValue();
    }

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static long fromBase62(String s) {
        long v = 0;
        for (char c : s.toCharArray()) {
            v = v * 62 + DIGITS.indexOf(c);
        }
        return v;
    }

    private static String toBase62(long v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            b.insert(0, DIGITS.charAt((int) (v % 62)));
            v /= 62;
        }
        return b.toString();
    }
}
