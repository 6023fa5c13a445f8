package dev.keydesk.core.review;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.core.testing.FaultProxy;
import dev.keydesk.core.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Loading usage for a review and narrowing in place, against the real local server. */
class ReviewServerTest {

    @TempDir
    static Path dir;
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir.resolve("server"), 0);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static ApiKey usedKey(String name) {
        var created = backend.call(api -> api.createKey(new KeyCreateParams(name, null, "live",
                List.of(Permission.parse("datasets:read"), Permission.parse("datasets:write"),
                        Permission.parse("jobs:read")), Instant.now().plus(30, ChronoUnit.DAYS))));
        try (Secret secret = created.secret().orElseThrow()) {
            assertThat(backend.useKey(secret, "datasets", false)).isEqualTo(200);
        }
        return created.key();
    }

    @Test
    void theLoaderWaitsOutA429AndProposalsFollowRealUse() throws Exception {
        ApiKey a = usedKey("Loader a");
        ApiKey b = usedKey("Loader b");
        List<String> events = new ArrayList<>();
        List<UsageLoader.Loaded> loaded = new ArrayList<>();
        List<Duration> slept = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.start(backend.server().baseUri());
             KeyApi api = backend.client(backend.adminSecret(), proxy.baseUri())) {
            proxy.rateLimitNext(1, Duration.ofSeconds(7));
            Throwable stopped = new UsageLoader(api, slept::add).load(List.of(a, b), new UsageLoader.Listener() {
                @Override
                public void loading(int index, int total, ApiKey key) {
                    events.add("loading " + (index + 1) + "/" + total);
                }

                @Override
                public void loaded(ApiKey key, UsageLoader.Loaded l) {
                    loaded.add(l);
                }

                @Override
                public void failed(ApiKey key, Throwable error) {
                    events.add("failed " + key.id());
                }

                @Override
                public void waiting(Duration wait) {
                    events.add("waiting " + wait.toSeconds() + " s");
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
            assertThat(stopped).isNull();
        }
        assertThat(events).containsExactly("loading 1/2", "waiting 7 s", "loading 2/2");
        assertThat(slept).containsExactly(Duration.ofSeconds(7));
        assertThat(loaded).hasSize(2);
        assertThat(loaded.get(0).key().etag()).isNotNull();

        Proposal p = new ProposalRules(Catalog.builtIn()).propose(loaded.get(0).key().key(), loaded.get(0).usage(),
                ReviewWindow.DEFAULT, Instant.now());
        assertThat(p.proposed()).containsExactly(Permission.parse("datasets:read"));
        assertThat(p.removes()).containsExactly(Permission.parse("datasets:write"), Permission.parse("jobs:read"));
    }

    @Test
    void narrowingSendsIfMatchAndAReasonAndAChangeSinceTheReviewIsAConflict() {
        ApiKey key = usedKey("Narrow me");
        VersionedKey reviewed = backend.call(api -> api.getKey(key.id()));

        Narrowing.Outcome done = backend.call(api -> Narrowing.apply(api, reviewed, List.of(Permission.parse("datasets:read"))));
        assertThat(done.result()).isEqualTo(Narrowing.Result.NARROWED);
        assertThat(backend.call(api -> api.getKey(key.id())).key().permissions())
                .containsExactly(Permission.parse("datasets:read"));
        assertThat(backend.call(api -> api.auditEvents(AuditQuery.forKey(key.id()).withTypes("key.updated")))
                .orElseThrow().data().get(0).detail()).contains(Narrowing.REASON);

        ApiKey other = usedKey("Changed meanwhile");
        VersionedKey stale = backend.call(api -> api.getKey(other.id()));
        backend.call(api -> api.updateKey(other.id(), KeyUpdateParams.builder().name("Someone else's").build(), null));
        Narrowing.Outcome conflict = backend.call(api -> Narrowing.apply(api, stale, List.of(Permission.parse("datasets:read"))));
        assertThat(conflict.result()).isEqualTo(Narrowing.Result.CONFLICT);
        assertThat(conflict.message()).isEqualTo(Narrowing.CONFLICT);
        assertThat(backend.call(api -> api.getKey(other.id())).key().permissions()).hasSize(3);
    }
}
