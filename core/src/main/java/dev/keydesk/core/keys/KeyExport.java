package dev.keydesk.core.keys;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.Csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The key inventory (what a table shows, or everything) as CSV or JSON, for the app's Export and
 * {@code keydesk export}. It holds what the server lists about each key and never a secret: the
 * list has none, and there is no column for one. CSV cells that a spreadsheet would run as a
 * formula are defused ({@link Csv#cell}).
 */
public final class KeyExport {

    public enum Format {
        CSV, JSON;

        /** {@code .json} is JSON, anything else CSV. */
        public static Format of(Path file) {
            return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : CSV;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final CsvSchema SCHEMA = Csv.MAPPER.schemaFor(Row.class).withHeader();

    private KeyExport() {
    }

    /** Writes {@code keys} to {@code out} (which stays open). */
    public static void write(List<ApiKey> keys, Format format, OutputStream out) throws IOException {
        List<Row> rows = keys.stream().map(k -> Row.of(k, format == Format.CSV)).toList();
        if (format == Format.JSON) {
            JSON.writeValue(out, rows);
            out.write('\n');
        } else {
            Csv.MAPPER.writer(SCHEMA).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, rows);
        }
        out.flush();
    }

    /** One key as exported; field names as in the key API. */
    @JsonPropertyOrder({"id", "name", "prefix", "type", "status", "permissions", "created_at", "expires_at",
            "last_used", "last_used_ip", "created_by", "description", "requests_today", "requests_this_month"})
    record Row(String id, String name, String prefix, String type, String status, Object permissions,
               @JsonProperty("created_at") String createdAt, @JsonProperty("expires_at") String expiresAt,
               @JsonProperty("last_used") String lastUsed, @JsonProperty("last_used_ip") String lastUsedIp,
               @JsonProperty("created_by") String createdBy, String description,
               @JsonProperty("requests_today") long requestsToday,
               @JsonProperty("requests_this_month") long requestsThisMonth) {

        static Row of(ApiKey k, boolean csv) {
            List<String> perms = k.permissions().stream().map(Permission::value).toList();
            return new Row(k.id(), cell(k.name(), csv), cell(k.prefix(), csv), k.type(), k.status(),
                    csv ? String.join(" ", perms) : perms, text(k.createdAt()), text(k.expiresAt()), text(k.lastUsed()),
                    k.lastUsedIp(), k.createdBy(), cell(k.description(), csv), k.usage().requestsToday(),
                    k.usage().requestsThisMonth());
        }

        private static String cell(String s, boolean csv) {
            return csv ? Csv.cell(s) : s;
        }

        private static String text(Instant i) {
            return i == null ? null : i.toString();
        }
    }
}
