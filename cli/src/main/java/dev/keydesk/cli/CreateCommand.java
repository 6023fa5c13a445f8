package dev.keydesk.cli;

import dev.keydesk.client.Secret;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CreatedKey;
import dev.keydesk.client.model.KeyCreateParams;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.core.incident.TargetRule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Creates a key and prints its secret once, alone on stdout (so it can be piped or "
                + "redirected); everything else goes to stderr. The secret cannot be shown again."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk create --name \"Nightly ETL\" --preset analytics --days 30 --yes > etl.key",
                "  keydesk create --name ci-deploy --permission datasets:read \\",
                "      --permission jobs:write --type test"})
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--name", required = true, paramLabel = "N", description = "The key's name (1 to 100 characters).")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Grants grants;

    static final class Grants {
        @Option(names = "--permission", paramLabel = "P", required = true,
                description = "A permission to grant, e.g. datasets:read (repeat for more).")
        List<String> permissions;

        @Option(names = "--preset", paramLabel = "ID", required = true,
                description = "A preset of the server's catalog: analytics, ingestion, workflow_automation, …")
        String preset;
    }

    @ArgGroup(exclusive = true)
    Expiry expiry;

    static final class Expiry {
        @Option(names = "--days", paramLabel = "N", description = "Expires in N days (default: the server's policy).")
        Integer days;

        @Option(names = "--expires", paramLabel = "DATE", description = "Expires at DATE (2026-12-31 or an RFC 3339 time).")
        String date;
    }

    @Option(names = "--type", paramLabel = "live|test", description = "The key's type (default: live).")
    String type;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the key is for.")
    String description;

    @Option(names = "--yes", description = "Create without asking.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        try (CliSession session = global.connect()) {
            Catalog catalog = session.connection().catalog();
            KeyPolicy policy = session.connection().policy();
            List<Permission> permissions;
            if (grants.preset != null) {
                Preset preset = catalog.presets().stream().filter(p -> p.id().equals(grants.preset)).findFirst()
                        .orElseThrow(() -> new CliFailure(Exit.USAGE, "No preset “" + grants.preset + "”. Known: "
                                + catalog.presets().stream().map(Preset::id).collect(Collectors.joining(", ")) + "."));
                if (preset.permissions().isEmpty()) {
                    throw new CliFailure(Exit.USAGE, "The preset “" + preset.id() + "” has no fixed permissions: "
                            + "name them with --permission.");
                }
                permissions = preset.permissions();
            } else {
                permissions = grants.permissions.stream().map(Permission::parse).distinct().toList();
            }
            Instant now = global.env.clock().instant();
            Instant expiresAt;
            if (expiry != null && expiry.date != null) {
                expiresAt = TargetRule.instant(expiry.date);
            } else {
                int days = expiry != null && expiry.days != null ? expiry.days : policy.defaultLifetimeDays();
                expiresAt = now.plus(Duration.ofDays(days));
            }
            String t = type == null ? null : type.trim().toLowerCase(java.util.Locale.ROOT);
            var err = global.env.err();
            boolean types = session.connection().has(dev.keydesk.client.Capability.KEY_TYPES);
            err.println("Create “" + name + "”" + (types ? " (" + (t == null ? "live" : t) + ")" : "") + " on "
                    + session.serverLabel() + ":");
            err.println("  permissions: " + permissions.stream().map(Permission::value).collect(Collectors.joining(" ")));
            err.println("  expires:     " + expiresAt);
            Confirm.orStop(global.env, yes, 1, "create this key");
            CreatedKey created = session.api().createKey(new KeyCreateParams(name, description, t, permissions, expiresAt));
            if (created.secret().isEmpty()) {
                err.println("keydesk: the server made the key " + created.key().id() + " but sent no secret for it "
                        + "(a replayed create). Revoke it (keydesk revoke --id " + created.key().id() + ") and create "
                        + "another.");
                return Exit.NOT_AS_ASKED;
            }
            try (Secret secret = created.secret().get()) {
                char[] chars = secret.copyChars();
                try {
                    global.env.out().print(chars);
                    global.env.out().println();
                    global.env.out().flush();
                } finally {
                    java.util.Arrays.fill(chars, '\0');
                }
            }
            err.println("Created " + created.key().id() + " “" + created.key().name() + "”"
                    + (created.key().prefix() == null ? "" : " (" + created.key().prefix() + "…)") + ". Its secret was printed once, above or into your redirect: store it now; it cannot be "
                    + "shown again.");
            return Exit.OK;
        }
    }
}
