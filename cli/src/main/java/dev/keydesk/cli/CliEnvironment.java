package dev.keydesk.cli;

import dev.keydesk.client.RetryPolicy;
import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.Connector;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a command touches outside itself, so that tests run the real commands in-process:
 * the environment's variables, the three streams, the terminal (absent when stdin or stdout is
 * not one), the app's data folder, time, and Ctrl+C.
 *
 * @param connector how profiles are opened (the OS keyring and the embedded server in {@code paths})
 */
public record CliEnvironment(Function<String, String> env, InputStream stdin, PrintStream out, PrintStream err,
                             Optional<Terminal> terminal, AppPaths paths, Clock clock, RetryPolicy.Sleeper sleeper,
                             Interrupts interrupts, Connector connector) {

    /** The real process: {@code System.getenv}, the standard streams, {@code System.console()}. */
    public static CliEnvironment system() {
        AppPaths paths = AppPaths.fromEnvironment();
        return new CliEnvironment(System::getenv, System.in, System.out, System.err, SystemTerminal.ifPresent(),
                paths, Clock.systemUTC(), RetryPolicy.Sleeper.REAL, Interrupts.sigint(),
                Connector.standard(paths, System::getenv));
    }
}
