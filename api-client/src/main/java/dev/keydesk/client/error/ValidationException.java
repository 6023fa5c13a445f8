package dev.keydesk.client.error;

/** The server refused the request's content (400 or 422); {@link #param()} names the field where known. */
public final class ValidationException extends KeyApiException {

    public ValidationException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
