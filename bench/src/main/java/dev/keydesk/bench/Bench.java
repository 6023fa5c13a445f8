package dev.keydesk.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * KeyDesk's measurement harnesses. They print figures; they assert nothing, and no test runs them.
 *
 * <pre>
 *   mvn -q -DskipTests package exec:java -Dexec.args="server"   # authenticated requests per second
 *   mvn -q -DskipTests package exec:java -Dexec.args="list"     # 10,000 keys: client vs raw HTTP
 *   mvn -q -DskipTests package exec:java -Dexec.args="ui-start" # cold start to a painted table vs a bare window
 *   mvn -q -DskipTests package exec:java -Dexec.args="ui-filter" # 100,000 keys: load, filter per keystroke, memory
 *   mvn -q -DskipTests package exec:java -Dexec.args="incident"  # revoking 1,000 keys: engine and CLI vs a curl loop
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {ServerThroughputBench.class, ListKeysBench.class, UiStartBench.class, UiFilterBench.class,
                IncidentBench.class},
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
