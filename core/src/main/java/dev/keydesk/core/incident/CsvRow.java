package dev.keydesk.core.incident;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.keydesk.core.common.Csv;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One key of an incident report as a CSV row; the file is appended and flushed row by row. */
@JsonPropertyOrder({"incident", "action", "id", "name", "prefix", "type", "status_before", "permissions",
        "last_used", "last_used_ip", "outcome", "message", "request_id", "attempts", "finished_at"})
record CsvRow(String incident, String action, String id, String name, String prefix, String type,
              @com.fasterxml.jackson.annotation.JsonProperty("status_before") String statusBefore,
              String permissions,
              @com.fasterxml.jackson.annotation.JsonProperty("last_used") String lastUsed,
              @com.fasterxml.jackson.annotation.JsonProperty("last_used_ip") String lastUsedIp,
              String outcome, String message,
              @com.fasterxml.jackson.annotation.JsonProperty("request_id") String requestId,
              int attempts,
              @com.fasterxml.jackson.annotation.JsonProperty("finished_at") String finishedAt) {

    static final CsvSchema SCHEMA = Csv.MAPPER.schemaFor(CsvRow.class);

    static CsvRow of(String incident, String action, IncidentReport.KeyEntry k) {
        return new CsvRow(Csv.cell(incident), action, k.id(), Csv.cell(k.name()), Csv.cell(k.prefix()), k.type(),
                k.statusBefore(), String.join(" ", k.permissions()), text(k.lastUsed()), k.lastUsedIp(), k.outcome(),
                Csv.cell(k.message()), k.requestId(), k.attempts(), text(k.finishedAt()));
    }

    IncidentReport.KeyEntry toEntry() {
        List<String> perms = permissions == null || permissions.isBlank() ? List.of()
                : Arrays.asList(permissions.trim().split("\\s+"));
        return new IncidentReport.KeyEntry(id, Csv.unsafeCell(name), Csv.unsafeCell(prefix), type, statusBefore, perms,
                instant(lastUsed), lastUsedIp, outcome, Csv.unsafeCell(message), requestId, attempts, instant(finishedAt));
    }

    private static String text(Instant i) {
        return i == null ? "" : i.toString();
    }

    private static Instant instant(String s) {
        return s == null || s.isBlank() ? null : Instant.parse(s);
    }
}
