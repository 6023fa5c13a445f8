package dev.keydesk.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** How to start a {@link LocalKeyServer}. Immutable; build with {@link #builder()}. */
public final class ServerOptions {

    private final Path dataDir;
    private final int port;
    private final String bindAddress;
    private final Plan plan;
    private final int perMinute;
    private final int perHour;
    private final int demoKeys;
    private final Clock clock;
    private final boolean expirationRequired;
    private final int failedAuthPerMinute;

    private ServerOptions(Builder b) {
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir is required");
        this.port = b.port;
        this.bindAddress = b.bindAddress;
        this.plan = b.plan;
        this.perMinute = b.perMinute != null ? b.perMinute : b.plan.perMinute();
        this.perHour = b.perHour != null ? b.perHour : b.plan.perHour();
        this.demoKeys = b.demoKeys;
        this.clock = b.clock;
        this.expirationRequired = b.expirationRequired;
        this.failedAuthPerMinute = b.failedAuthPerMinute;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** 0 for an ephemeral port. */
    public int port() {
        return port;
    }

    public String bindAddress() {
        return bindAddress;
    }

    public Plan plan() {
        return plan;
    }

    /** Requests per minute per key: the plan's unless overridden with {@link Builder#rateLimits}. */
    public int perMinute() {
        return perMinute;
    }

    /** Requests per hour per key: the plan's unless overridden with {@link Builder#rateLimits}. */
    public int perHour() {
        return perHour;
    }

    public int demoKeys() {
        return demoKeys;
    }

    public Clock clock() {
        return clock;
    }

    public boolean expirationRequired() {
        return expirationRequired;
    }

    public int failedAuthPerMinute() {
        return failedAuthPerMinute;
    }

    public static final class Builder {
        private Path dataDir;
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private Plan plan = Plan.PROFESSIONAL;
        private Integer perMinute;
        private Integer perHour;
        private int demoKeys = 0;
        private Clock clock = Clock.systemUTC();
        private boolean expirationRequired = true;
        private int failedAuthPerMinute = 100;

        private Builder() {}

        /** Required: where the database, pepper and bootstrap key live. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Default {@code 127.0.0.1}. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /** Default {@link Plan#PROFESSIONAL}. */
        public Builder plan(Plan plan) {
            this.plan = Objects.requireNonNull(plan);
            return this;
        }

        /** Custom limits per key, overriding the plan's. */
        public Builder rateLimits(int perMinute, int perHour) {
            if (perMinute < 1 || perHour < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
            this.perMinute = perMinute;
            this.perHour = perHour;
            return this;
        }

        /** Demo keys to add when the database is created; default 0. */
        public Builder demoKeys(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("demoKeys must be >= 0");
            }
            this.demoKeys = n;
            return this;
        }

        /** Default: the UTC system clock. Tests move time with it (expiry, windows). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Default true: {@code expires_at: null} is refused. */
        public Builder expirationRequired(boolean required) {
            this.expirationRequired = required;
            return this;
        }

        /** Failed authentications allowed per client address and minute; default 100. */
        public Builder failedAuthPerMinute(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("failedAuthPerMinute must be >= 1");
            }
            this.failedAuthPerMinute = n;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(this);
        }
    }
}
