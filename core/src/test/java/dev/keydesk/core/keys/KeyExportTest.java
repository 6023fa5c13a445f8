package dev.keydesk.core.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Usage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeyExportTest {

    private final List<ApiKey> keys = List.of(
            new ApiKey("key_1", "=HYPERLINK(\"http://x\")", "sk_live_abc", List.of(Permission.parse("datasets:read"),
                    Permission.parse("jobs:write")), Instant.parse("2026-01-01T00:00:00Z"), null, null,
                    new Usage(3, 40), "a, \"quoted\" description", "live", "active", "key_0", null));

    @Test
    void csvHasAHeaderQuotesWhatNeedsItAndDefusesFormulas() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyExport.write(keys, KeyExport.Format.CSV, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,name,prefix,type,status,permissions,created_at");
        assertThat(csv).contains("'=HYPERLINK").contains("\"datasets:read jobs:write\"".replace("\"", ""))
                .contains("\"a, \"\"quoted\"\" description\"");
    }

    @Test
    void jsonKeepsTheApiFieldNames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        KeyExport.write(keys, KeyExport.Format.JSON, out);
        JsonNode node = new ObjectMapper().readTree(out.toByteArray()).get(0);
        assertThat(node.get("name").asText()).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(node.get("permissions")).hasSize(2);
        assertThat(node.get("created_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(node.get("requests_this_month").asLong()).isEqualTo(40);
        assertThat(node.has("key")).isFalse();
        assertThat(KeyExport.Format.of(Path.of("x.JSON"))).isEqualTo(KeyExport.Format.JSON);
        assertThat(KeyExport.Format.of(Path.of("x.csv"))).isEqualTo(KeyExport.Format.CSV);
    }
}
