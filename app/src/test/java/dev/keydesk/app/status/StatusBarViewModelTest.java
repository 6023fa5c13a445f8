package dev.keydesk.app.status;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.FakeKeyApi;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.keydesk.client.RetryScheduled.Reason.CONNECTION_FAILED;
import static dev.keydesk.client.RetryScheduled.Reason.RATE_LIMITED;
import static dev.keydesk.client.RetryScheduled.Reason.SERVER_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

class StatusBarViewModelTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A clock the test moves by hand (the real server's threads read it too). */
    static final class ManualClock extends Clock {
        volatile Instant now = T0;

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

    /** What the client announces before waiting {@code delay} from now (T0 unless the test moved the clock). */
    private RetryScheduled retry(long request, RetryScheduled.Reason reason, int status, int nextAttempt, Duration delay) {
        return new RetryScheduled(request, reason, status, nextAttempt, 3, delay, clock.now.plus(delay));
    }

    @Test
    void while_the_client_waits_out_a_429_it_counts_down_to_the_retry_and_clears_when_the_call_ends() {
        FakeKeyApi api = new FakeKeyApi("a", "admin:*");
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(connection(api, Environment.PRODUCTION)),
                clock, Runnable::run, Locale.US);
        assertThat(vm.retryingTextProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isFalse();

        RetryScheduled wait = retry(7, RATE_LIMITED, 429, 2, Duration.ofSeconds(12));
        api.announceRetry(wait);
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying in 12 s");
        assertThat(vm.retryingDetailsProperty().get())
                .isEqualTo("The server answered 429: the admin key is over its rate limit. KeyDesk tries again by"
                        + " itself at 10:00:12 (attempt 2 of 3). To stop waiting, press Cancel (or Stop) where it is"
                        + " loading or saving.");
        assertThat(vm.isCountingDown()).as("the view ticks every second").isTrue();
        assertThat(vm.rateLimitedTextProperty().get()).as("not the given-up countdown").isEmpty();

        clock.now = T0.plusSeconds(5);
        vm.tick();
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying in 7 s");
        clock.now = T0.plusMillis(11_200);
        vm.tick();
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying in 1 s");
        clock.now = T0.plusSeconds(14); // the retry is on the wire
        vm.tick();
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying now");
        assertThat(vm.isCountingDown()).isTrue();

        api.announceRetriesEnded(wait);
        assertThat(vm.retryingTextProperty().get()).isEmpty();
        assertThat(vm.retryingDetailsProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isFalse();
    }

    @Test
    void server_errors_and_silence_show_the_attempt_and_a_rate_limit_wait_goes_first() {
        FakeKeyApi api = new FakeKeyApi("a", "admin:*");
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(connection(api, Environment.PRODUCTION)),
                clock, Runnable::run, Locale.US);

        RetryScheduled silence = retry(1, CONNECTION_FAILED, 0, 2, Duration.ofMillis(250));
        api.announceRetry(silence);
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Server not answering — retrying (attempt 2 of 3)");
        RetryScheduled error = retry(1, SERVER_ERROR, 503, 3, Duration.ofMillis(500));
        api.announceRetry(error); // the same call, its next wait
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Server error — retrying (attempt 3 of 3)");
        assertThat(vm.retryingDetailsProperty().get()).startsWith("The server answered HTTP 503. KeyDesk tries again");

        // Another call meets the rate limit meanwhile: until when the key is blocked matters most.
        RetryScheduled limited = retry(2, RATE_LIMITED, 429, 2, Duration.ofSeconds(20));
        api.announceRetry(limited);
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying in 20 s");
        api.announceRetriesEnded(limited);
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Server error — retrying (attempt 3 of 3)");
        api.announceRetriesEnded(error);
        assertThat(vm.retryingTextProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isFalse();
    }

    @Test
    void a_429_the_client_gave_up_on_follows_its_wait_and_a_new_wait_replaces_that_countdown() {
        FakeKeyApi api = new FakeKeyApi("a", "admin:*");
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(connection(api, Environment.PRODUCTION)),
                clock, Runnable::run, Locale.US);
        RetryScheduled lastWait = retry(3, RATE_LIMITED, 429, 3, Duration.ofSeconds(2));
        api.announceRetry(lastWait);
        clock.now = T0.plusSeconds(2);
        // The last attempt met 429 again: the call ends, then the task's failure reaches the bar.
        api.announceRetriesEnded(lastWait);
        vm.report(new RateLimitedException("m", 429, null, null, null, Duration.ofSeconds(9), null));
        assertThat(vm.retryingTextProperty().get()).isEmpty();
        assertThat(vm.rateLimitedTextProperty().get()).isEqualTo("Rate limited — you can retry in 9 s");

        // The person retries at once; the client meets 429 and waits: one message, the newest.
        api.announceRetry(retry(4, RATE_LIMITED, 429, 2, Duration.ofSeconds(8)));
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Rate limited — retrying in 8 s");
        assertThat(vm.rateLimitedTextProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isTrue();
    }

    @Test
    void retry_reports_hop_to_the_fx_thread_and_those_of_a_replaced_client_are_dropped() {
        List<Runnable> fxThread = new ArrayList<>();
        FakeKeyApi first = new FakeKeyApi("a", "admin:*");
        FixedSession session = new FixedSession(connection(first, Environment.PRODUCTION));
        StatusBarViewModel vm = new StatusBarViewModel(session, clock, fxThread::add, Locale.US);

        first.announceRetry(retry(1, CONNECTION_FAILED, 0, 2, Duration.ofMillis(250)));
        assertThat(vm.retryingTextProperty().get()).as("nothing changes off the FX thread").isEmpty();
        runAll(fxThread);
        assertThat(vm.retryingTextProperty().get()).isEqualTo("Server not answering — retrying (attempt 2 of 3)");

        RetryScheduled late = retry(2, RATE_LIMITED, 429, 2, Duration.ofSeconds(30));
        first.announceRetry(late); // queued for the FX thread when the person switches servers
        FakeKeyApi second = new FakeKeyApi("b", "admin:*");
        session.set(connection(second, Environment.SANDBOX));
        assertThat(first.retryListeners).isEmpty();
        assertThat(second.retryListeners).hasSize(1);
        assertThat(vm.retryingTextProperty().get()).as("the old server's waits are not this one's").isEmpty();

        runAll(fxThread);
        assertThat(vm.retryingTextProperty().get()).isEmpty();
        assertThat(vm.isCountingDown()).isFalse();
    }

    @Test
    void a_real_servers_429_shows_while_the_client_waits_it_out(@TempDir Path dir) throws IOException {
        // One request a minute, one second before the minute turns: the second call meets a real
        // 429 with Retry-After: 1. The client's "sleep" notes what the bar shows, then moves the clock.
        clock.now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(59);
        List<String> shownWhileWaiting = new ArrayList<>();
        StatusBarViewModel[] bar = new StatusBarViewModel[1];
        RetryPolicy.Sleeper sleeper = d -> {
            shownWhileWaiting.add(bar[0].retryingTextProperty().get() + " / counting down: " + bar[0].isCountingDown());
            clock.now = clock.now.plus(d);
        };
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0)
                .rateLimits(1, 100).clock(clock).build());
             Secret secret = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
             KeyApi api = KeyApis.builder().baseUrl(server.baseUri()).secret(secret).clock(clock)
                     .retryPolicy(RetryPolicy.defaults().withSleeper(sleeper)).build()) {
            Profile local = new Profile("l", "Local", server.baseUri().toString(), Environment.LOCAL,
                    Profile.KeySource.SESSION_ONLY, null);
            FixedSession session = new FixedSession(new Connection(local, api, api.whoami(), Catalog.builtIn(),
                    KeyPolicy.defaults())); // whoami: the minute's one request
            bar[0] = new StatusBarViewModel(session, clock, Runnable::run, Locale.US);

            assertThat(api.listKeys(null).data()).isNotEmpty();

            // The server names the window it hit (limit_scope key_minute), and the bar says so.
            assertThat(shownWhileWaiting).containsExactly(
                    "Rate limited (per minute) — retrying in 1 s / counting down: true");
            assertThat(bar[0].retryingTextProperty().get()).as("cleared once the list came").isEmpty();
            assertThat(bar[0].rateLimitedTextProperty().get()).isEmpty();
            assertThat(bar[0].isCountingDown()).isFalse();
        }
    }

    private static void runAll(List<Runnable> queue) {
        List<Runnable> now = new ArrayList<>(queue);
        queue.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void connection_problems_come_with_the_action_that_fixes_them(@TempDir Path dir) {
        Map<String, FakeKeyApi> apis = new java.util.HashMap<>();
        apis.put("https://prod.example.com", new FakeKeyApi("a", "admin:*"));
        ConnectionManager manager = new ConnectionManager(new CurrentThreadTaskRunner(), new ScriptedDialogs(true),
                new ProfileStore(dir.resolve("profiles.json")), new AdminKeys(FakeKeyring.unavailable(), n -> "sk_live_x"),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                (dialect, url, secret) -> apis.get(url.toString()));
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
                (dialect, url, secret) -> api);
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

    @Test
    void a_429_names_its_limit_and_a_blocked_address_does_not_blame_the_key() {
        StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(null), clock, Runnable::run, Locale.US);
        vm.report(new RateLimitedException("m", 429, null, null, null, Duration.ofSeconds(30),
                RateLimitedException.ADDRESS_FAILED_AUTH, null));
        assertThat(vm.rateLimitedTextProperty().get())
                .isEqualTo("Too many failed authentications from this address; every request from it waits 30 s");
        clock.now = T0.plusSeconds(10);
        vm.tick();
        assertThat(vm.rateLimitedTextProperty().get()).endsWith("waits 20 s");

        vm.report(new RateLimitedException("m", 429, null, null, null, Duration.ofSeconds(5),
                RateLimitedException.KEY_MINUTE, null));
        assertThat(vm.rateLimitedTextProperty().get()).isEqualTo("Rate limited (per minute) — you can retry in 5 s");

        RetryScheduled blocked = new RetryScheduled(1, RATE_LIMITED, 429, 2, 3, Duration.ofSeconds(8),
                clock.now.plusSeconds(8), RetryScheduled.Limit.ADDRESS_FAILED_AUTH);
        assertThat(StatusTexts.retrying(blocked, clock.now)).isEqualTo("Address blocked after failed authentications "
                + "— retrying in 8 s");
        assertThat(StatusTexts.retryingDetails(blocked, ZoneOffset.UTC)).contains("Too many failed authentications "
                + "from this address; every request from it waits 8 s").doesNotContain("over its rate limit");
    }

    @Test
    void failed_authentications_from_loopback_then_a_valid_call_get_the_address_message(@TempDir Path dir)
            throws IOException {
        // The server's clock stands still 5 s into a minute, so the block cannot lapse mid-test.
        try (LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir).port(0)
                .failedAuthPerMinute(3).clock(dev.keydesk.core.testing.MutableClock.atMinute(5)).build());
             Secret valid = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
             Secret wrong = Secret.of("sk_live_this_key_does_not_exist_0123456789");
             KeyApi bad = KeyApis.builder().baseUrl(server.baseUri()).secret(wrong).retryPolicy(RetryPolicy.none())
                     .build();
             KeyApi good = KeyApis.builder().baseUrl(server.baseUri()).secret(valid).retryPolicy(RetryPolicy.none())
                     .build()) {
            RateLimitedException limited = null;
            for (int i = 0; i < 10 && limited == null; i++) {
                try {
                    bad.whoami();
                } catch (UnauthorizedException expected) {
                    // one more failed authentication from 127.0.0.1
                } catch (RateLimitedException e) {
                    limited = e;
                }
            }
            assertThat(limited).as("the address was blocked after the failed authentications").isNotNull();
            RateLimitedException onValid = org.assertj.core.api.Assertions.catchThrowableOfType(
                    RateLimitedException.class, () -> good.listKeys(null));
            assertThat(onValid.limitScope()).contains(RateLimitedException.ADDRESS_FAILED_AUTH);

            StatusBarViewModel vm = new StatusBarViewModel(new FixedSession(null), clock, Runnable::run, Locale.US);
            assertThat(vm.report(onValid)).isTrue();
            assertThat(vm.rateLimitedTextProperty().get())
                    .isEqualTo("Too many failed authentications from this address; every request from it waits 55 s");
            assertThat(dev.keydesk.core.common.ErrorMessages.describe(onValid, "load the keys").whatHappened())
                    .startsWith("Too many failed authentications from this address; every request from it waits ");
        }
    }

    @Test
    void the_embedded_servers_refused_admin_key_is_reset_from_the_banner(@TempDir Path dir) {
        ScriptedDialogs dialogs = new ScriptedDialogs(true);
        ConnectionManager manager = new ConnectionManager(new CurrentThreadTaskRunner(), dialogs,
                new ProfileStore(dir.resolve("profiles.json")), new AdminKeys(FakeKeyring.unavailable(), n -> null),
                new EmbeddedServer(dir.resolve("local")), dev.keydesk.core.connection.ApiFactory.http());
        try {
            StatusBarViewModel vm = new StatusBarViewModel(manager, clock, Runnable::run, Locale.US);
            manager.connect(ProfileStore.EMBEDDED);
            Connection first = manager.current().orElseThrow();
            int keysBefore = first.api().listAllKeys(n -> { }).size();
            first.api().revokeKey(first.connectedKeyId().orElseThrow());
            UnauthorizedException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    UnauthorizedException.class, () -> first.api().listAllKeys(n -> { }));

            assertThat(vm.report(refused)).isTrue();
            assertThat(vm.problemProperty().get().title()).isEqualTo("Local admin key refused");
            assertThat(vm.problemActionProperty().get()).isEqualTo(StatusBarViewModel.RESET_LOCAL_ADMIN_ACTION);
            assertThat(manager.localAdminRefused()).isTrue();

            vm.performProblemAction(null);

            assertThat(dialogs.confirmations).anyMatch(c -> c.contains("mints a new admin key")
                    && c.contains("Every other key stays as it is") && c.contains("old admin key stays revoked"));
            assertThat(manager.stateProperty().get().isConnected()).isTrue();
            assertThat(vm.problemProperty().get()).isNull();
            Connection again = manager.current().orElseThrow();
            assertThat(again.connectedKeyId()).isPresent().isNotEqualTo(first.connectedKeyId());
            // The revoked admin key is gone from the list, the new one is in it: every other key is kept.
            assertThat(again.api().listAllKeys(n -> { })).hasSize(keysBefore);
        } finally {
            manager.close();
        }
    }
}
