package dev.keydesk.cli;

import dev.keydesk.core.connection.EmbeddedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code keydesk reset-local-admin}: local recovery for the embedded server (the app's, and this
 * command's default), whose own admin key was revoked or lost. The same reset as the app's
 * "Reset the local admin key…", on the same folder; the folder's owner owns its server.
 */
@Command(name = "reset-local-admin", mixinStandardHelpOptions = true,
        description = {"Local recovery: a new admin:* key for the embedded local server's data folder.",
                "Mints it and writes it to bootstrap.key in the app's data folder, readable by you only. Every "
                        + "other key stays as it is; the old admin key stays revoked; the server's audit log records "
                        + "the new key. The secret is never printed. The KeyDesk app must not be running on the "
                        + "folder meanwhile."},
        footerHeading = "%nExamples:%n",
        footer = {"  keydesk reset-local-admin --yes",
                "  java -jar keydesk-server.jar --new-admin-key --data-dir DIR   # a standalone server's folder"})
final class ResetLocalAdminCommand implements Callable<Integer> {

    @ParentCommand
    KeydeskCommand global;

    @Option(names = "--yes", description = "Reset without asking.")
    boolean yes;

    @Override
    public Integer call() {
        if (global.server != null || (global.profile != null && !global.profile.equalsIgnoreCase("local"))) {
            throw new CliFailure(Exit.USAGE, "reset-local-admin works on the embedded local server's folder only; "
                    + "leave out --server and --profile.");
        }
        EmbeddedServer embedded = global.env.connector().embedded();
        Path dir = embedded.dataDir();
        var err = global.env.err();
        err.println("Reset the admin key of the local server in " + dir + ":");
        err.println("  a new admin:* key replaces " + dir.resolve("bootstrap.key") + "; every other key is kept,");
        err.println("  and the old admin key stays revoked.");
        Confirm.orStop(global.env, yes, 1, "reset the local admin key");
        try {
            Path file = embedded.resetAdminKey();
            err.println("Done: the new admin key is in " + file + " (readable by you only). The KeyDesk app and "
                    + "keydesk use it from now on.");
            return Exit.OK;
        } catch (EmbeddedServer.ResetFailedException e) {
            throw new CliFailure(e.nothingChanged() ? Exit.USAGE : Exit.NOT_AS_ASKED, e.getMessage());
        }
    }
}
