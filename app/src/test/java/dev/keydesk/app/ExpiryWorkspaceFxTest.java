package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.expiry.ExpiryCalendarView;
import dev.keydesk.app.expiry.ExpiryPanelView;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.expiry.ExpiryCap;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.ExpiryOverview;
import dev.keydesk.core.expiry.ExpiryRules;
import dev.keydesk.core.testing.TestBackend;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.keydesk.app.MainWindowFixture.onFx;
import static dev.keydesk.app.MainWindowFixture.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keys workspace's expiry panel and calendar in the real main window against the real local
 * server with demo data: the groups and their counts, a group filtering the table, extending a
 * group within the policy and spreading a cluster (the server's keys really move), the notice.
 */
@ExtendWith(ApplicationExtension.class)
class ExpiryWorkspaceFxTest {

    private static final KeyCodeCombination CTRL_SHIFT_X =
            new KeyCodeCombination(KeyCode.X, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCodeCombination CTRL_SHIFT_L =
            new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    @TempDir
    Path dir;
    private TestBackend backend;
    private MainWindowFixture window;
    private dev.keydesk.core.connection.Profile profile;
    private final AppSettings settings = new AppSettings(new MemoryPreferences());

    @Start
    void start(Stage stage) throws IOException {
        window = MainWindowFixture.show(stage, dir.resolve("home"), settings);
    }

    @AfterEach
    void close(FxRobot robot) {
        window.close(robot);
        if (backend != null) {
            backend.close();
        }
    }

    private void connect(FxRobot robot, int demoKeys) {
        backend = TestBackend.start(dir.resolve("server"), demoKeys);
        profile = window.connect(robot, backend, "Team server", Environment.SANDBOX);
        window.waitForRows(robot, serverKeys().stream().map(ApiKey::id).toList());
    }

    private List<ApiKey> serverKeys() {
        return backend.call(api -> api.listAllKeys(n -> { }));
    }

    @Test
    void theGroupsCountTheDemoKeysAndOneClickShowsThem(FxRobot robot) {
        connect(robot, 60);
        ExpiryOverview expected = ExpiryOverview.of(serverKeys(), Instant.now(), ExpiryRules.DEFAULTS);
        assertThat(expected.count(ExpiryGroup.WITHIN_WEEK)).as("demo data has keys expiring this week").isPositive();
        assertThat(expected.count(ExpiryGroup.EXPIRED)).isPositive();
        for (ExpiryGroup group : ExpiryGroup.values()) {
            assertThat(tileCount(robot, group)).as(group.label()).isEqualTo(expected.count(group));
        }

        robot.clickOn(tileButton(robot, ExpiryGroup.EXPIRED));
        waitUntil("the table shows the expired keys", () -> Set.copyOf(window.shownIds(robot))
                .equals(expected.ids(ExpiryGroup.EXPIRED)));
        Label chip = robot.lookup("#subsetLabel").queryAs(Label.class);
        assertThat(onFx(chip::getText)).isEqualTo("Expired (" + expected.count(ExpiryGroup.EXPIRED) + ")");
        assertThat(onFx(() -> chip.getParent().getParent().isVisible())).as("the filter shows it is on").isTrue();

        robot.clickOn(window.table(robot));
        robot.type(KeyCode.ESCAPE);
        waitUntil("Escape shows every key again", () -> window.shownIds(robot).size() == serverKeys().size());
        assertThat(onFx(() -> chip.getParent().getParent().isVisible())).isFalse();

        // The notice: keys expire within 7 days, shown once for this connection today.
        Label notice = robot.lookup(".notice .notice-title").queryAs(Label.class);
        assertThat(onFx(notice::getText)).isEqualTo(expected.count(ExpiryGroup.WITHIN_WEEK) + " keys expire within 7 days");
        assertThat(settings.lastExpiryNotice(profile.id()))
                .contains(LocalDate.now());

        // Folding is remembered.
        robot.clickOn(robot.lookup(".expiry-panel-title").queryButton());
        waitUntil("folded", settings::expiryPanelCollapsed);
        assertThat(onFx(() -> robot.lookup(".expiry-summary").queryLabeled().getText()))
                .startsWith(expected.count(ExpiryGroup.EXPIRED) + " expired · ");
    }

    @Test
    void extendingAGroupMovesTheServersKeysWithinThePolicy(FxRobot robot) {
        connect(robot, 60);
        Instant now = Instant.now();
        List<ApiKey> group = ExpiryOverview.of(serverKeys(), now, ExpiryRules.DEFAULTS).keys(ExpiryGroup.WITHIN_WEEK);
        Map<String, Instant> before = new HashMap<>();
        group.forEach(k -> before.put(k.id(), k.expiresAt()));

        robot.clickOn(tileAction(robot, ExpiryGroup.WITHIN_WEEK, "Extend…"));
        Stage dialog = window.waitForWindow("Extend " + group.size() + " keys — Expire within 7 days");
        Button apply = robot.from(dialog.getScene().getRoot()).lookup("#applyButton").queryButton();
        assertThat(onFx(apply::getText)).isEqualTo("Change " + group.size() + " keys");
        assertThat(backend.call(api -> api.getKey(group.get(0).id())).key().expiresAt())
                .as("nothing sent before Apply").isEqualTo(before.get(group.get(0).id()));
        robot.clickOn(apply);
        Label summary = robot.from(dialog.getScene().getRoot()).lookup(".changes-summary").queryAs(Label.class);
        waitUntil("the keys were changed", () -> summary.getText().startsWith(group.size() + " keys changed"));

        Instant cap = ExpiryCap.latest(backend.connection().policy(), Instant.now());
        for (ApiKey k : group) {
            Instant moved = backend.call(api -> api.getKey(k.id())).key().expiresAt();
            assertThat(moved).as(k.name()).isEqualTo(before.get(k.id()).plus(Duration.ofDays(30)))
                    .isBefore(cap);
        }
        robot.clickOn(robot.from(dialog.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("the dialog closed", () -> !dialog.isShowing());
        waitUntil("the panel counts again", () -> tileCount(robot, ExpiryGroup.WITHIN_WEEK) == 0);

        // The selected keys, by keyboard: the same preview.
        window.clickRow(robot, group.get(0).id());
        robot.push(CTRL_SHIFT_X);
        Stage selected = window.waitForWindow("Extend 1 key — the selected key");
        robot.clickOn(robot.from(selected.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("closed", () -> !selected.isShowing());
    }

    @Test
    void theCalendarShowsAClusterAndSpreadingItMovesTheKeys(FxRobot robot) {
        backend = TestBackend.start(dir.resolve("server"), 12);
        ZoneId zone = ZoneId.systemDefault();
        LocalDate day = LocalDate.now(zone).plusDays(45);
        List<String> cluster = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CreatedKey created = backend.call(api -> api.createKey(new KeyCreateParams("Batch job " + cluster.size(),
                    null, "test", List.of(Permission.parse("jobs:read")),
                    day.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant())));
            created.secret().ifPresent(s -> s.wipe());
            cluster.add(created.key().id());
        }
        window.connect(robot, backend, "Team server", Environment.SANDBOX);
        window.waitForRows(robot, serverKeys().stream().map(ApiKey::id).toList());

        robot.clickOn(window.table(robot));
        robot.push(CTRL_SHIFT_L);
        Hyperlink link = robot.lookup(".cluster-link").match(n -> day.equals(n.getUserData())).query();
        assertThat(onFx(link::getText)).endsWith("12 keys");
        assertThat(onFx(() -> robot.lookup("." + ExpiryCalendarView.STRIP_CELL)
                .match(n -> day.equals(n.getUserData())).query().getStyleClass())).contains("level-cluster");
        robot.clickOn(link);
        @SuppressWarnings("unchecked")
        ListView<KeyRow> dayKeys = robot.lookup(".calendar-day .list-view").queryAs(ListView.class);
        waitUntil("the day's keys are listed", () -> dayKeys.getItems().size() == 12);

        robot.clickOn(robot.lookup("#spreadButton").queryButton());
        Stage dialog = window.waitForWindow("Spread 12 keys expiring on "
                + java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                .withLocale(java.util.Locale.getDefault()).format(day));
        robot.clickOn(robot.from(dialog.getScene().getRoot()).lookup("#applyButton").queryButton());
        Label summary = robot.from(dialog.getScene().getRoot()).lookup(".changes-summary").queryAs(Label.class);
        waitUntil("the keys were spread", () -> summary.getText().startsWith("11 keys changed"));

        Instant cap = ExpiryCap.latest(backend.connection().policy(), Instant.now());
        List<LocalDate> days = new ArrayList<>();
        for (String id : cluster) {
            Instant at = backend.call(api -> api.getKey(id)).key().expiresAt();
            assertThat(at).isAfter(Instant.now()).isBeforeOrEqualTo(cap);
            days.add(LocalDate.ofInstant(at, zone));
        }
        assertThat(days).doesNotHaveDuplicates().allSatisfy(d -> assertThat(d).isBetween(day, day.plusDays(13)));
        robot.clickOn(robot.from(dialog.getScene().getRoot()).lookup("#closeButton").queryButton());
        waitUntil("the cluster is gone from the calendar",
                () -> robot.lookup(".cluster-link").match(n -> day.equals(n.getUserData())).tryQuery().isEmpty());
    }

    // ---- the panel's tiles --------------------------------------------------------------------

    private static Node tile(FxRobot robot, ExpiryGroup group) {
        return robot.lookup("." + ExpiryPanelView.TILE).match(n -> n.getUserData() == group).query();
    }

    private static int tileCount(FxRobot robot, ExpiryGroup group) {
        Label count = robot.from(tile(robot, group)).lookup(".tile-count").queryAs(Label.class);
        return Integer.parseInt(onFx(count::getText));
    }

    private static Button tileButton(FxRobot robot, ExpiryGroup group) {
        return robot.from(tile(robot, group)).lookup(".tile-show").queryButton();
    }

    private static Button tileAction(FxRobot robot, ExpiryGroup group, String text) {
        return robot.from(tile(robot, group)).lookup(".tile-action")
                .match((Button b) -> text.equals(b.getText())).queryButton();
    }
}
