package dev.keydesk.core.incident;

import dev.keydesk.client.RetryPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a run goes. Build with {@link #builder()}; every setting has a default.
 *
 * @param initialConcurrency requests in flight at the start (it then adapts)
 * @param maxConcurrency the most requests in flight ever ({@code --concurrency N})
 * @param maxAttempts write attempts per key after server errors and lost answers, then it fails
 * @param baseBackoff the first wait before retrying a key after a server error; it doubles up to {@code maxBackoff}
 * @param clock the engine's time: pauses end by it (tests share a mutable one with the server)
 * @param sleeper how the engine waits; tests pass one that moves their clock instead
 * @param reportsRoot where reports are saved automatically (a folder per run); null: not saved
 * @param extraReportFiles more copies of the final report, JSON or CSV by their extension
 * @param breakGlass needed when the plan includes the connected admin key; null otherwise
 */
public record RunOptions(int initialConcurrency, int maxConcurrency, int maxAttempts, Duration baseBackoff,
                         Duration maxBackoff, Clock clock, RetryPolicy.Sleeper sleeper, Path reportsRoot,
                         List<Path> extraReportFiles, BreakGlass breakGlass) {

    public static final int DEFAULT_INITIAL_CONCURRENCY = 4;
    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;

    public RunOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1");
        }
        if (initialConcurrency < 1) {
            throw new IllegalArgumentException("initialConcurrency must be at least 1");
        }
        initialConcurrency = Math.min(initialConcurrency, maxConcurrency);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        extraReportFiles = extraReportFiles == null ? List.of() : List.copyOf(extraReportFiles);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.initialConcurrency = initialConcurrency;
        b.maxConcurrency = maxConcurrency;
        b.maxAttempts = maxAttempts;
        b.baseBackoff = baseBackoff;
        b.maxBackoff = maxBackoff;
        b.clock = clock;
        b.sleeper = sleeper;
        b.reportsRoot = reportsRoot;
        b.extraReportFiles.addAll(extraReportFiles);
        b.breakGlass = breakGlass;
        return b;
    }

    public static final class Builder {
        private int initialConcurrency = DEFAULT_INITIAL_CONCURRENCY;
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration baseBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Clock clock = Clock.systemUTC();
        private RetryPolicy.Sleeper sleeper = RetryPolicy.Sleeper.REAL;
        private Path reportsRoot;
        private final List<Path> extraReportFiles = new ArrayList<>();
        private BreakGlass breakGlass;

        private Builder() {
        }

        public Builder initialConcurrency(int n) {
            this.initialConcurrency = n;
            return this;
        }

        /** The cap on requests in flight; the initial concurrency is lowered to it if needed. */
        public Builder maxConcurrency(int n) {
            this.maxConcurrency = n;
            return this;
        }

        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.baseBackoff = base;
            this.maxBackoff = max;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(RetryPolicy.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Usually {@code AppPaths.incidentsDir()}. */
        public Builder reportsRoot(Path root) {
            this.reportsRoot = root;
            return this;
        }

        /** A further copy of the final report: {@code .csv} as CSV, anything else as JSON. */
        public Builder reportFile(Path file) {
            this.extraReportFiles.add(file);
            return this;
        }

        public Builder breakGlass(BreakGlass breakGlass) {
            this.breakGlass = breakGlass;
            return this;
        }

        public RunOptions build() {
            return new RunOptions(initialConcurrency, maxConcurrency, maxAttempts, baseBackoff, maxBackoff, clock,
                    sleeper, reportsRoot, extraReportFiles, breakGlass);
        }
    }
}
