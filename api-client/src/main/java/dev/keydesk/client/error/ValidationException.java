package dev.keydesk.client.error;

import dev.keydesk.client.model.KeyField;

import java.util.Objects;

/**
 * The server refused the request's content (400 or 422), or the client refused it before sending
 * (status 0): {@link #field()} names the field in words every dialect shares, {@link #param()} the
 * server's own name for it.
 */
public final class ValidationException extends KeyApiException {

    private final KeyField field;

    public ValidationException(String message, int status, String code, String requestId, String param,
                               KeyField field, Throwable cause) {
        super(message, status, code, requestId, param, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The field read from {@code param} by {@link KeyField#fromParam(String)}. */
    public ValidationException(String message, int status, String code, String requestId, String param, Throwable cause) {
        this(message, status, code, requestId, param, KeyField.fromParam(param), cause);
    }

    /** The field blamed; {@link KeyField#OTHER} when none, or one this client does not know. */
    public KeyField field() {
        return field;
    }
}
