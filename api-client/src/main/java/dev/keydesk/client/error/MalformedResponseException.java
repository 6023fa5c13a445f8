package dev.keydesk.client.error;

/** The server answered, but not in a shape the client can read (not JSON, truncated, wrong types). */
public final class MalformedResponseException extends KeyApiException {

    public MalformedResponseException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
