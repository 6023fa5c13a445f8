package dev.keydesk.core.connection;

import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionProblemTest {

    @TempDir
    Path dir;

    private static final Profile PROD = new Profile("p", "Prod", "https://keys.example.com", Environment.PRODUCTION,
            Profile.KeySource.KEYRING, null);

    @Test
    void the_embedded_server_refusing_its_own_key_offers_a_reset_not_a_dead_end() {
        EmbeddedServer embedded = new EmbeddedServer(dir.resolve("local"));
        UnauthorizedException refused = new UnauthorizedException("m", 401, "unauthorized", "req_1", null, null);

        ConnectionProblem p = ConnectionProblem.whileConnecting(ProfileStore.EMBEDDED, refused, embedded, "Connections…");
        assertThat(p.remedy()).isEqualTo(Remedy.RESET_LOCAL_ADMIN);
        assertThat(p.message().whatHappened()).contains("refused its own admin key").contains("bootstrap.key");
        assertThat(p.message().whatToDo()).contains("mints a new admin key for this local folder")
                .contains("every other key stays").contains("old admin key stays revoked");
        assertThat(p.message().requestId()).isEqualTo("req_1");

        assertThat(ConnectionProblem.remedyFor(ProfileStore.EMBEDDED, refused)).contains(Remedy.RESET_LOCAL_ADMIN);
        assertThat(ConnectionProblem.remedyFor(PROD, refused)).contains(Remedy.FIX_KEY);
        assertThat(ConnectionProblem.whileConnecting(PROD, refused, embedded, "Connections…").remedy())
                .isEqualTo(Remedy.FIX_KEY);
        assertThat(ConnectionProblem.remedyFor(ProfileStore.EMBEDDED, new TransportException("down", false, null)))
                .contains(Remedy.RETRY);
    }
}
