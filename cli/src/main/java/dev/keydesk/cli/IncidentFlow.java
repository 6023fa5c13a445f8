package dev.keydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.common.PrivateFiles;
import dev.keydesk.core.incident.BreakGlass;
import dev.keydesk.core.incident.IncidentEngine;
import dev.keydesk.core.incident.IncidentPlan;
import dev.keydesk.core.incident.IncidentReport;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.IncidentRun;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Preview;
import dev.keydesk.core.incident.RunOptions;
import dev.keydesk.core.keys.KeyExport;
import dev.keydesk.core.rotation.SecretFiles;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Preview → confirmation → run → summary, shared by revoke, freeze and thaw. */
final class IncidentFlow {

    /** What the person asked of the run beyond the plan. */
    record Flags(boolean dryRun, boolean yes, Path report, Integer concurrency, Path newAdminKeyFile) {
    }

    private final KeydeskCommand global;
    private final CliEnvironment env;

    IncidentFlow(KeydeskCommand global) {
        this.global = global;
        this.env = global.env;
    }

    int run(CliSession session, IncidentPlan plan, Flags flags) throws Exception {
        IncidentEngine engine = session.engine();
        Preview preview = engine.preview(plan);
        PrintStream err = env.err();
        describe(preview, session, err);
        String verb = plan.action().verb();
        if (preview.count() == 0) {
            err.println("Nothing to " + verb + ": no key matches. Nothing was changed.");
            return Exit.OK;
        }
        if (flags.dryRun()) {
            printPreview(preview, session.connection().capabilities());
            err.println("Dry run: nothing was changed.");
            return Exit.OK;
        }
        if (preview.breakGlass() && flags.newAdminKeyFile() == null && env.terminal().isEmpty()) {
            throw new CliFailure(Exit.USAGE, "The targets include the admin key you are connected with: its replacement's "
                    + "secret must be handed over, and there is no terminal to show it on. Add --new-admin-key-file FILE. "
                    + "Nothing was changed.");
        }
        Confirm.orStop(env, flags.yes(), preview.count(), verb + " " + preview.count()
                + (preview.count() == 1 ? " key" : " keys"));

        List<KeyApi> switched = new ArrayList<>();
        List<Secret> secrets = new ArrayList<>();
        RunOptions.Builder options = RunOptions.builder().clock(env.clock()).sleeper(env.sleeper())
                .reportsRoot(env.paths().incidentsDir());
        if (flags.report() != null) {
            options.reportFile(flags.report());
        }
        if (flags.concurrency() != null) {
            if (flags.concurrency() < 1) {
                throw new CliFailure(Exit.USAGE, "--concurrency must be at least 1.");
            }
            options.maxConcurrency(flags.concurrency());
        }
        if (preview.breakGlass()) {
            options.breakGlass(new BreakGlass((replacement, secret) -> handOver(replacement, secret, flags),
                    (replacement, secret) -> {
                        Secret copy = Secret.ofChars(secret.copyChars());
                        secrets.add(copy);
                        KeyApi next = session.clientWith(copy, env);
                        switched.add(next);
                        return next;
                    }));
        }
        Progress progress = new Progress(err, env.terminal().map(Terminal::redraws).orElse(false), plan.action());
        IncidentRun run = engine.start(preview, options.build(), progress);
        env.interrupts().onInterrupt(run::cancel);
        IncidentResult result;
        try {
            result = run.await();
        } finally {
            env.interrupts().clear();
            switched.forEach(KeyApi::close);
            secrets.forEach(Secret::wipe);
        }
        printResult(result);
        return result.allAsAsked() ? Exit.OK : Exit.NOT_AS_ASKED;
    }

    private void handOver(ApiKey replacement, Secret secret, Flags flags) throws Exception {
        if (flags.newAdminKeyFile() != null) {
            SecretFiles.writeSecret(flags.newAdminKeyFile(), secret);
            env.err().println("The secret of the replacement admin key " + replacement.id() + " was written to "
                    + flags.newAdminKeyFile().toAbsolutePath() + " (owner-only). It is shown nowhere else.");
            return;
        }
        char[] chars = secret.copyChars();
        try {
            env.terminal().orElseThrow().showSecretOnce("The replacement admin key " + replacement.id() + " (“"
                    + replacement.name() + "”, expires " + replacement.expiresAt() + "). Its secret is shown "
                    + "this once: store it now (e.g. in KEYDESK_API_KEY or your keyring).", chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private void describe(Preview p, CliSession session, PrintStream err) {
        IncidentPlan plan = p.plan();
        String verb = plan.action().verb();
        err.println(Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " " + p.count()
                + (p.count() == 1 ? " key" : " keys") + " on " + session.serverLabel()
                + (plan.auditReason().isEmpty() ? "" : " (" + plan.auditReason() + ")") + ".");
        err.println("  selected:   " + plan.targets().describe() + " — " + p.inventorySize() + " keys on the server");
        Capabilities can = session.connection().capabilities();
        if (p.count() > 0) {
            if (can.has(Capability.LAST_USED)) {
                err.println("  in use:     " + p.usedRecently().size() + " used in the last 24 h (their traffic will "
                        + "break), " + p.idle().size() + " idle");
            } else {
                // Narrative says nothing of use: "idle" would be a guess presented as a fact.
                err.println("  in use:     not known: " + can.whyNot(Capability.LAST_USED).orElse(""));
            }
            if (can.has(Capability.KEY_TYPES)) {
                err.println("  types:      " + p.byType().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            err.println("  at stake:   " + p.permissionsAtStake().entrySet().stream().limit(8)
                    .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "))
                    + (p.permissionsAtStake().size() > 8 ? ", …" : ""));
            err.println("  time:       " + p.estimate().estimated().map(d -> "about " + Progress.seconds(d) + " ")
                    .orElse("") + "(" + p.estimate().basis() + ")");
        }
        if (!p.skipped().isEmpty()) {
            Map<String, Long> reasons = p.skipped().stream()
                    .collect(Collectors.groupingBy(Preview.SkippedKey::reason, java.util.LinkedHashMap::new,
                            Collectors.counting()));
            err.println("  left as is: " + reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
        }
        p.warnings().forEach(w -> err.println("  ! " + w));
    }

    private void printPreview(Preview p, Capabilities capabilities) throws Exception {
        PrintStream out = env.out();
        switch (global.format) {
            case json -> {
                ObjectNode node = WhoamiCommand.JSON.createObjectNode();
                node.put("action", p.plan().action().verb());
                node.put("count", p.count());
                ArrayNode ids = node.putArray("targets");
                p.targets().forEach(k -> ids.add(k.id()));
                node.put("used_last_24h", p.usedRecently().size());
                node.put("idle", p.idle().size());
                node.putPOJO("by_type", p.byType());
                node.putPOJO("permissions_at_stake", p.permissionsAtStake());
                ArrayNode skipped = node.putArray("skipped");
                p.skipped().forEach(s -> skipped.addObject().put("id", s.key().id()).put("reason", s.reason()));
                node.putPOJO("unknown_ids", p.unknownIds());
                node.put("estimated_seconds", p.estimate().estimated().map(d -> d.toSeconds()).orElse(null));
                node.put("estimate_basis", p.estimate().basis());
                node.putPOJO("warnings", p.warnings());
                out.println(WhoamiCommand.JSON.writeValueAsString(node));
            }
            case csv -> KeyExport.write(p.targets(), KeyExport.Format.CSV, out);
            default -> ListCommand.print(global, p.targets(), capabilities);
        }
    }

    private void printResult(IncidentResult r) {
        PrintStream out = env.out();
        IncidentReport report = IncidentReport.of(r);
        switch (global.format) {
            case json -> out.println(new String(report.toJson(), StandardCharsets.UTF_8));
            case csv -> out.print(new String(report.toCsv(), StandardCharsets.UTF_8));
            default -> {
                String verb = r.plan().action().pastTense();
                int done = r.count(r.plan().action().doneOutcome());
                out.println((r.cancelled() ? "Cancelled. " : "") + Character.toUpperCase(verb.charAt(0))
                        + verb.substring(1) + " " + done + " of " + r.outcomes().size() + " keys.  "
                        + r.counts().entrySet().stream().filter(e -> e.getValue() > 0 || e.getKey() == Outcome.FAILED)
                        .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(" · ")));
                List<KeyOutcome> bad = r.notAsAsked();
                if (!bad.isEmpty()) {
                    Table t = new Table("ID", "NAME", "OUTCOME", "REQUEST", "MESSAGE");
                    bad.forEach(o -> t.row(o.keyId(), o.key().name(), o.outcome().label(),
                            o.requestId() == null ? "" : o.requestId(), o.message()));
                    t.print(out);
                    out.println("Run them again: keydesk " + r.plan().action().verb() + " --ids-from "
                            + (r.reportFolder() == null ? "<ids>" : r.reportFolder().resolve("failed.txt"))
                            + " — or see the report.");
                }
                if (r.breakGlass() != null) {
                    out.println("Break-glass: " + r.breakGlass().message());
                }
                if (r.stopReason() != null) {
                    out.println("Stopped: " + r.stopReason());
                }
                r.notes().forEach(n -> out.println("Note: " + n));
            }
        }
        if (r.reportFolder() != null) {
            writeRetryList(r);
            env.err().println("Report: " + r.reportFolder().resolve(IncidentReport.JSON_FILE) + " (and report.csv, "
                    + "journal.jsonl)");
        }
    }

    /** The ids that did not end as asked, one per line, for {@code --ids-from}. */
    private void writeRetryList(IncidentResult r) {
        List<KeyOutcome> bad = r.notAsAsked();
        if (bad.isEmpty()) {
            return;
        }
        String ids = bad.stream().map(KeyOutcome::keyId).collect(Collectors.joining("\n", "", "\n"));
        try {
            PrivateFiles.write(r.reportFolder().resolve("failed.txt"), ids.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            env.err().println("keydesk: the list of keys to run again could not be written (" + e.getClass().getSimpleName()
                    + "); the report has them.");
        }
    }
}
