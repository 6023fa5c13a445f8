package dev.keydesk.app.status;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.FakeKeyApi;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The status bar as a person sees it, with the connection manager behind it (scripted client). */
@ExtendWith(ApplicationExtension.class)
class StatusBarFxTest {

    @TempDir
    static Path dir;

    private static final Profile PROD = new Profile("p-prod", "Prod", "https://prod.example.com",
            Environment.PRODUCTION, Profile.KeySource.ENVIRONMENT, "KD");

    private final Map<String, FakeKeyApi> apis = new HashMap<>();
    private ConnectionManager manager;
    private StatusBar bar;

    @Start
    void start(Stage stage) {
        apis.put(PROD.baseUrl(), new FakeKeyApi("Admin", "admin:*"));
        manager = new ConnectionManager(new CurrentThreadTaskRunner(), new ScriptedDialogs(true),
                new ProfileStore(dir.resolve("profiles-" + System.nanoTime() + ".json")),
                new AdminKeys(FakeKeyring.unavailable(), n -> "sk_live_x"),
                new EmbeddedServer(dir.resolve("local"), (d, n) -> { throw new IllegalStateException(); }),
                (dialect, url, secret) -> apis.get(url.toString()));
        manager.connect(PROD);
        bar = new StatusBar(manager);
        stage.setScene(new Scene(bar, 1000, 40));
        stage.show();
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        robot.interact(manager::close);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean visible(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.isVisible() && node.getScene() != null;
    }

    @Test
    void shows_the_environment_and_the_connection(FxRobot robot) {
        assertThat(text(robot, ".environment-badge")).isEqualTo("PRODUCTION");
        assertThat(text(robot, "#connectionLabel")).isEqualTo("Prod · https://prod.example.com");
        assertThat(visible(robot, "#problemBox")).isFalse();
    }

    @Test
    void shows_the_budget_reported_on_the_clients_thread(FxRobot robot) throws Exception {
        Instant reset = Instant.now().plus(Duration.ofMinutes(42)).plusSeconds(30);
        // The real client tells its listeners on its own thread: do the same.
        CompletableFuture.runAsync(() -> apis.get(PROD.baseUrl())
                .announce(new RateLimitStatus(10_000, 9_847, reset, Instant.now()))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#rateLimitLabel")).matches("9[,.\u00a0\u202f]?847 / 10[,.\u00a0\u202f]?000 requests left · resets in 4[23] min");
        assertThat(visible(robot, "#rateLimitLabel")).isTrue();
    }

    @Test
    void the_clients_wait_to_retry_shows_while_it_lasts(FxRobot robot) throws Exception {
        FakeKeyApi api = apis.get(PROD.baseUrl());
        RetryScheduled wait = new RetryScheduled(1, RetryScheduled.Reason.RATE_LIMITED, 429, 2, 3,
                Duration.ofSeconds(30), Instant.now().plusSeconds(30));
        // The real client tells its retry listeners on the calling (worker) thread: do the same.
        CompletableFuture.runAsync(() -> api.announceRetry(wait)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(visible(robot, "#retryingLabel")).isTrue();
        assertThat(text(robot, "#retryingLabel")).matches("Rate limited — retrying in \\d+ s"); // counted from now: no exact figure
        assertThat(robot.lookup("#retryingLabel").queryAs(Label.class).getTooltip().getText())
                .contains("tries again by itself at").contains("Cancel");

        CompletableFuture.runAsync(() -> api.announceRetriesEnded(wait)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#retryingLabel")).isFalse();
    }

    @Test
    void a_401_shows_a_banner_with_reconnect(FxRobot robot) {
        robot.interact(() -> bar.report(new UnauthorizedException("u", 401, null, "req_7", null, null)));

        assertThat(visible(robot, "#problemBox")).isTrue();
        assertThat(text(robot, "#problemLabel")).startsWith("Admin key refused: The admin key for “Prod” was refused");
        assertThat(robot.lookup("#problemAction").queryButton().getText()).isEqualTo("Reconnect…");
    }

    @Test
    void server_down_shows_a_banner_and_retry_reconnects(FxRobot robot) {
        apis.put(PROD.baseUrl(), FakeKeyApi.failing(new TransportException("refused", false, null)));
        robot.interact(manager::reconnect);

        assertThat(visible(robot, "#problemBox")).isTrue();
        assertThat(text(robot, "#problemLabel")).startsWith("Server unreachable");
        Button retry = robot.lookup("#problemAction").queryButton();
        assertThat(retry.getText()).isEqualTo("Retry");
        assertThat(text(robot, ".environment-badge")).isEqualTo("NOT CONNECTED");

        apis.put(PROD.baseUrl(), new FakeKeyApi("Admin", "admin:*"));
        robot.clickOn(retry);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(visible(robot, "#problemBox")).isFalse();
        assertThat(text(robot, ".environment-badge")).isEqualTo("PRODUCTION");
    }

    @Test
    void a_429_shows_the_countdown_and_transient_messages_show(FxRobot robot) {
        robot.interact(() -> {
            bar.showRateLimited(Duration.ofSeconds(12));
            bar.showTransientMessage("Key revoked");
            bar.setLastRefresh(Instant.now());
        });
        assertThat(text(robot, "#rateLimitedLabel")).matches("Rate limited — you can retry in 1[12] s");
        assertThat(text(robot, "#transientLabel")).isEqualTo("Key revoked");
        assertThat(text(robot, "#lastRefreshLabel")).isEqualTo("Refreshed just now");
    }
}
