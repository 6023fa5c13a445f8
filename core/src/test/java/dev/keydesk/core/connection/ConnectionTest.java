package dev.keydesk.core.connection;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTest {

    private static final Profile PROFILE = new Profile("p", "Prod", "https://keys.example", Environment.PRODUCTION,
            Profile.KeySource.SESSION_ONLY, null);

    private static Connection connectedAs(String keyId) {
        Optional<WhoAmI> whoami = keyId == null ? Optional.empty() : Optional.of(new WhoAmI(
                new ApiKey(keyId, "admin", "sk_live_adm", List.of(Permission.ADMIN_ALL), Instant.EPOCH, null, null,
                        null, null, "live", "active", null, null), List.of(Permission.ADMIN_ALL)));
        return new Connection(PROFILE, null, whoami, Catalog.builtIn(), KeyPolicy.defaults());
    }

    @Test
    void theConnectedKeyGoesLastAndTheRestKeepTheirOrder() {
        Connection c = connectedAs("key_me");
        List<String> ids = List.of("key_a", "key_me", "key_b", "key_c");
        assertThat(c.connectedKeyLast(ids, Function.identity())).containsExactly("key_a", "key_b", "key_c", "key_me");
        assertThat(c.isConnectedKey("key_me")).isTrue();
        assertThat(c.isConnectedKey("key_a")).isFalse();
        assertThat(c.connectedKeyId()).contains("key_me");
    }

    @Test
    void aServerThatCannotSayWhoIsCallingMarksNoKeyAsConnected() {
        Connection c = connectedAs(null);
        List<String> ids = List.of("key_a", "key_me");
        assertThat(c.connectedKeyLast(ids, Function.identity())).containsExactly("key_a", "key_me");
        assertThat(c.isConnectedKey("key_me")).isFalse();
        assertThat(c.connectedKeyId()).isEmpty();
    }
}
