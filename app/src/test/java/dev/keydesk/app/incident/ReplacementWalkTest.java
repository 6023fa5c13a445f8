package dev.keydesk.app.incident;

import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.client.model.ApiKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacements one by one: each form prefilled from its revoked key, the next once a secret is stored. */
class ReplacementWalkTest {

    private record Opened(ApiKey key, String position, Runnable created, Runnable stored) {
    }

    private final List<Opened> opened = new ArrayList<>();
    private final List<ApiKey> revoked = List.of(FakeKeys.key("k1", "ci-deploy", null, null, "datasets:write"),
            FakeKeys.key("k2", "ci-nightly", null, null, "datasets:read"),
            FakeKeys.key("k3", "web", null, null, "queries:read"));
    private final ReplacementWalk walk = new ReplacementWalk(revoked,
            (key, position, created, stored) -> opened.add(new Opened(key, position, created, stored)));

    @Test
    void eachStoredSecretOpensTheNextKeysForm() {
        assertThat(walk.statusProperty().get()).startsWith("3 keys revoked. Replace them one by one");
        walk.createCurrent();
        assertThat(opened).singleElement().satisfies(o -> {
            assertThat(o.key().id()).isEqualTo("k1");
            assertThat(o.position()).isEqualTo("1 of 3");
        });
        assertThat(walk.statusProperty().get()).isEqualTo("Replacement 1 of 3: “ci-deploy” (datasets:write)");
        opened.get(0).created().run();
        opened.get(0).stored().run();
        assertThat(opened).hasSize(2);
        assertThat(opened.get(1).key().id()).isEqualTo("k2");

        // The form was closed without creating: the walk stays; the person skips this one.
        walk.skip();
        assertThat(walk.current().id()).isEqualTo("k3");
        assertThat(opened).as("a skip does not open the next form by itself").hasSize(2);
        walk.createCurrent();
        opened.get(2).created().run();
        opened.get(2).stored().run();
        assertThat(walk.finishedProperty().get()).isTrue();
        assertThat(walk.statusProperty().get()).isEqualTo("Replacements done: 2 created, 1 skipped.");
    }

    @Test
    void stopEndsTheWalk() {
        walk.createCurrent();
        walk.stop();
        assertThat(walk.finishedProperty().get()).isTrue();
        assertThat(walk.walkingProperty().get()).isFalse();
        assertThat(walk.statusProperty().get()).isEqualTo("Replacements done: 0 created, 3 skipped.");
        walk.createCurrent();
        assertThat(opened).hasSize(1);
    }
}
