package dev.keydesk.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * KeyDesk's measurement harnesses. They print figures; they assert nothing, and no test runs them.
 *
 * <pre>
 *   mvn -q -DskipTests package exec:java -Dexec.args="server"   # authenticated requests per second
 *   mvn -q -DskipTests package exec:java -Dexec.args="list"     # 10,000 keys: client vs raw HTTP
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {ServerThroughputBench.class, ListKeysBench.class},
        description = "Measures KeyDesk. Run one subcommand; see README.md for the figures.")
public final class Bench implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Bench()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
