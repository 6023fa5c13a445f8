package dev.keydesk.client.error;

import java.util.Optional;

/**
 * The calling key is valid but lacks a permission (403, or a 401 whose body says so), or tried to
 * grant one it does not hold itself ({@code permission_escalation}).
 */
public final class PermissionDeniedException extends KeyApiException {

    public static final String ESCALATION = "permission_escalation";

    private final String requiredPermission;

    public PermissionDeniedException(String message, int status, String code, String requestId, String param,
                                     String requiredPermission, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.requiredPermission = requiredPermission;
    }

    /** The permission the server said was missing, e.g. {@code access_tokens:write}. */
    public Optional<String> requiredPermission() {
        return Optional.ofNullable(requiredPermission);
    }

    public boolean isEscalation() {
        return code().filter(ESCALATION::equals).isPresent();
    }
}
