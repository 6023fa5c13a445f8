package dev.keydesk.app.keys;

import dev.keydesk.app.testing.FakeKeys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import dev.keydesk.core.keys.KeyFilter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFilterTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final KeyRow ingest = row(FakeKeys.key("key_a1", "Ingestion worker", NOW.plus(Duration.ofDays(5)), null,
            "datasets:write", "data_streams:write"));
    private final KeyRow analytics = row(new ApiKey("key_b2", "BI dashboard", "sk_test_b2",
            List.of(Permission.parse("queries:read")), NOW, NOW.plus(Duration.ofDays(200)), null, Usage.NONE,
            "Reads for the Looker board", "test", "disabled", null, null));
    private final KeyRow root = row(FakeKeys.key("key_c3", "Break glass", null, null, "admin:*"));
    private final KeyRow old = row(FakeKeys.key("key_d4", "Old job", NOW.minus(Duration.ofDays(2)), null, "jobs:read"));
    private final List<KeyRow> all = List.of(ingest, analytics, root, old);

    @Test
    void emptyFilterLetsEverythingThrough() {
        assertThat(KeyFilter.NONE.isEmpty()).isTrue();
        assertThat(matching(KeyFilter.NONE)).containsExactlyElementsOf(all);
    }

    @Test
    void textMatchesNamePrefixIdDescriptionAndPermissionIgnoringCase() {
        assertThat(matching(text("ingestion"))).containsExactly(ingest);
        assertThat(matching(text("SK_TEST_"))).containsExactly(analytics);
        assertThat(matching(text("key_c3"))).containsExactly(root);
        assertThat(matching(text("looker"))).containsExactly(analytics);
        assertThat(matching(text("data_streams:write"))).containsExactly(ingest);
        assertThat(matching(text("nothing-like-this"))).isEmpty();
    }

    @Test
    void everyWordMustMatch() {
        assertThat(matching(text("  worker   datasets "))).containsExactly(ingest);
        assertThat(matching(text("worker queries"))).isEmpty();
    }

    @Test
    void quickFiltersForStatusTypeAndResource() {
        assertThat(matching(new KeyFilter(null, "disabled", null, null, null))).containsExactly(analytics);
        assertThat(matching(new KeyFilter(null, null, "test", null, null))).containsExactly(analytics);
        // admin:* grants every resource, so it shows under each.
        assertThat(matching(new KeyFilter(null, null, null, "datasets", null))).containsExactly(ingest, root);
    }

    @Test
    void expiringWithinCountsOnlyKeysThatHaveNotExpiredYet() {
        assertThat(matching(new KeyFilter(null, null, null, null, 7))).containsExactly(ingest);
        assertThat(matching(new KeyFilter(null, null, null, null, 365))).containsExactly(ingest, analytics);
    }

    @Test
    void partsCombine() {
        assertThat(matching(new KeyFilter("worker", "active", "live", "datasets", 30))).containsExactly(ingest);
        assertThat(matching(new KeyFilter("worker", "disabled", null, null, null))).isEmpty();
    }

    private static KeyFilter text(String text) {
        return new KeyFilter(text, null, null, null, null);
    }

    private List<KeyRow> matching(KeyFilter filter) {
        Predicate<KeyRow> p = filter.toPredicate(NOW);
        return all.stream().filter(p).toList();
    }

    private static KeyRow row(ApiKey key) {
        return KeyRow.of(key, NOW);
    }
}
