package dev.keydesk.cli;

import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code revoke} and {@code freeze}: the same targets and flags, a different action. */
abstract class IncidentCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Mixin
    TargetOptionsMixin targets;

    @Option(names = "--dry-run", description = "Show the preview (what would be touched, what breaks) and change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Go ahead without asking to type the count.")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: one line, at most 200 characters; goes to the "
            + "report and the server's audit log.")
    String reason;

    @Option(names = "--incident", paramLabel = "REF", description = "The incident's reference, e.g. INC-42.")
    String incident;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report to FILE (.csv as CSV, "
            + "else JSON); it is always saved in the app's data folder too.")
    Path report;

    @Option(names = "--concurrency", paramLabel = "N", description = "At most N requests in flight (default: adapts "
            + "up to 64).")
    Integer concurrency;

    @Option(names = "--new-admin-key-file", paramLabel = "FILE", description = "With --include-self: write the "
            + "replacement admin key's secret to FILE (owner-only) instead of showing it on the terminal.")
    Path newAdminKeyFile;

    abstract IncidentAction action();

    @Override
    public Integer call() throws Exception {
        IncidentPlan plan;
        try {
            plan = new IncidentPlan(action(), targets.options.selection(global.env.stdin()), reason, incident);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(Exit.USAGE, e.getMessage());
        }
        try (CliSession session = global.connect()) {
            return new IncidentFlow(global).run(session, plan,
                    new IncidentFlow.Flags(dryRun, yes, report, concurrency, newAdminKeyFile));
        }
    }

    /** Holds the target options so both commands share one definition. */
    static final class TargetOptionsMixin {
        @picocli.CommandLine.ArgGroup(exclusive = false, heading = "%nTargets (combined with AND):%n", order = 1)
        TargetOptions options = new TargetOptions();
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Revokes keys at once, for good: a preview first, then a paced run that waits out rate "
                    + "limits, retries server errors and checks lost answers; a report of every key after."},
            footerHeading = "%nExamples:%n",
            footer = {"  keydesk revoke --match 'ci-*' --type live --dry-run",
                    "  keydesk revoke --permission datasets:write --created-before 2026-01-01 \\",
                    "      --reason \"leak\" --incident INC-42",
                    "  keydesk revoke --ids-from leaked.txt --yes --report inc-42.json",
                    "  keydesk revoke --all --include-self --new-admin-key-file new-admin.key --yes",
                    "",
                    "Exit codes: 0 every key revoked (or already gone); 1 some were not (see the report); 2 usage or",
                    "connection error (nothing changed)."})
    static final class Revoke extends IncidentCommand {
        @Override
        IncidentAction action() {
            return IncidentAction.REVOKE;
        }
    }

    @Command(name = "freeze", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Freezes keys (disables them; reversible with thaw): the same preview, run and report as "
                    + "revoke. Keep the report: 'keydesk thaw --report FILE' thaws exactly what it froze."},
            footerHeading = "%nExamples:%n",
            footer = {"  keydesk freeze --last-used-from 198.51.100.23 --reason \"odd traffic\" --report freeze.json",
                    "  keydesk thaw --report freeze.json",
                    "",
                    "Exit codes: 0 every key frozen; 1 some were not (see the report); 2 usage or connection error."})
    static final class Freeze extends IncidentCommand {
        @Override
        IncidentAction action() {
            return IncidentAction.FREEZE;
        }
    }

}
