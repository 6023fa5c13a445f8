package dev.keydesk.client.error;

/** The calling key is missing, invalid, expired, disabled or revoked (401): reconnect with a valid key. */
public final class UnauthorizedException extends KeyApiException {

    public UnauthorizedException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
