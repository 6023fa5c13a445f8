package dev.keydesk.core.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.common.Csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report of one run, as written to disk (JSON; the keys also as CSV) and read back. It names
 * keys (id, name, prefix, permissions, last use) and never holds a secret: there is no field for one.
 *
 * @param ranBy the admin key the run acted as (id and name), or the principal the server names
 * @param keys every target, in run order, with its outcome
 * @param skipped keys that matched but were not acted on, with the reason
 */
public record IncidentReport(String format, int version, String incident, String reason, String action,
                             RanBy ranBy, ServerRef server, Instant startedAt, Instant endedAt, boolean cancelled,
                             String stopReason, PlanRef plan, Map<String, Integer> summary,
                             BreakGlassEntry breakGlass, List<KeyEntry> keys, List<SkippedEntry> skipped,
                             List<String> unknownIds, List<String> notes) {

    public static final String FORMAT = "keydesk-incident-report";
    public static final String JSON_FILE = "report.json";
    public static final String CSV_FILE = "report.csv";
    public static final String JOURNAL_FILE = "journal.jsonl";
    /** The field that says what a journal line is: {@code run}, {@code key}, {@code break_glass}, {@code end}. */
    static final String JOURNAL_KIND = "record";

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    public IncidentReport {
        summary = summary == null ? Map.of() : new LinkedHashMap<>(summary);
        keys = keys == null ? List.of() : List.copyOf(keys);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        unknownIds = unknownIds == null ? List.of() : List.copyOf(unknownIds);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public record RanBy(String keyId, String keyName, String principal) {
    }

    public record ServerRef(String profile, String url) {
    }

    public record RuleRef(String kind, String value) {
    }

    public record PlanRef(String action, String description, List<String> ids, List<RuleRef> rules,
                          List<String> exceptions, boolean includeConnectedKey) {
    }

    /** One target key and how it ended. */
    public record KeyEntry(String id, String name, String prefix, String type, String statusBefore,
                           List<String> permissions, Instant lastUsed, String lastUsedIp, String outcome,
                           String message, String requestId, int attempts, Instant finishedAt) {

        static KeyEntry of(KeyOutcome o) {
            ApiKey k = o.key();
            return new KeyEntry(k.id(), k.name(), k.prefix(), k.type(), k.status(),
                    k.permissions().stream().map(Permission::value).toList(), k.lastUsed(), k.lastUsedIp(),
                    o.outcome().label(), o.message(), o.requestId(), o.attempts(), o.finishedAt());
        }

        public Outcome outcomeValue() {
            return Outcome.parse(outcome);
        }
    }

    public record SkippedEntry(String id, String name, String prefix, String reason) {
    }

    public record BreakGlassEntry(String oldKeyId, List<String> completed, String failedStep, String replacementId,
                                  String replacementName, Instant replacementExpiresAt, String message) {

        static BreakGlassEntry of(BreakGlassReport r) {
            return r == null ? null : new BreakGlassEntry(r.oldKeyId(),
                    r.completed().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList(),
                    r.failedStep() == null ? null : r.failedStep().name().toLowerCase(Locale.ROOT),
                    r.replacementId(), r.replacementName(), r.replacementExpiresAt(), r.message());
        }
    }

    /** The report's header, before any key has an outcome (the journal's first line). */
    static IncidentReport header(Preview preview, IncidentResult.Server server, Instant startedAt, List<String> notes) {
        IncidentPlan plan = preview.plan();
        Preview.Caller c = preview.caller();
        return new IncidentReport(FORMAT, 1, plan.reference(), plan.reason(), plan.action().verb(),
                new RanBy(c.keyId(), c.keyName(), c.principal()), new ServerRef(server.profile(), server.url()),
                startedAt, null, false, null, planRef(plan), Map.of(), null, List.of(),
                preview.skipped().stream().map(s -> new SkippedEntry(s.key().id(), s.key().name(), s.key().prefix(),
                        s.reason())).toList(), preview.unknownIds(), notes);
    }

    /** The whole report of a finished run. */
    public static IncidentReport of(IncidentResult result) {
        IncidentReport h = header(result.preview(), result.server(), result.startedAt(), result.notes());
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("targets", result.outcomes().size());
        result.counts().forEach((o, n) -> summary.put(o.label().replace(' ', '_'), n));
        return new IncidentReport(h.format, h.version, h.incident, h.reason, h.action, h.ranBy, h.server,
                h.startedAt, result.endedAt(), result.cancelled(), result.stopReason(), h.plan, summary,
                BreakGlassEntry.of(result.breakGlass()), result.outcomes().stream().map(KeyEntry::of).toList(),
                h.skipped, h.unknownIds, h.notes);
    }

    static PlanRef planRef(IncidentPlan plan) {
        TargetSelection t = plan.targets();
        return new PlanRef(plan.action().verb(), plan.describe(), List.copyOf(t.ids()),
                t.rules().stream().map(r -> new RuleRef(r.kind(), r.value())).toList(),
                List.copyOf(t.exceptions()), t.includeConnectedKey());
    }

    public IncidentAction actionValue() {
        return IncidentAction.parse(action);
    }

    /** The ids of the keys with {@code outcome}, in report order. */
    public Set<String> idsWith(Outcome outcome) {
        Set<String> ids = new LinkedHashSet<>();
        keys.stream().filter(k -> k.outcomeValue() == outcome).forEach(k -> ids.add(k.id()));
        return ids;
    }

    /**
     * The plan that thaws exactly what this freeze report froze, under the same incident
     * reference. The connected key is included when it was frozen too (it is active then, so it is
     * skipped as "already active" anyway).
     *
     * @throws IllegalArgumentException when this is not the report of a freeze, or it froze nothing
     */
    public IncidentPlan thawPlan() {
        if (actionValue() != IncidentAction.FREEZE) {
            throw new IllegalArgumentException("This is the report of a " + action + ", not of a freeze: "
                    + "only a freeze report says what to thaw.");
        }
        Set<String> frozen = idsWith(Outcome.FROZEN);
        if (frozen.isEmpty()) {
            throw new IllegalArgumentException("This freeze report froze no key: there is nothing to thaw.");
        }
        String why = "thaw what " + (incident == null || incident.isBlank() ? "the freeze" : incident) + " froze";
        return new IncidentPlan(IncidentAction.THAW, TargetSelection.ofIds(frozen).includingConnectedKey(true),
                why, incident);
    }

    // ---- writing ----

    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys as CSV, one row per key, as {@code report.csv} holds them. */
    public byte[] toCsv() {
        List<CsvRow> rows = keys.stream().map(k -> CsvRow.of(incident == null ? "" : incident, action, k)).toList();
        try {
            return Csv.MAPPER.writer(CsvRow.SCHEMA.withHeader()).writeValueAsBytes(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading ----

    /**
     * Reads a report: a run's folder, its {@code report.json}, its {@code journal.jsonl} (what a
     * crashed run left), or its {@code report.csv}.
     */
    public static IncidentReport read(Path path) throws IOException {
        Path p = path;
        if (Files.isDirectory(p)) {
            p = Files.exists(p.resolve(JSON_FILE)) ? p.resolve(JSON_FILE) : p.resolve(JOURNAL_FILE);
        }
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return readJournal(p);
        }
        if (name.endsWith(".csv")) {
            return readCsv(p);
        }
        IncidentReport report = JSON.readValue(p.toFile(), IncidentReport.class);
        if (report == null || !FORMAT.equals(report.format())) {
            throw new IOException(p.getFileName() + " is not a KeyDesk incident report");
        }
        return report;
    }

    private static IncidentReport readJournal(Path p) throws IOException {
        IncidentReport header = null;
        List<KeyEntry> keys = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException torn) {
                    // The last line of a crashed run may be cut short: what came before stands.
                    break;
                }
                String type = node.path(JOURNAL_KIND).asText();
                ObjectNode body = ((ObjectNode) node).deepCopy();
                body.remove(JOURNAL_KIND);
                switch (type) {
                    case "run", "end" -> header = JSON.treeToValue(body, IncidentReport.class);
                    case "key" -> keys.add(JSON.treeToValue(body, KeyEntry.class));
                    default -> {
                        // lines of later versions are left for them
                    }
                }
            }
        }
        if (header == null || !FORMAT.equals(header.format())) {
            throw new IOException(p.getFileName() + " is not a KeyDesk incident journal");
        }
        return new IncidentReport(header.format, header.version, header.incident, header.reason, header.action,
                header.ranBy, header.server, header.startedAt, header.endedAt, header.cancelled, header.stopReason,
                header.plan, header.summary, header.breakGlass, keys, header.skipped, header.unknownIds, header.notes);
    }

    private static IncidentReport readCsv(Path p) throws IOException {
        List<KeyEntry> keys = new ArrayList<>();
        String incident = null;
        String action = null;
        try (var it = Csv.MAPPER.readerFor(CsvRow.class).with(CsvRow.SCHEMA.withHeader()).<CsvRow>readValues(p.toFile())) {
            while (it.hasNext()) {
                CsvRow row = it.next();
                incident = Csv.unsafeCell(row.incident());
                action = row.action();
                keys.add(row.toEntry());
            }
        }
        if (action == null) {
            throw new IOException(p.getFileName() + " holds no keys of an incident report");
        }
        return new IncidentReport(FORMAT, 1, incident, null, action, null, null, null, null, false, null, null,
                null, null, keys, null, null, List.of("read from " + p.getFileName()));
    }
}
