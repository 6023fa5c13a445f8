package dev.keydesk.client.error;

/**
 * No usable response: the server could not be reached, the connection broke, or it did not answer
 * in time. For a write, whether the server acted is unknown.
 */
public final class TransportException extends KeyApiException {

    private final boolean timeout;

    public TransportException(String message, boolean timeout, Throwable cause) {
        super(message, 0, null, null, null, cause);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
