package dev.keydesk.client.error;

/** The server failed (5xx). Retried where safe before it reaches the caller. */
public final class ServerException extends KeyApiException {

    public ServerException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
