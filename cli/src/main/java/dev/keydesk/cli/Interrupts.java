package dev.keydesk.cli;

import org.slf4j.LoggerFactory;

/**
 * Ctrl+C. While a run is going, SIGINT cancels it as the app's Cancel does (nothing new starts,
 * the report is completed) instead of killing the JVM; a second Ctrl+C is ignored until the
 * run has wound down, which takes at most the requests in flight.
 */
public interface Interrupts {

    /** {@code onInterrupt} runs on Ctrl+C until {@link #clear()}. */
    void onInterrupt(Runnable onInterrupt);

    void clear();

    /** SIGINT through {@code sun.misc.Signal} (jdk.unsupported); without it, Ctrl+C ends the JVM as usual. */
    static Interrupts sigint() {
        return new Interrupts() {
            private Object previous;

            @Override
            public void onInterrupt(Runnable onInterrupt) {
                try {
                    previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> onInterrupt.run());
                } catch (RuntimeException | LinkageError e) {
                    LoggerFactory.getLogger(Interrupts.class).debug("no SIGINT handler: {}", e.toString());
                }
            }

            @Override
            public void clear() {
                if (previous instanceof sun.misc.SignalHandler h) {
                    sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
                }
            }
        };
    }
}
