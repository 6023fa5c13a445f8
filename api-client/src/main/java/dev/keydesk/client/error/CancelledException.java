package dev.keydesk.client.error;

/** The call was cancelled (the calling thread was interrupted); whether the server acted is unknown for writes. */
public final class CancelledException extends KeyApiException {

    public CancelledException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
