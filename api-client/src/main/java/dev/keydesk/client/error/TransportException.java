package dev.keydesk.client.error;

/**
 * No usable response: the server could not be reached, the connection broke, or it did not answer
 * in time.
 *
 * <p>{@link #mayHaveReachedServer()} says whether the request (this attempt or an earlier one of
 * the same call) may have been acted on: it is false only when no attempt got as far as sending
 * it (refused connection, unknown host, failed TLS handshake). For a write that is true, check with
 * a read (e.g. {@code getKey}) before repeating it.
 */
public final class TransportException extends KeyApiException {

    private final boolean timeout;
    private final boolean mayHaveReachedServer;

    public TransportException(String message, boolean timeout, boolean mayHaveReachedServer, Throwable cause) {
        super(message, 0, null, null, null, cause);
        this.timeout = timeout;
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /** A failure where it is not known whether the request was sent: assumed it may have been. */
    public TransportException(String message, boolean timeout, Throwable cause) {
        this(message, timeout, true, cause);
    }

    public boolean isTimeout() {
        return timeout;
    }

    /** False only when the request certainly never left this computer. */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
