package dev.keydesk.client;

import dev.keydesk.client.http.HttpTransport;
import dev.keydesk.client.keydesk.KeydeskKeyApi;
import dev.keydesk.client.narrative.NarrativeKeyApi;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one entry point: builds a {@link KeyApi} for a {@link Dialect}, or finds out which dialect a
 * server speaks.
 *
 * <pre>{@code
 * KeyApi api = KeyApis.builder()
 *         .dialect(Dialect.NARRATIVE)
 *         .baseUrl(NarrativeEnvironment.resolve(System::getenv).baseUrl())
 *         .secret(secret)
 *         .build();
 * }</pre>
 *
 * Every client holds one HTTP transport (connection pool, daemon threads), released by
 * {@link KeyApi#close()}; it is safe to share between threads.
 */
public final class KeyApis {

    private KeyApis() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code builder().baseUrl(baseUrl).secret(secret).probeDialect()}. */
    public static DialectProbe probeDialect(URI baseUrl, Secret secret) {
        return builder().baseUrl(baseUrl).secret(secret).probeDialect();
    }

    /** Settings of one client. Only {@link #baseUrl} and {@link #secret} are required; the dialect is KeyDesk's by default. */
    public static final class Builder {
        private final HttpTransport.Builder transport = HttpTransport.builder();
        private Dialect dialect = Dialect.KEYDESK;

        private Builder() {
        }

        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * E.g. {@code https://api.example.com} or {@code http://127.0.0.1:8787} (plain http only to
         * loopback); a path in it is kept (KeyDesk's paths then start with {@code /v1} below it).
         */
        public Builder baseUrl(URI baseUrl) {
            transport.baseUrl(baseUrl);
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl));
        }

        /** The admin key this client authenticates with; the client does not wipe it. */
        public Builder secret(Secret secret) {
            transport.secret(secret);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            transport.connectTimeout(d);
            return this;
        }

        public Builder readTimeout(Duration d) {
            transport.readTimeout(d);
            return this;
        }

        /** The limit for one attempt, from connect to the end of the body. */
        public Builder callTimeout(Duration d) {
            transport.callTimeout(d);
            return this;
        }

        /** {@link RetryPolicy#defaults()} unless set; {@link KeyApi#withRetryPolicy} gives a view with another. */
        public Builder retryPolicy(RetryPolicy policy) {
            transport.retryPolicy(policy);
            return this;
        }

        /** The product name, sent as {@code <name>/<client version>} unless it already names a version. */
        public Builder userAgent(String userAgent) {
            transport.userAgent(userAgent);
            return this;
        }

        public Builder clock(Clock clock) {
            transport.clock(clock);
            return this;
        }

        /**
         * @throws dev.keydesk.client.error.InsecureTransportException for {@code http://} to a host
         *     that is not loopback
         * @throws IllegalStateException without a base URL or a key
         */
        public KeyApi build() {
            return switch (dialect) {
                case KEYDESK -> KeydeskKeyApi.open(transport);
                case NARRATIVE -> NarrativeKeyApi.open(transport);
            };
        }

        /**
         * Which dialect the server at the base URL speaks, asked with the key, one attempt per request
         * and no retries: first KeyDesk's {@code GET /v1/whoami} (or, where that is missing,
         * {@code GET /v1/api-keys?limit=1}), then Narrative's {@code GET /whoami} and
         * {@code GET /access-tokens/tokens}. A server that answers neither way gives a result without
         * a dialect whose summary says what it answered. (The dialect set on this builder is ignored.)
         *
         * @throws dev.keydesk.client.error.TransportException the server cannot be reached at all
         * @throws dev.keydesk.client.error.InsecureTransportException plain http to a host that is not loopback
         */
        public DialectProbe probeDialect() {
            HttpTransport built = transport.build();
            HttpTransport probe = built.withRetryPolicy(RetryPolicy.none());
            try {
                DialectProbe keydesk = KeydeskKeyApi.recognise(probe);
                if (keydesk.dialect().isPresent()) {
                    return keydesk;
                }
                DialectProbe narrative = NarrativeKeyApi.recognise(probe);
                if (narrative.dialect().isPresent()) {
                    return narrative;
                }
                return DialectProbe.notFound("The server answered neither as a KeyDesk key server ("
                        + keydesk.summary() + ") nor as Narrative's API (" + narrative.summary() + ").");
            } finally {
                built.close();
            }
        }
    }
}
