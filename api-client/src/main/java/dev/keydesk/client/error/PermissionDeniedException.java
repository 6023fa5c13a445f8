package dev.keydesk.client.error;

import java.util.Optional;

/**
 * The calling key is valid but lacks a permission (403, or a 401 whose body says so), or tried to
 * grant one it does not hold itself ({@code permission_escalation}).
 *
 * <p>Where the server's 403 does not say whether the key lacks a permission or is unusable for
 * another reason, {@link #isAmbiguous()} is true and the message says so.
 */
public final class PermissionDeniedException extends KeyApiException {

    public static final String ESCALATION = "permission_escalation";

    private final String requiredPermission;
    private final boolean ambiguous;

    public PermissionDeniedException(String message, int status, String code, String requestId, String param,
                                     String requiredPermission, boolean ambiguous, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.requiredPermission = requiredPermission;
        this.ambiguous = ambiguous;
    }

    public PermissionDeniedException(String message, int status, String code, String requestId, String param,
                                     String requiredPermission, Throwable cause) {
        this(message, status, code, requestId, param, requiredPermission, false, cause);
    }

    /** The permission the server said was missing, e.g. {@code access_tokens:write}. */
    public Optional<String> requiredPermission() {
        return Optional.ofNullable(requiredPermission);
    }

    public boolean isEscalation() {
        return code().filter(ESCALATION::equals).isPresent();
    }

    /** True when the server's answer does not say that a permission is what is missing. */
    public boolean isAmbiguous() {
        return ambiguous;
    }
}
