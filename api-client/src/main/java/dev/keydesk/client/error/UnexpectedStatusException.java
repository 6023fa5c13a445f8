package dev.keydesk.client.error;

/** A status the contract does not name. */
public final class UnexpectedStatusException extends KeyApiException {

    public UnexpectedStatusException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
