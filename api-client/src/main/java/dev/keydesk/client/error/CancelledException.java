package dev.keydesk.client.error;

/**
 * The call was cancelled (the calling thread was interrupted). {@link #mayHaveReachedServer()} is
 * true when some attempt of it had been sent (its answer lost to the cancel, or an earlier attempt
 * answered by a 5xx or not at all): for a write, check with a read before repeating it.
 */
public final class CancelledException extends KeyApiException {

    private final boolean mayHaveReachedServer;

    public CancelledException(String message, boolean mayHaveReachedServer) {
        super(message, 0, null, null, null, null);
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /** A cancellation where it is not known how far the request got: assumed it may have reached the server. */
    public CancelledException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.mayHaveReachedServer = true;
    }

    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
