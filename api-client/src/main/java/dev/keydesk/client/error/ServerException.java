package dev.keydesk.client.error;

/** The server failed (5xx). Retried where safe before it reaches the caller. */
public final class ServerException extends KeyApiException {

    public ServerException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

    /**
     * True when the server may answer differently later (it is overloaded, restarting or behind a
     * failing gateway); false for 501 and 505, which say the server will never do this. The
     * client retries exactly these; a caller can offer "Retry" for them.
     */
    @Override
    public boolean isTransient() {
        return isTransientStatus(status());
    }

    public static boolean isTransientStatus(int status) {
        return status >= 500 && status <= 599 && status != 501 && status != 505;
    }
}
