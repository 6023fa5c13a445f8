package dev.keydesk.client.error;

/** The key or endpoint does not exist, or the key was revoked (404). */
public final class NotFoundException extends KeyApiException {

    public NotFoundException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
