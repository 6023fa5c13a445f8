package dev.keydesk.core.connection;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.DialectProbe;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.KeyApis;
import dev.keydesk.client.Secret;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes the client for a connection, in the dialect its profile names: the one factory the app and
 * the command line share. Tests pass one that returns a fake.
 */
@FunctionalInterface
public interface ApiFactory {

    /**
     * @param secret the admin key; the client keeps using it, the caller wipes it after closing the client
     * @throws dev.keydesk.client.error.InsecureTransportException for plain http to a host that is not loopback
     */
    KeyApi create(Dialect dialect, URI baseUrl, Secret secret);

    /**
     * Which dialect the server at {@code baseUrl} speaks, asked with {@code secret} (which the caller
     * still owns); see {@link KeyApis.Builder#probeDialect()}. A factory of fakes that does not
     * override this asks the real network.
     *
     * @throws dev.keydesk.client.error.TransportException the server cannot be reached at all
     */
    default DialectProbe detect(URI baseUrl, Secret secret) {
        return KeyApis.probeDialect(baseUrl, secret);
    }

    /** Real HTTP clients for the app. */
    static ApiFactory http() {
        return http("KeyDesk", Clock.systemUTC());
    }

    /** Real HTTP clients that introduce themselves as {@code userAgent} and read time from {@code clock}. */
    static ApiFactory http(String userAgent, Clock clock) {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(clock, "clock");
        return new ApiFactory() {
            @Override
            public KeyApi create(Dialect dialect, URI baseUrl, Secret secret) {
                return builder(baseUrl, secret).dialect(dialect).build();
            }

            @Override
            public DialectProbe detect(URI baseUrl, Secret secret) {
                return builder(baseUrl, secret).probeDialect();
            }

            private KeyApis.Builder builder(URI baseUrl, Secret secret) {
                return KeyApis.builder().baseUrl(baseUrl).secret(secret).userAgent(userAgent).clock(clock);
            }
        };
    }
}
