package dev.keydesk.app.status;

import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.connection.AdminKeys;
import dev.keydesk.app.connection.Connection;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.EmbeddedServer;
import dev.keydesk.app.connection.Environment;
import dev.keydesk.app.connection.FakeKeyApi;
import dev.keydesk.app.connection.FakeKeyring;
import dev.keydesk.app.connection.Profile;
import dev.keydesk.app.connection.ProfileStore;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.RateLimitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusBarViewModelTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = T0;

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final ManualClock clock = new ManualClock();

    static Connection connection(FakeKeyApi api, Environment environment) {
        Profile p = new Profile("p", "Prod", "https://prod.example.com", environment, Profile.KeySource.SESSION_ONLY, null);
        return new Connection(p, api, Optional.of(api.whoami), Catalog.builtIn(), KeyPolicy.defaults());
    }

    @Test
    void shows_the_budget_from_the_clients_reports_and_follows_connection_changes() {
        FakeKeyApi first = new FakeKeyApi("a", "admin:*");
        FixedSession session = new FixedSession(connection(first, Environment.PRODUCTION));
        StatusBarViewModel vm = new StatusBarViewModel(session, clock, Runnable::run, Locale.US);

        assertThat(vm.connectionTextProperty().get()).isEqualTo("Prod · https://prod.example.com");
        assertThat(vm.rateLimitTextProperty().get()).isEmpty();
        first.announce(new RateLimitStatus(10_000, 9_847, T0.plus(Duration.ofMinutes(42)), T0));
        assertThat(vm.rateLimitTextProperty().get()).isEqualTo("9,847 / 10,000 requests left · resets in 42 min");

        clock.now = T0.plus(Duration.ofMinutes(12));
        vm.tick();
        assertThat(vm.rateLimitTextProperty().get()).endsWith("resets in 30 min");

        FakeKeyApi second = new FakeKeyApi("b", "admin:*");
        session.set(connection(second, Environment.SANDBOX));
        assertThat(first.listeners).isEmpty();
        assertThat(second.listeners).hasSize(1);
        assertThat(vm.rateLimitTextProperty().get()).isEmpty();
    }

    @Test
    void last_refresh_moves_with_the_clock() {
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(null), clock, Runnable::run, Locale.US);
        vm.setLastRefresh(T0);
        assertThat(vm.lastRefreshTextProperty().get()).isEqualTo("Refreshed just now");
        clock.now = T0.plus(Duration.ofMinutes(3));
        vm.tick();
        assertThat(vm.lastRefreshTextProperty().get()).isEqualTo("Refreshed 3 min ago");
    }

    @Test
    void a_429_counts_down_and_then_goes_away() {
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(null), clock, Runnable::run, Locale.US);
        assertThat(vm.report(new RateLimitedException("m", 429, null, null, null, Duration.ofSeconds(12), null))).isTrue();
        assertThat(vm.rateLimitedTextProperty().get()).isEqualTo("Rate limited — you can retry in 12 s");
        clock.now = T0.plusSeconds(5);
        vm.tick();
        assertThat(vm.rateLimitedTextProperty().get()).isEqualTo("Rate limited — you can retry in 7 s");
        clock.now = T0.plusSeconds(13);
        vm.tick();
        assertThat(vm.rateLimitedTextProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isFalse();
    }

    @Test
    void connection_problems_come_with_the_action_that_fixes_them(@TempDir Path dir) {
        Map<String, FakeKeyApi> apis = new java.util.HashMap<>();
        apis.put("https://prod.example.com", new FakeKeyApi("a", "admin:*"));
        ConnectionManager manager = new ConnectionManager(new CurrentThreadTaskRunner(), new ScriptedDialogs(true),
                new ProfileStore(dir.resolve("profiles.json")), new AdminKeys(FakeKeyring.unavailable(), n -> "sk_live_x"),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                (url, secret) -> apis.get(url.toString()));
        StatusBarViewModel vm = new StatusBarViewModel(manager, clock, Runnable::run, Locale.US);
        Profile prod = new Profile("p", "Prod", "https://prod.example.com", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "KD");

        manager.connect(prod);
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Prod · https://prod.example.com");

        vm.report(new UnauthorizedException("u", 401, null, null, null, null));
        assertThat(vm.problemProperty().get().title()).isEqualTo("Admin key refused");
        assertThat(vm.problemActionProperty().get()).isEqualTo("Reconnect…");

        apis.put("https://prod.example.com", FakeKeyApi.failing(new TransportException("down", false, null)));
        manager.reconnect();
        assertThat(vm.problemProperty().get().title()).isEqualTo("Server unreachable");
        assertThat(vm.problemActionProperty().get()).isEqualTo("Retry");
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Not connected to Prod");

        apis.put("https://prod.example.com", new FakeKeyApi("a", "admin:*"));
        vm.performProblemAction(null); // Retry
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }

    @Test
    void a_server_still_failing_after_retries_shows_retry(@TempDir Path dir) {
        FakeKeyApi api = new FakeKeyApi("a", "admin:*");
        ConnectionManager manager = new ConnectionManager(new CurrentThreadTaskRunner(), new ScriptedDialogs(true),
                new ProfileStore(dir.resolve("profiles.json")), new AdminKeys(FakeKeyring.unavailable(), n -> "sk_live_x"),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                (url, secret) -> api);
        StatusBarViewModel vm = new StatusBarViewModel(manager, clock, Runnable::run, Locale.US);
        manager.connect(new Profile("p", "Prod", "https://prod.example.com", Environment.PRODUCTION,
                Profile.KeySource.ENVIRONMENT, "KD"));

        // What a key list load ends with when the server answers 503 to every retry.
        assertThat(vm.report(new ServerException("unavailable", 503, "internal_error", "req_3", null, null))).isTrue();
        assertThat(vm.problemProperty().get().whatHappened()).isEqualTo("The server failed (HTTP 503).");
        assertThat(vm.problemActionProperty().get()).isEqualTo("Retry");
        assertThat(vm.connectionTextProperty().get()).isEqualTo("Prod · https://prod.example.com");

        vm.performProblemAction(null);
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(manager.stateProperty().get().isConnected()).isTrue();
    }
}
