package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's filter rules applied to plain keys, as the command line and the engine use them. */
class IndexedKeyTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static ApiKey key(String id, String name, String type, String status, Instant expires, String... perms) {
        return new ApiKey(id, name, "sk_" + type + "_" + id, Arrays.stream(perms).map(Permission::parse).toList(),
                NOW.minus(Duration.ofDays(30)), expires, null, Usage.NONE, "Used by " + name, type, status, null, null);
    }

    private final ApiKey ingest = key("key_1", "Ingestion worker", "live", "active", NOW.plus(Duration.ofDays(5)),
            "datasets:write");
    private final ApiKey bi = key("key_2", "BI board", "test", "disabled", NOW.plus(Duration.ofDays(200)),
            "queries:read");
    private final ApiKey root = key("key_3", "Break glass", "live", "active", null, "admin:*");
    private final List<ApiKey> all = List.of(ingest, bi, root);

    @Test
    void textStatusTypeResourceAndExpiryNarrowPlainKeys() {
        assertThat(IndexedKey.filter(all, KeyFilter.NONE, NOW)).containsExactlyElementsOf(all);
        assertThat(IndexedKey.filter(all, new KeyFilter("INGESTION", null, null, null, null), NOW))
                .containsExactly(ingest);
        assertThat(IndexedKey.filter(all, new KeyFilter("sk_test_", null, null, null, null), NOW))
                .containsExactly(bi);
        assertThat(IndexedKey.filter(all, new KeyFilter(null, "disabled", null, null, null), NOW)).containsExactly(bi);
        assertThat(IndexedKey.filter(all, new KeyFilter(null, null, "live", null, null), NOW))
                .containsExactly(ingest, root);
        // admin:* touches every resource.
        assertThat(IndexedKey.filter(all, new KeyFilter(null, null, null, "datasets", null), NOW))
                .containsExactly(ingest, root);
        // Never-expiring keys do not "expire within" anything.
        assertThat(IndexedKey.filter(all, new KeyFilter(null, null, null, null, 7), NOW)).containsExactly(ingest);
    }
}
