package dev.keydesk.cli;

import dev.keydesk.client.model.Permission;
import dev.keydesk.core.incident.TargetRule;
import dev.keydesk.core.incident.TargetSelection;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which keys: {@code --all}, explicit ids, or rules (combined with AND), minus {@code --except}. */
final class TargetOptions {

    @Option(names = "--all", description = "Every key (the admin key you are connected with only with --include-self).")
    boolean all;

    @Option(names = "--id", paramLabel = "ID", split = ",", description = "These keys (repeat, or separate with commas).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--ids-from", paramLabel = "FILE|-",
            description = "Key ids from FILE, or stdin for '-': one per line (or comma-separated); '#' starts a comment.")
    String idsFrom;

    @Option(names = "--permission", paramLabel = "P", description = "Keys that hold P, e.g. datasets:write (admin:* holds all).")
    List<String> permissions = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "R", description = "Keys with any permission on resource R, e.g. datasets.")
    String resource;

    @Option(names = "--type", paramLabel = "live|test", description = "Only live or only test keys.")
    String type;

    @Option(names = "--created-before", paramLabel = "DATE", description = "Created before DATE (2026-10-14 or an RFC 3339 time).")
    String createdBefore;

    @Option(names = "--created-after", paramLabel = "DATE", description = "Created on or after DATE.")
    String createdAfter;

    @Option(names = "--created-by", paramLabel = "ID", description = "Created by the key ID (e.g. a leaked admin key).")
    String createdBy;

    @Option(names = "--last-used-from", paramLabel = "IP", description = "Last used from the address IP.")
    String lastUsedFrom;

    @Option(names = "--unused-days", paramLabel = "N", description = "Not used for N days, or never used.")
    Integer unusedDays;

    @Option(names = "--expiring", paramLabel = "DAYS", description = "Expiring within DAYS days.")
    Integer expiring;

    @Option(names = "--match", paramLabel = "PATTERN",
            description = "Name matches the glob PATTERN, e.g. 'ci-*' (* any run of characters, ? one; any case).")
    String match;

    @Option(names = "--except", paramLabel = "ID", split = ",", description = "Leave these keys out (repeat or comma-separate).")
    List<String> except = new ArrayList<>();

    @Option(names = "--include-self",
            description = "Include the admin key you are connected with: it is replaced first (break-glass) and stopped last.")
    boolean includeSelf;

    TargetSelection selection(InputStream stdin) throws IOException {
        Set<String> idSet = new LinkedHashSet<>(ids);
        if (idsFrom != null) {
            String text = idsFrom.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(idsFrom), StandardCharsets.UTF_8);
            idSet.addAll(parseIds(text));
            if (idSet.isEmpty()) {
                throw new CliFailure(Exit.USAGE, "No key ids in " + (idsFrom.equals("-") ? "stdin" : idsFrom) + ".");
            }
        }
        List<TargetRule> rules = new ArrayList<>();
        if (all) {
            rules.add(new TargetRule.All());
        }
        permissions.forEach(p -> rules.add(new TargetRule.HoldsPermission(Permission.parse(p))));
        if (resource != null) {
            rules.add(new TargetRule.OnResource(resource));
        }
        if (type != null) {
            rules.add(new TargetRule.OfType(type));
        }
        if (createdBefore != null) {
            rules.add(new TargetRule.CreatedBefore(TargetRule.instant(createdBefore)));
        }
        if (createdAfter != null) {
            rules.add(new TargetRule.CreatedAfter(TargetRule.instant(createdAfter)));
        }
        if (createdBy != null) {
            rules.add(new TargetRule.CreatedBy(createdBy));
        }
        if (lastUsedFrom != null) {
            rules.add(new TargetRule.LastUsedFrom(lastUsedFrom));
        }
        if (unusedDays != null) {
            rules.add(new TargetRule.UnusedFor(unusedDays));
        }
        if (expiring != null) {
            rules.add(new TargetRule.ExpiringWithin(expiring));
        }
        if (match != null) {
            rules.add(new TargetRule.NameMatches(match));
        }
        if (idSet.isEmpty() && rules.isEmpty()) {
            throw new CliFailure(Exit.USAGE, "Say which keys: --all, --id, --ids-from, or a rule such as --match 'ci-*' "
                    + "(see --help). Nothing was changed.");
        }
        return new TargetSelection(idSet, rules, new LinkedHashSet<>(except), includeSelf);
    }

    static List<String> parseIds(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
            for (String part : l.split("[,\\s]+")) {
                String id = part.trim();
                if (!id.isEmpty() && !id.equalsIgnoreCase("id")) {
                    out.add(id);
                }
            }
        }
        return out;
    }
}
