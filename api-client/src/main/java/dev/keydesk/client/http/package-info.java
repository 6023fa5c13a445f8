/**
 * The one HTTP transport under every dialect ({@link dev.keydesk.client.http.HttpTransport}): one
 * OkHttp client, interceptors for the user agent, the key, rate-limit headers and redacted logging,
 * retries ({@code Retrier}), the choice of every exception ({@code ErrorMapper}, told by an
 * {@link dev.keydesk.client.http.ErrorDialect} what a dialect's error bodies can say), cancellation
 * ({@code InterruptibleExchange}), https-or-loopback ({@code TransportSecurity}), and JSON that carries
 * a secret without a {@code String} ({@link dev.keydesk.client.http.SecretJson}). It knows no
 * dialect's paths or shapes. Public only for the dialect packages; applications use
 * {@link dev.keydesk.client.KeyApis}.
 */
package dev.keydesk.client.http;
