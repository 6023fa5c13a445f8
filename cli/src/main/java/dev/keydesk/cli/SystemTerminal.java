package dev.keydesk.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Optional;

/** {@link Terminal} over {@link System#console()}: present only when stdin and stdout are a terminal. */
final class SystemTerminal implements Terminal {

    private final Console console;

    private SystemTerminal(Console console) {
        this.console = console;
    }

    static Optional<Terminal> ifPresent() {
        Console c = System.console();
        return c == null ? Optional.empty() : Optional.of(new SystemTerminal(c));
    }

    @Override
    public String readLine(String prompt) {
        return console.readLine("%s", prompt);
    }

    @Override
    public char[] readSecret(String prompt) {
        return console.readPassword("%s", prompt);
    }

    @Override
    public void showSecretOnce(String warning, char[] secret) {
        PrintWriter w = console.writer();
        w.println(warning);
        w.println();
        w.print("    ");
        w.write(secret);
        w.println();
        w.println();
        w.flush();
    }

    @Override
    public boolean redraws() {
        return true;
    }
}
