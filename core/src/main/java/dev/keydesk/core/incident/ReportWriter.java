package dev.keydesk.core.incident;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.core.common.Csv;
import dev.keydesk.core.common.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's report while it goes, so that a crash loses at most the keys in flight: a JSON
 * Lines journal and a CSV, each appended and flushed per key, then the pretty JSON at the end
 * (and the copies the caller asked for). Every file is owner-only. A writer that cannot write
 * says so once in the run's notes and lets the run go on: stopping keys matters more.
 */
final class ReportWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final List<Path> extraFiles;
    private final List<String> problems = new ArrayList<>();
    private OutputStream journal;
    private Writer csvOut;
    private SequenceWriter csv;
    private String incident = "";
    private String action = "";

    private ReportWriter(Path folder, List<Path> extraFiles) {
        this.folder = folder;
        this.extraFiles = List.copyOf(extraFiles);
    }

    /** A writer into a new folder under {@code root} (null: no automatic folder). */
    static ReportWriter create(Path root, List<Path> extraFiles, String reference, Instant startedAt) {
        Path folder = null;
        if (root != null) {
            String base = STAMP.format(startedAt) + (reference.isBlank() ? "" : "-" + safe(reference));
            folder = root.resolve(base);
            for (int n = 2; Files.exists(folder); n++) {
                folder = root.resolve(base + "-" + n);
            }
        }
        return new ReportWriter(folder, extraFiles);
    }

    Path folder() {
        return folder;
    }

    /** Problems met while writing, for the run's notes. */
    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized void begin(IncidentReport header) {
        incident = header.incident() == null ? "" : header.incident();
        action = header.action();
        if (folder == null) {
            return;
        }
        try {
            PrivateFiles.createDirectories(folder);
            journal = PrivateFiles.append(folder.resolve(IncidentReport.JOURNAL_FILE));
            line("run", header);
            csvOut = new OutputStreamWriter(PrivateFiles.append(folder.resolve(IncidentReport.CSV_FILE)),
                    StandardCharsets.UTF_8);
            csv = Csv.MAPPER.writer(CsvRow.SCHEMA.withHeader()).writeValues(csvOut);
            csvOut.flush();
        } catch (IOException | RuntimeException e) {
            problem("The report could not be written to " + folder + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    synchronized void key(KeyOutcome outcome) {
        IncidentReport.KeyEntry entry = IncidentReport.KeyEntry.of(outcome);
        try {
            if (journal != null) {
                line("key", entry);
            }
            if (csv != null) {
                csv.write(CsvRow.of(incident, action, entry));
                csv.flush();
            }
        } catch (IOException | RuntimeException e) {
            problem("A key's outcome could not be added to the report in " + folder + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    synchronized void breakGlass(BreakGlassReport report) {
        try {
            if (journal != null) {
                line("break_glass", IncidentReport.BreakGlassEntry.of(report));
            }
        } catch (IOException | RuntimeException e) {
            problem("Break-glass could not be added to the journal (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** Writes the end of the journal, the final JSON in the folder and every extra copy. */
    synchronized void finish(IncidentReport report) {
        try {
            if (journal != null) {
                ObjectNode end = IncidentReport.JSON.valueToTree(report);
                end.remove("keys");
                line("end", end);
            }
            if (folder != null) {
                PrivateFiles.write(folder.resolve(IncidentReport.JSON_FILE), report.toJson());
            }
        } catch (IOException | RuntimeException e) {
            problem("The final report could not be written to " + folder + " (" + e.getClass().getSimpleName() + ").");
        }
        for (Path extra : extraFiles) {
            try {
                PrivateFiles.write(extra, isCsv(extra) ? report.toCsv() : report.toJson());
            } catch (IOException | RuntimeException e) {
                problem("The report could not be written to " + extra + " (" + e.getClass().getSimpleName() + ").");
            }
        }
        close();
    }

    static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    @Override
    public synchronized void close() {
        try {
            if (csv != null) {
                csv.close();
            }
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the report files failed: {}", e.getClass().getSimpleName());
        } finally {
            csv = null;
            journal = null;
        }
    }

    private void line(String type, Object value) throws IOException {
        ObjectNode node = IncidentReport.JSON.createObjectNode();
        node.put(IncidentReport.JOURNAL_KIND, type);
        ObjectNode body = IncidentReport.JSON.valueToTree(value);
        body.remove(IncidentReport.JOURNAL_KIND);
        node.setAll(body);
        journal.write(IncidentReport.JSON.writeValueAsBytes(node));
        journal.write('\n');
        journal.flush();
    }

    private void problem(String message) {
        LOG.warn(message);
        if (!problems.contains(message)) {
            problems.add(message);
        }
    }

    /** A reference as part of a folder name: letters, digits, dot, dash and underscore. */
    static String safe(String reference) {
        String s = reference.replaceAll("[^A-Za-z0-9._-]+", "_");
        s = s.replaceAll("^[._]+", "");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
