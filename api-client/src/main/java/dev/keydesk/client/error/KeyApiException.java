package dev.keydesk.client.error;

import java.util.Optional;

/**
 * Every failure of a {@link dev.keydesk.client.KeyApi} call. Unchecked, so that calls compose with
 * lambdas. Subclasses are chosen in one place, from the status and the error body, so callers
 * switch on the type rather than on status codes. Never carries a secret.
 */
public abstract sealed class KeyApiException extends RuntimeException
        permits UnauthorizedException, PermissionDeniedException, NotFoundException,
        PreconditionFailedException, ValidationException, RateLimitedException, ServerException,
        TransportException, MalformedResponseException, CancelledException, InsecureTransportException,
        UnexpectedStatusException, FeatureUnavailableException {

    private final int status;
    private final String code;
    private final String requestId;
    private final String param;

    protected KeyApiException(String message, int status, String code, String requestId, String param,
                              Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.requestId = requestId;
        this.param = param;
    }

    /** The HTTP status, or 0 when no response arrived (or the client refused before sending). */
    public int status() {
        return status;
    }

    /** The server's error code (e.g. {@code invalid_name}), if it sent one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** The request id, from the body or the {@code X-Request-Id} header, for support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The request field the server blamed, if any. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    /** Whether the same request may succeed later without change (network, 429, 5xx). */
    public boolean isTransient() {
        return false;
    }
}
