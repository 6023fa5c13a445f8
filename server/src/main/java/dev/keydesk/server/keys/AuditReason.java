package dev.keydesk.server.keys;

import dev.keydesk.server.http.ApiError;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * The optional {@code Audit-Reason} header of a PATCH or DELETE: at most {@value #MAX} characters,
 * no control characters, stored in the audit event's {@code detail.reason}. Anything else is a
 * 422 {@code validation_failed} with {@code param: "Audit-Reason"}, checked before anything changes.
 */
final class AuditReason {

    static final String HEADER = "Audit-Reason";
    static final int MAX = 200;

    private AuditReason() {}

    /** The reason, or null if the request gave none. */
    static String of(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid("Send at most one Audit-Reason header.");
        }
        String reason = utf8(values.get(0).strip());
        if (reason.isEmpty()) {
            return null;
        }
        if (reason.codePointCount(0, reason.length()) > MAX) {
            throw invalid("Audit-Reason must be at most " + MAX + " characters.");
        }
        if (reason.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD)) {
            throw invalid("Audit-Reason must not contain control characters.");
        }
        return reason;
    }

    /** Header values arrive as ISO-8859-1 characters; a client sending UTF-8 meant those bytes as UTF-8. */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) > 0xFF) {
                return latin1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    private static ApiError invalid(String message) {
        return ApiError.param(422, "validation_failed", message, HEADER);
    }
}
