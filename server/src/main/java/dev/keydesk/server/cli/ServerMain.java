package dev.keydesk.server.cli;

import dev.keydesk.server.LocalKeyServer;
import dev.keydesk.server.Plan;
import dev.keydesk.server.Recovery;
import dev.keydesk.server.ServerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar keydesk-server.jar --port 8787 --data-dir DIR [--plan ...] [--demo N] [--bind ADDR]}. */
@Command(name = "keydesk-server", mixinStandardHelpOptions = true, version = "KeyDesk local key server 0.1",
        description = "Runs the KeyDesk key API on this machine, backed by an SQLite file in the data directory.")
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8787", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", required = true, description = "Directory for the database, pepper and bootstrap key.")
    Path dataDir;

    @Option(names = "--plan", defaultValue = "professional",
            description = "Rate-limit plan: free, professional or unlimited (default: ${DEFAULT-VALUE}).")
    String plan;

    @Option(names = "--demo", defaultValue = "0", description = "Demo keys to add when the database is new.")
    int demo;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--new-admin-key", description = "Local recovery: mint a new admin:* key for --data-dir and "
            + "write its secret to DIR/bootstrap.key (replacing it), without starting HTTP. The server must be stopped.")
    boolean newAdminKey;

    @Override
    public Integer call() throws Exception {
        if (newAdminKey) {
            return recover();
        }
        Plan chosen;
        try {
            chosen = Plan.valueOf(plan.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown plan '" + plan + "': use free, professional or unlimited.");
            return 2;
        }
        if (demo < 0 || port < 0 || port > 65_535) {
            System.err.println("--demo must be >= 0 and --port 0..65535.");
            return 2;
        }
        LocalKeyServer server = LocalKeyServer.start(ServerOptions.builder()
                .dataDir(dataDir).port(port).bindAddress(bind).plan(chosen).demoKeys(demo).build());
        System.out.println("KeyDesk local key server listening on " + server.baseUri());
        if (java.nio.file.Files.exists(server.bootstrapKeyFile())) {
            System.out.println("Bootstrap admin key file: " + server.bootstrapKeyFile());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "keydesk-shutdown"));
        stopped.await();
        return 0;
    }

    private int recover() {
        try {
            Recovery.Result r = Recovery.mintAdminKey(dataDir, Clock.systemUTC());
            System.out.println("Minted a new admin key " + r.keyId() + " (admin:*) for " + dataDir.toAbsolutePath() + ".");
            System.out.println("Its secret is in " + r.keyFile() + " (readable by you only). That file was replaced: it is "
                    + "where the KeyDesk app's embedded server hands over its admin key, so the app picks the new one up.");
            System.out.println("No other key was changed. Sign in with the new key, then revoke the admin key that was lost.");
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/keydesk/server/cli/logback-server.xml");
        }
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }
}
