package dev.keydesk.cli;

import dev.keydesk.core.common.AppPaths;
import dev.keydesk.core.connection.AdminKeys;
import dev.keydesk.core.connection.ApiFactory;
import dev.keydesk.core.connection.Connector;
import dev.keydesk.core.connection.EmbeddedServer;
import dev.keydesk.core.connection.FakeKeyring;
import dev.keydesk.core.testing.MutableClock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code keydesk} in-process with captured streams, an injected environment and a fake terminal. */
final class CliHarness implements AutoCloseable {

    final Map<String, String> env = new HashMap<>();
    final AppPaths paths;
    final MutableClock clock = new MutableClock(Instant.now());
    final FakeInterrupts interrupts = new FakeInterrupts();
    final Connector connector;
    final List<String> allOutput = new ArrayList<>();
    FakeTerminal terminal;
    String stdin = "";

    CliHarness(Path home) {
        this.paths = AppPaths.of(home);
        this.connector = new Connector(new AdminKeys(FakeKeyring.working(), env::get),
                new EmbeddedServer(paths.embeddedServerDir()), ApiFactory.http());
    }

    record Result(int code, String out, String err) {
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment e = new CliEnvironment(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Optional.ofNullable(terminal), paths, clock, clock.sleeper(), interrupts, connector);
        int code = KeydeskCommand.run(args, e);
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        allOutput.add(r.out());
        allOutput.add(r.err());
        if (terminal != null) {
            allOutput.add(String.join("\n", terminal.shown));
        }
        return r;
    }

    @Override
    public void close() {
        connector.close();
    }

    /** A terminal whose person types the scripted answers and whose screen is a list. */
    static final class FakeTerminal implements Terminal {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();
        final List<String> shown = new ArrayList<>();
        final AtomicReference<String> secretShown = new AtomicReference<>();

        FakeTerminal(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public String readLine(String prompt) {
            prompts.add(prompt);
            return answers.poll();
        }

        @Override
        public char[] readSecret(String prompt) {
            prompts.add(prompt);
            String a = answers.poll();
            return a == null ? null : a.toCharArray();
        }

        @Override
        public void showSecretOnce(String warning, char[] secret) {
            shown.add(warning);
            secretShown.set(new String(secret));
        }

        @Override
        public boolean redraws() {
            return true;
        }
    }

    /** Ctrl+C on demand. */
    static final class FakeInterrupts implements Interrupts {
        private volatile Runnable handler;

        @Override
        public void onInterrupt(Runnable onInterrupt) {
            handler = onInterrupt;
        }

        @Override
        public void clear() {
            handler = null;
        }

        boolean armed() {
            return handler != null;
        }

        void press() {
            Runnable h = handler;
            if (h != null) {
                h.run();
            }
        }
    }
}
