package dev.keydesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.review.Proposal;
import dev.keydesk.core.review.ProposalRules;
import dev.keydesk.core.review.ReviewWindow;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.rotation.Grace;
import dev.keydesk.core.rotation.GraceResult;
import dev.keydesk.core.rotation.Rotator;
import dev.keydesk.core.rotation.SecretFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotates one key with grace: a replacement now, the old key revoked later (or now).",
                "The replacement has the same name, description and type (and, with --narrow, only the "
                        + "permissions the review proposes); its secret is printed once alone on stdout (or written "
                        + "owner-only to --secret-file). The old key is renamed “[rotating] …” and keeps working for "
                        + "the grace (its expiry moved, never extended, with the audit reason “rotation”), or is "
                        + "revoked at once with --grace now. The app's cutover tracker follows the old key."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk rotate --id key_123 --grace 24h --narrow --yes > new.key",
                "  keydesk rotate --id key_123 --grace 7d --secret-file new.key",
                "  keydesk rotate --id key_123 --grace now --yes --secret-file new.key"})
final class RotateCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The key to rotate.")
    String id;

    @Option(names = "--grace", paramLabel = "now|1h|24h|7d", defaultValue = "24h",
            description = "How long the old key keeps working (default ${DEFAULT-VALUE}); now revokes it once the new "
                    + "secret is out.")
    String grace;

    @Option(names = "--narrow", description = "Give the replacement only what the review proposes (see keydesk review).")
    boolean narrow;

    @Option(names = "--window", paramLabel = "DAYS", defaultValue = "30",
            description = "With --narrow: the review's window (1 to 90 days; default ${DEFAULT-VALUE}).")
    int windowDays;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "Write the new secret to FILE (owner-only) instead of stdout.")
    Path secretFile;

    @Option(names = "--yes", description = "Rotate without asking to type the count.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Grace g = Grace.parse(grace).orElseThrow(() -> new CliFailure(Exit.USAGE, "--grace is one of "
                + Arrays.stream(Grace.values()).map(Grace::flag).collect(Collectors.joining(", ")) + "."));
        if (windowDays < ReviewWindow.MIN_DAYS || windowDays > ReviewWindow.MAX_DAYS) {
            throw new CliFailure(Exit.USAGE, "--window must be 1 to 90 days.");
        }
        var err = global.env.err();
        try (CliSession session = global.connect()) {
            var connection = session.connection();
            var api = session.api();
            if (connection.isConnectedKey(id)) {
                throw new CliFailure(Exit.USAGE, id + " is the admin key you are connected with: rotate it from another "
                        + "admin key (or use `keydesk revoke --include-self`). Nothing was changed.");
            }
            ApiKey old;
            try {
                old = api.getKey(id).key();
            } catch (NotFoundException e) {
                throw new CliFailure(Exit.USAGE, "No key " + id + " on " + session.serverLabel() + ". Nothing was changed.");
            }
            Set<Permission> permissions = new TreeSet<>(old.permissions());
            String why = "keeps all its permissions";
            if (narrow) {
                if (!api.capabilities().has(Capability.USAGE)) {
                    throw new CliFailure(Exit.USAGE, "--narrow needs usage per permission, which " + session.serverLabel()
                            + " does not report: " + api.capabilities().whyNot(Capability.USAGE).orElse("") + " Nothing was changed.");
                }
                Proposal p = new ProposalRules(connection.catalog()).propose(old, api.usage(id),
                        new ReviewWindow(windowDays), global.env.clock().instant());
                switch (p.kind()) {
                    case NARROW -> {
                        permissions = p.proposed();
                        why = "removes " + join(p.removes()) + (p.adds().isEmpty() ? "" : ", adds " + join(p.adds()));
                    }
                    case REVOKE -> throw new CliFailure(Exit.NOT_AS_ASKED, p.summary() + " Rotate without --narrow to keep "
                            + "its grants, or `keydesk revoke --id " + id + "`. Nothing was changed.");
                    default -> why = "keeps all its permissions (" + p.summary() + ")";
                }
            }
            err.println("Rotate " + id + " “" + old.name() + "” (" + old.prefix() + "…) on " + session.serverLabel() + ":");
            err.println("  replacement: " + join(permissions) + " — " + why);
            err.println("  old key:     " + (g.revokesAtOnce() ? "revoked once the new secret is out"
                    : "renamed “[rotating] …”, works for " + g.label() + " more (audit reason “rotation”)"));
            err.println("  new secret:  " + (secretFile == null ? "printed once on stdout" : "written to " + secretFile
                    + " (owner-only)"));
            Confirm.orStop(global.env, yes, 1, "rotate this key");

            Rotator rotator = new Rotator(connection, global.env.clock());
            Rotator.Rotation r;
            try {
                r = rotator.rotate(old, permissions, g);
            } catch (Rotator.SecretLost e) {
                throw new CliFailure(Exit.NOT_AS_ASKED, e.getMessage());
            }
            try (Secret secret = r.replacement().secret().orElseThrow()) {
                handOver(secret);
            }
            ApiKey replacement = r.replacement().key();
            err.println("Created " + replacement.id() + " “" + replacement.name() + "” (" + replacement.prefix()
                    + "…). Its secret was " + (secretFile == null ? "printed once, above or into your redirect"
                    : "written to " + secretFile.toAbsolutePath()) + ": it cannot be shown again.");
            CutoverStore store = new CutoverStore(global.env.paths().rotationsFile());
            var cutover = r.cutover();
            int exit = Exit.OK;
            GraceResult result = r.grace();
            switch (result.result()) {
                case MOVED, ALREADY_SOONER -> err.println("The old key " + id + " works until " + result.endsAt()
                        + (result.result() == GraceResult.Result.ALREADY_SOONER ? " (it already expired sooner)" : "")
                        + "; the app's cutover tracker follows it.");
                case REVOKE_PENDING -> {
                    rotator.revokeOld(id);
                    cutover = cutover.closed(global.env.clock().instant(), "revoked");
                    err.println("The old key " + id + " is revoked.");
                }
                default -> {
                    err.println("keydesk: " + result.message() + " The old key was kept as it is: revoke it "
                            + "(`keydesk revoke --id " + id + "`) once nothing uses it.");
                    exit = Exit.NOT_AS_ASKED;
                }
            }
            try {
                store.put(cutover);
            } catch (java.io.IOException e) {
                err.println("keydesk: the cutover tracker's file could not be written (" + e.getClass().getSimpleName()
                        + "); the rotation stands.");
            }
            if (secretFile != null && global.format == KeydeskCommand.Format.json) {
                ObjectNode n = WhoamiCommand.JSON.createObjectNode();
                n.put("old_key_id", id);
                n.put("new_key_id", replacement.id());
                n.put("new_prefix", replacement.prefix());
                n.putPOJO("permissions", permissions.stream().map(Permission::value).toList());
                n.put("grace", g.flag());
                boolean revoked = result.result() == GraceResult.Result.REVOKE_PENDING;
                n.put("old_key_until", revoked || result.endsAt() == null ? null : result.endsAt().toString());
                n.put("grace_result", revoked ? "revoked" : result.result().name().toLowerCase(java.util.Locale.ROOT));
                global.env.out().println(WhoamiCommand.JSON.writeValueAsString(n));
            }
            return exit;
        }
    }

    private void handOver(Secret secret) throws java.io.IOException {
        if (secretFile != null) {
            SecretFiles.writeSecret(secretFile, secret);
            return;
        }
        char[] chars = secret.copyChars();
        try {
            global.env.out().print(chars);
            global.env.out().println();
            global.env.out().flush();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static String join(Collection<Permission> ps) {
        return ps.stream().map(Permission::value).sorted().collect(Collectors.joining(" "));
    }
}
