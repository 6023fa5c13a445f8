package dev.keydesk.client.narrative;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Narrative's times: RFC 3339 with microseconds ({@code 2023-10-31T11:19:13.400498Z}), and, where a
 * request allows it, a bare date meaning midnight UTC ({@code 2023-10-31}).
 */
final class NarrativeTime {

    private NarrativeTime() {
    }

    /** @throws DateTimeParseException not a time this API sends */
    static Instant parse(String text) {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notZ) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    // A time without a zone: the API speaks UTC throughout.
                    return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
                }
            }
        }
    }

    /** What requests send: the full instant, so that the server stores exactly what was chosen. */
    static String format(Instant instant) {
        return instant.toString();
    }
}
