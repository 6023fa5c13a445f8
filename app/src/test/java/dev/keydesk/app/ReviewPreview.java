package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.review.KeyReviewViewModel;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.Secret;

import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.ProfileStore;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.rotation.Grace;
import dev.keydesk.core.rotation.Rotator;
import dev.keydesk.core.testing.OffsetClock;
import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.ServerOptions;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only launcher for the README's screenshots of the Review workspace and the cutover tracker
 * (under Xvfb, {@code tools/screenshot.sh}): the real main window against a real local server
 * with demo data, plus keys made "120 days ago" that this launcher uses itself, one rotation whose
 * old key is still called and one whose old key went quiet. {@code review} or {@code cutover}.
 */
public final class ReviewPreview extends Application {

    private static final java.time.Duration AGO = java.time.Duration.ofDays(120);

    private final OffsetClock clock = new OffsetClock(java.time.Duration.ZERO);
    private URI base;

    @Override
    public void start(Stage stage) throws Exception {
        String what = getParameters().getRaw().isEmpty() ? "review" : getParameters().getRaw().get(0);
        Path dir = Files.createTempDirectory("keydesk-review-preview");
        LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder().dataDir(dir.resolve("server")).port(0)
                .demoKeys(60).clock(clock).build());
        base = server.baseUri();
        Secret admin = Secret.of(Files.readString(server.bootstrapKeyFile()).trim());
        AppPaths paths = AppPaths.of(dir.resolve("home"));
        try (KeyApi api = KeyApis.builder().baseUrl(base).secret(admin).build()) {
            CreatedKey billing = old(api, "Billing export (prod)", "datasets:read", "datasets:write", "queries:read",
                    "subscriptions:read", "jobs:write");
            clock.setOffset(java.time.Duration.ofDays(-40));
            use(billing, "jobs", true, 1);
            clock.setOffset(java.time.Duration.ZERO);
            use(billing, "datasets", false, 14);
            use(billing, "queries", false, 5);

            CreatedKey partner = old(api, "Partner sync", "connections:read", "connections:write", "destinations:read",
                    "destinations:write", "jobs:read");
            use(partner, "connections", false, 6);
            use(partner, "destinations", true, 2);
            CreatedKey reports = old(api, "Weekly reports", "datasets:read", "queries:read");
            use(reports, "datasets", false, 3);

            Connection connection = new Connection(new Profile("preview", "Team server", base.toString(),
                    Environment.SANDBOX, Profile.KeySource.SESSION_ONLY, null), api, api.whoami(), api.catalog(),
                    api.policy());
            CutoverStore store = new CutoverStore(paths.rotationsFile());
            Rotator rotator = new Rotator(connection, Clock.systemUTC());
            Profile profile = new Profile(ProfileStore.newId(), "Team server", base.toString(), Environment.SANDBOX,
                    Profile.KeySource.SESSION_ONLY, null);
            // The profile id the app will connect with: the tracker keeps rotations per profile.
            Rotator.Rotation busy = rotator.rotate(partner.key(), partner.key().permissions(), Grace.DAY);
            store.put(withProfile(busy.cutover(), profile.id()));
            use(partner, "connections", false, 3);
            use(busy.replacement(), "connections", false, 1);
            Rotator.Rotation quiet = rotator.rotate(reports.key(), List.of(Permission.parse("datasets:read")), Grace.WEEK);
            store.put(withProfile(quiet.cutover(), profile.id()));
            use(quiet.replacement(), "datasets", false, 2);

            AppSettings settings = new AppSettings(new MemoryPreferences());
            settings.theme().apply();
            AppContext context = new AppContext(settings, paths, () -> stage);
            KeyDeskApp.installMainWindow(stage, context);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            context.connections().profiles().save(profile);
            context.connections().adminKeys().store(profile, admin);
            context.connections().connect(profile);
            String target = billing.key().id();
            Timeline poll = new Timeline();
            poll.getKeyFrames().add(new KeyFrame(Duration.millis(500), e -> step(stage, what, target, poll)));
            poll.setCycleCount(Timeline.INDEFINITE);
            poll.play();
        }
    }

    private static dev.keydesk.core.rotation.Cutover withProfile(dev.keydesk.core.rotation.Cutover c, String id) {
        return new dev.keydesk.core.rotation.Cutover(id, c.oldKeyId(), c.oldName(), c.oldPrefix(), c.newKeyId(),
                c.newName(), c.newPrefix(), c.rotatedAt(), c.grace(), c.graceEndsAt(), c.baselineDay(),
                c.baselineRequests(), c.closedAt(), c.closedHow());
    }

    private int phase;

    @SuppressWarnings("unchecked")
    private void step(Stage window, String what, String targetId, Timeline poll) {
        var root = window.getScene().getRoot();
        // The demo's "keys expire within 7 days" notice would cover the workspace's corner.
        root.lookupAll(".notice-close").forEach(n -> ((javafx.scene.control.Button) n).fire());
        if (phase == 0) {
            var table = root.lookup("#table");
            if (table == null || ((javafx.scene.control.TableView<?>) table).getItems().isEmpty()) {
                return;
            }
            if (what.equals("keys")) {
                ((javafx.scene.control.TextField) root.lookup("#filterField")).setText("rotating");
                poll.stop();
                return;
            }
            var tabs = (TabPane) root.lookup(".workspaces");
            tabs.getTabs().stream().filter(t -> t.getUserData() == Workspaces.Workspace.REVIEW).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            phase = 1;
            return;
        }
        if (what.equals("cutover")) {
            TabPane sections = (TabPane) root.lookup(".review-sections");
            sections.getSelectionModel().select(1);
            poll.stop();
            return;
        }
        ListView<KeyReviewViewModel> keys = (ListView<KeyReviewViewModel>) root.lookup(".review-key-list");
        if (keys == null) {
            return;
        }
        keys.getItems().stream().filter(i -> i.key().id().equals(targetId)
                        && i.loadStateProperty().get() == KeyReviewViewModel.LoadState.LOADED).findFirst()
                .ifPresent(item -> {
                    item.accept();
                    keys.getSelectionModel().select(item);
                    keys.scrollTo(item);
                    poll.stop();
                });
    }

    private CreatedKey old(KeyApi api, String name, String... permissions) {
        clock.setOffset(AGO.negated());
        try {
            return api.createKey(new KeyCreateParams(name, "Preview key", "live",
                    Arrays.stream(permissions).map(Permission::parse).toList(), Instant.now().plus(100, ChronoUnit.DAYS)));
        } finally {
            clock.setOffset(java.time.Duration.ZERO);
        }
    }

    private void use(CreatedKey key, String resource, boolean write, int times) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < times; i++) {
            HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/v1/" + resource))
                    .header("Authorization", "Bearer " + key.secret().orElseThrow().reveal());
            r = write ? r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    : r.GET();
            http.send(r.build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** A plain main: an Application launched from the classpath needs one. */
    public static final class Launcher {
        public static void main(String[] args) {
            Application.launch(ReviewPreview.class, args);
        }
    }

}
