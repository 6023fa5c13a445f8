package dev.keydesk.cli;

import dev.keydesk.client.Dialect;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.AdminKeyException;
import dev.keydesk.core.connection.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

/** {@code keydesk}: the command line over KeyDesk's core. */
@Command(name = "keydesk", mixinStandardHelpOptions = true, versionProvider = KeydeskCommand.Version.class,
        customSynopsis = {"keydesk [--server URL | --profile NAME] [--dialect keydesk|narrative]",
                "        [--format table|csv|json] COMMAND [OPTIONS]"},
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {WhoamiCommand.class, ListCommand.class, ExportCommand.class, CreateCommand.class,
                IdentifyCommand.class, ReviewCommand.class, RotateCommand.class, IncidentCommand.Revoke.class,
                IncidentCommand.Freeze.class, ThawCommand.class,
                ResetLocalAdminCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true,
        // One element per paragraph: picocli wraps each to the terminal's width.
        description = {
                "Administers the API keys of a key server: who you are, list and export keys, create one, review "
                        + "what keys use before rotating them with grace, and stop many at once in an incident "
                        + "(revoke, freeze, thaw) with a preview first and a report after.",
                "",
                "The server comes from --server, else KEYDESK_SERVER, else --profile (the app's connection "
                        + "profiles); with none, the embedded local server in the app's data folder. The admin key "
                        + "comes from KEYDESK_API_KEY (with --server / KEYDESK_SERVER) or the profile's variable or "
                        + "keyring entry: never from a flag. The options above the command may also follow it.",
                "",
                "With --dialect narrative and no profile, the server is NARRATIVE_API_URL or "
                        + "NARRATIVE_ENVIRONMENT (prod, dev or a URL; prod by default) and the token "
                        + "NARRATIVE_API_KEY or NARRATIVE_API_TOKEN, as Narrative's own tools read them; a profile "
                        + "names its own dialect.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {
                "  keydesk whoami",
                "  export KEYDESK_SERVER=https://keys.example.com",
                "  export KEYDESK_API_KEY=$(pass keys/admin)",
                "  keydesk list --expiring 7",
                "  keydesk export --out keys.csv",
                "  keydesk create --name \"Nightly ETL\" --preset analytics --days 30 > etl.key",
                "  pbpaste | keydesk identify",
                "  keydesk review --due",
                "  keydesk rotate --id key_123 --grace 24h --narrow --yes > new.key",
                "  keydesk revoke --match 'ci-*' --type live --dry-run",
                "  keydesk revoke --match 'ci-*' --reason \"leaked in a CI log\" --incident INC-42",
                "  keydesk freeze --permission datasets:write --yes --report freeze.json",
                "  keydesk thaw --report freeze.json --yes",
                "  keydesk --dialect narrative list    # NARRATIVE_API_KEY, NARRATIVE_ENVIRONMENT",
                "  keydesk reset-local-admin --yes       # the local server refused its admin key",
                "",
                "Exit codes:",
                "  0  every target ended as asked (or there was nothing to do)",
                "  1  some target did not (failed, not attempted, cancelled, not confirmed):",
                "     the report says which",
                "  2  usage or connection error: nothing was changed",
                "",
                "Reports of revoke, freeze and thaw are saved in the app's data folder (incidents/<time>-<ref>/: "
                        + "report.json, report.csv, journal.jsonl), owner-only. Ctrl+C during a run cancels it "
                        + "cleanly."})
public final class KeydeskCommand implements Runnable {

    /** The output formats of {@code --format}. */
    public enum Format { table, csv, json }

    @Option(names = "--server", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "The key server's base URL, e.g. https://keys.example.com (default: KEYDESK_SERVER).")
    String server;

    @Option(names = "--profile", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "A connection profile of the KeyDesk app by name; 'local' is the embedded local server.")
    String profile;

    @Option(names = "--dialect", paramLabel = "DIALECT", scope = CommandLine.ScopeType.INHERIT,
            description = "The API the server speaks: keydesk (default) or narrative (Narrative's access tokens); "
                    + "a profile names its own.")
    DialectOption dialect;

    /** {@code --dialect} values, as people type them. */
    public enum DialectOption {
        keydesk(Dialect.KEYDESK), narrative(Dialect.NARRATIVE);

        final Dialect value;

        DialectOption(Dialect value) {
            this.value = value;
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", scope = CommandLine.ScopeType.INHERIT,
            description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    final CliEnvironment env;

    KeydeskCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Name a command (keydesk --help lists them).");
    }

    CliSession connect() {
        return CliSession.open(this, env);
    }

    /** Runs {@code args} in {@code env}; returns the exit code. */
    public static int run(String[] args, CliEnvironment env) {
        CommandLine cli = new CommandLine(new KeydeskCommand(env), new Factory(env));
        cli.setOut(new PrintWriter(env.out(), true));
        cli.setErr(new PrintWriter(env.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            report(env, e);
            return e instanceof CliFailure f ? f.exitCode() : Exit.USAGE;
        });
        return cli.execute(args);
    }

    /** Prints a failure as the three sentences of {@link ErrorMessages}: never a stack trace. */
    static void report(CliEnvironment env, Throwable e) {
        if (e instanceof CliFailure f) {
            env.err().println("keydesk: " + f.getMessage());
            return;
        }
        if (e instanceof AdminKeyException) {
            env.err().println("keydesk: " + e.getMessage());
            return;
        }
        if (e instanceof EmbeddedServer.StartFailedException) {
            env.err().println("keydesk: the embedded local server did not start (" + rootCause(e) + "). "
                    + "Is the KeyDesk app running with it? Close it, or use --server / --profile.");
            return;
        }
        if (e instanceof IllegalArgumentException) {
            env.err().println("keydesk: " + e.getMessage());
            return;
        }
        UserMessage m = ErrorMessages.describe(e, ErrorMessages.Action.unknown("reach the key server"));
        env.err().println("keydesk: " + m.title() + ".");
        env.err().println("  " + m.whatHappened());
        env.err().println("  " + m.whatIsSafe());
        env.err().println("  " + m.whatToDo());
        if (m.requestId() != null) {
            env.err().println("  (request id " + m.requestId() + ")");
        }
    }

    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName();
    }

    /** Hands the environment to every command that takes one. */
    private static final class Factory implements CommandLine.IFactory {
        private final CliEnvironment env;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliEnvironment.class);
                c.setAccessible(true);
                return c.newInstance(env);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KeydeskCommand.class.getPackage().getImplementationVersion();
            return new String[] {"keydesk " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
