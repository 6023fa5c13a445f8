package dev.keydesk.core.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who keeps the embedded server running: connections until released, probes while they borrow it. */
class EmbeddedServerTest {

    @TempDir
    Path dir;

    private int launched;
    private int stopped;

    private EmbeddedServer server() {
        return new EmbeddedServer(dir.resolve("local"), (dataDir, demoKeys) -> {
            launched++;
            return new EmbeddedServer.Running() {
                public URI baseUri() { return URI.create("http://127.0.0.1:5555"); }
                public Path bootstrapKeyFile() { return dataDir.resolve("bootstrap.key"); }
                public void close() { stopped++; }
            };
        });
    }

    @Test
    void a_probe_stops_the_server_it_started() {
        EmbeddedServer server = server();
        URI seen = server.borrow(EmbeddedServer.Running::baseUri);

        assertThat(seen).isEqualTo(URI.create("http://127.0.0.1:5555"));
        assertThat(launched).isEqualTo(1);
        assertThat(stopped).isEqualTo(1);
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void a_probe_that_fails_stops_the_server_it_started_too() {
        EmbeddedServer server = server();
        // The probe's failure is the caller's to show: borrow passes it on.
        assertThatThrownBy(() -> server.borrow(running -> { throw new IllegalStateException("whoami failed"); }))
                .isInstanceOf(IllegalStateException.class).hasMessage("whoami failed");
        assertThat(server.isRunning()).isFalse();
        assertThat(stopped).isEqualTo(1);
    }

    @Test
    void a_probe_leaves_the_server_of_a_connection_running() {
        EmbeddedServer server = server();
        server.start(0);
        server.borrow(EmbeddedServer.Running::baseUri);

        assertThat(server.isRunning()).isTrue();
        assertThat(launched).isEqualTo(1);
        assertThat(stopped).isZero();
    }

    @Test
    void a_connection_that_starts_during_a_probe_keeps_the_server() {
        EmbeddedServer server = server();
        server.borrow(running -> server.start(0));

        assertThat(server.isRunning()).isTrue();
        assertThat(launched).isEqualTo(1);
        assertThat(stopped).isZero();
    }

    @Test
    void released_during_a_probe_it_stops_when_the_probe_ends() {
        EmbeddedServer server = server();
        server.start(0);
        server.borrow(running -> {
            server.release();
            assertThat(server.isRunning()).isTrue(); // not under the probe's feet
            return null;
        });
        assertThat(server.isRunning()).isFalse();
        assertThat(stopped).isEqualTo(1);
    }

    @Test
    void close_stops_it_whoever_uses_it_and_it_can_start_again() {
        EmbeddedServer server = server();
        server.start(0);
        server.close();
        assertThat(server.isRunning()).isFalse();
        server.start(0);
        assertThat(launched).isEqualTo(2);
    }
}
