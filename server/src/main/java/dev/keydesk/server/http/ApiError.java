package dev.keydesk.server.http;

/**
 * A client-facing error: status, stable code and a human sentence, plus optionally the
 * offending parameter or the permission that was missing. Never carries secrets.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;
    private final String requiredPermission;
    private final Long retryAfterSeconds;
    private final String limitScope;

    private ApiError(int status, String code, String message, String param, String requiredPermission, Long retryAfter) {
        this(status, code, message, param, requiredPermission, retryAfter, null);
    }

    private ApiError(int status, String code, String message, String param, String requiredPermission, Long retryAfter,
            String limitScope) {
        super(message, null, false, false);
        this.limitScope = limitScope;
        this.status = status;
        this.code = code;
        this.param = param;
        this.requiredPermission = requiredPermission;
        this.retryAfterSeconds = retryAfter;
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, null, null, null);
    }

    public static ApiError param(int status, String code, String message, String param) {
        return new ApiError(status, code, message, param, null, null);
    }

    public static ApiError malformed(String message, String param) {
        return new ApiError(400, "malformed_request", message, param, null, null);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized",
                "Authentication failed: send a valid, active API key as 'Authorization: Bearer <key>'.", null, null, null);
    }

    public static ApiError insufficientPermission(String permission) {
        return new ApiError(403, "insufficient_permission",
                "This key lacks the permission " + permission + ".", null, permission, null);
    }

    public static ApiError keyNotFound() {
        return new ApiError(404, "key_not_found", "No such key (it may have been revoked).", null, null, null);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message, null, null, null);
    }

    /** A 429; {@code limitScope} names the limit hit: {@code key_minute}, {@code key_hour} or {@code address_failed_auth}. */
    public static ApiError rateLimited(String message, long retryAfterSeconds, String limitScope) {
        return new ApiError(429, "rate_limited", message, null, null, Math.max(1, retryAfterSeconds), limitScope);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public String requiredPermission() {
        return requiredPermission;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String limitScope() {
        return limitScope;
    }
}
