package dev.keydesk.cli;

import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "thaw", mixinStandardHelpOptions = true,
        description = {"Thaws (re-enables) exactly the keys a freeze report froze: the keys it lists as frozen, "
                + "nothing else. A key active already, or revoked since, is left as it is and said so."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk thaw --report freeze.json --dry-run", "  keydesk thaw --report ~/.local/share/KeyDesk/incidents/20261201-101500-INC-42/ --yes",
                "", "Exit codes: 0 every frozen key thawed; 1 some were not; 2 usage or connection error."})
final class ThawCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--report", required = true, paramLabel = "FILE",
            description = "A freeze report: its report.json, report.csv, journal.jsonl, or its folder.")
    Path report;

    @Option(names = "--dry-run", description = "Show what would be thawed and change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Go ahead without asking to type the count.")
    boolean yes;

    @Option(names = "--concurrency", paramLabel = "N", description = "At most N requests in flight.")
    Integer concurrency;

    @Option(names = "--save-report", paramLabel = "FILE", description = "Also write this thaw's report to FILE.")
    Path saveReport;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(report)) {
            throw new CliFailure(Exit.USAGE, "No report at " + report + ".");
        }
        IncidentPlan plan;
        try {
            plan = IncidentReport.read(report).thawPlan();
        } catch (IOException e) {
            throw new CliFailure(Exit.USAGE, report + " is not a readable KeyDesk incident report ("
                    + e.getClass().getSimpleName() + ").");
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Exit.USAGE, e.getMessage());
        }
        try (CliSession session = global.connect()) {
            return new IncidentFlow(global).run(session, plan,
                    new IncidentFlow.Flags(dryRun, yes, saveReport, concurrency, null));
        }
    }
}
