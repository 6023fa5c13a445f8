package dev.keydesk.core.connection;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void aWhoamiThatDescribesThePersonNotTheKeyGatesNothing() {
        // Narrative's whoami: a user and the user's permissions, nothing about the token, whose
        // access_tokens grants it does not list (its resource enum has none).
        WhoAmI person = new WhoAmI(null, List.of(Permission.of("datasets", "read")), "Jane Doe", "Acme");
        Capabilities narrative = Capabilities.of(Dialect.NARRATIVE,
                Map.of(Capability.WHOAMI_NAMES_KEY, "Narrative's whoami names the user, not the token."));
        Connection c = new Connection(PROFILE, null, Optional.of(person), Catalog.builtIn(), KeyPolicy.defaults(),
                narrative);
        assertThat(c.holds(Permission.of("access_tokens", "write"))).isTrue();
        assertThat(c.knowsConnectedKey()).isFalse();
        assertThat(c.whyNot(Capability.WHOAMI_NAMES_KEY)).get().asString().contains("not the token");

        // Where whoami names the key, its permissions are the key's and do gate.
        WhoAmI key = new WhoAmI(new ApiKey("key_r", "reader", "sk_live_r", List.of(Permission.of("datasets", "read")),
                Instant.EPOCH, null, null, null, null, "live", "active", null, null),
                List.of(Permission.of("datasets", "read")));
        Connection keydesk = new Connection(PROFILE, null, Optional.of(key), Catalog.builtIn(), KeyPolicy.defaults());
        assertThat(keydesk.holds(Permission.of("access_tokens", "write"))).isFalse();
        assertThat(keydesk.knowsConnectedKey()).isTrue();
    }
}
