package dev.keydesk.app.review;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.Notices;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.secret.SecretHandover;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.testing.ScriptedDialogs;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.testing.OffsetClock;
import dev.keydesk.core.testing.TestBackend;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The review workspace's view models wired as the app wires them, on the current thread, against a
 * real local server whose clock started 120 days ago, so that keys made "then" are due for rotation.
 */
final class ReviewFixture implements AutoCloseable {

    static final Duration AGO = Duration.ofDays(120);

    final OffsetClock serverClock = new OffsetClock(AGO.negated());
    final TestBackend backend;
    final FixedSession session;
    final ScriptedDialogs dialogs = new ScriptedDialogs(true);
    final Notices notices = new Notices();
    final CutoverStore store;
    final List<Handed> handed = new ArrayList<>();
    Optional<Path> chosenFile = Optional.empty();
    final CutoverViewModel tracker;
    final RotationFlow rotation;
    final ReviewViewModel review;
    final List<Secret> secrets = new ArrayList<>();
    int refreshes;

    /** A secret the copy-once dialog was given (the fixture keeps a copy to use it). */
    record Handed(ApiKey key, Secret secret) {
    }

    ReviewFixture(Path dir) {
        backend = TestBackend.start(dir.resolve("server"), 0, o -> o.clock(serverClock));
        session = new FixedSession(backend.connection());
        store = new CutoverStore(dir.resolve("home/rotations.json"));
        Clock clock = Clock.systemUTC();
        CurrentThreadTaskRunner tasks = new CurrentThreadTaskRunner();
        SecretHandover handover = (key, secret, afterClosed) -> {
            handed.add(new Handed(key, Secret.ofChars(secret.copyChars())));
            secret.wipe();
            afterClosed.run();
        };
        tracker = new CutoverViewModel(session, tasks, dialogs, store, clock, notices, e -> false, () -> refreshes++);
        rotation = new RotationFlow(session, tasks, dialogs, handover, name -> chosenFile, store, clock, e -> false);
        review = new ReviewViewModel(session, tasks, dialogs, new AppSettings(new MemoryPreferences()), clock, rotation,
                new GroupIncident(session, tasks, dialogs, dir.resolve("incidents"), e -> false), tracker, () -> refreshes++, e -> false,
                d -> { });
    }

    /** A key made 120 days ago (so due for rotation) that the test holds the secret of. */
    CreatedKey oldKey(String name, String... permissions) {
        serverClock.setOffset(AGO.negated());
        try {
            CreatedKey k = backend.call(api -> api.createKey(new KeyCreateParams(name, "for " + name, "live",
                    Arrays.stream(permissions).map(Permission::parse).toList(), Instant.now().plus(Duration.ofDays(100)))));
            secrets.add(k.secret().orElseThrow());
            return k;
        } finally {
            serverClock.setOffset(Duration.ZERO);
        }
    }

    /** Uses the key now, as its service would. */
    void use(CreatedKey key, String resource, boolean write) {
        int status = backend.useKey(key.secret().orElseThrow(), resource, write);
        if (status != 200 && status != 201) {
            throw new AssertionError("using " + key.key().id() + " on " + resource + ": " + status);
        }
    }

    KeyReviewViewModel item(String keyId) {
        return review.items().stream().filter(i -> i.key().id().equals(keyId)).findFirst()
                .orElseThrow(() -> new AssertionError("not under review: " + keyId));
    }

    ApiKey server(String id) {
        return backend.call(api -> api.getKey(id)).key();
    }

    @Override
    public void close() {
        secrets.forEach(Secret::wipe);
        handed.forEach(h -> h.secret().wipe());
        backend.close();
    }
}
