package dev.keydesk.client.error;

/** Someone else changed the key since it was read (412): nothing was changed; reload and re-apply. */
public final class PreconditionFailedException extends KeyApiException {

    public PreconditionFailedException(String message, int status, String code, String requestId, String param, Throwable cause) {
        super(message, status, code, requestId, param, cause);
    }

}
