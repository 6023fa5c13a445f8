package dev.keydesk.core.connection;

import dev.keydesk.client.KeyApis;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;

import java.net.URI;

/** Makes the client for a connection; tests pass one that returns a fake. */
@FunctionalInterface
public interface ApiFactory {

    /**
     * @param secret the admin key; the client keeps using it, the caller wipes it after closing the client
     * @throws dev.keydesk.client.error.InsecureTransportException for plain http to a host that is not loopback
     */
    KeyApi create(URI baseUrl, Secret secret);

    static ApiFactory http() {
        return (baseUrl, secret) -> KeyApis.builder().baseUrl(baseUrl).secret(secret).userAgent("KeyDesk").build();
    }
}
