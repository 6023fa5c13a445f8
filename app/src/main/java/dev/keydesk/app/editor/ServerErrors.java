package dev.keydesk.app.editor;

import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ValidationException;

import java.util.Optional;

/**
 * Which form field a server refusal concerns, so the message can land next to it. The server names
 * the field in {@code param}; when it does not, the error code says enough.
 */
final class ServerErrors {

    enum Field { NAME, DESCRIPTION, PERMISSIONS, EXPIRY, STATUS }

    private ServerErrors() {
    }

    static Optional<Field> fieldOf(Throwable error) {
        if (error instanceof PermissionDeniedException denied && denied.isEscalation()) {
            return Optional.of(Field.PERMISSIONS);
        }
        if (!(error instanceof ValidationException v)) {
            return Optional.empty();
        }
        String param = v.param().orElse("");
        String code = v.code().orElse("");
        if (param.equals("name") || code.equals("invalid_name")) {
            return Optional.of(Field.NAME);
        }
        if (param.equals("description")) {
            return Optional.of(Field.DESCRIPTION);
        }
        if (param.equals("permissions") || code.equals("invalid_permissions")) {
            return Optional.of(Field.PERMISSIONS);
        }
        if (param.equals("expires_at") || code.equals("invalid_expiration")) {
            return Optional.of(Field.EXPIRY);
        }
        if (param.equals("status")) {
            return Optional.of(Field.STATUS);
        }
        return Optional.empty();
    }

    /** The sentence to show next to the field: the server's own message is written for people. */
    static String fieldMessage(Throwable error) {
        if (error instanceof PermissionDeniedException denied && denied.isEscalation()) {
            return denied.requiredPermission()
                    .map(p -> "Your admin key doesn't hold " + p + ", so it can't grant it. Untick it or use a stronger admin key.")
                    .orElseGet(() -> denied.getMessage() != null && !denied.getMessage().isBlank()
                            ? denied.getMessage() + " Untick them or use a stronger admin key."
                            : "Your admin key can't grant some of these permissions (it doesn't hold them itself).");
        }
        String message = error.getMessage();
        if (error instanceof KeyApiException && message != null && !message.isBlank()) {
            return message;
        }
        return "The server refused this value.";
    }
}
