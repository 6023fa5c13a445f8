package dev.keydesk.core.incident;

import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a failed create of the replacement admin key may still have made it, break-glass says "a
 * key named … may exist: look for it and revoke it" (an admin key nobody knows of is a risk).
 */
class BreakGlassSequenceTest {

    @Test
    void aCreateWhoseAnswerWasLostMayHaveMadeTheKey() {
        assertThat(BreakGlassSequence.answerLost(new TransportException("reset", false, true, null))).isTrue();
        assertThat(BreakGlassSequence.answerLost(new ServerException("boom", 500, "internal_error", "req_1", null,
                null))).isTrue();
        assertThat(BreakGlassSequence.answerLost(new UnexpectedStatusException("bad gateway", 502, null, null, null,
                null))).as("a 5xx the client does not name").isTrue();
    }

    @Test
    void aCreateCancelledInFlightMayHaveMadeTheKeyButNotOneCancelledBeforeItWasSent() {
        assertThat(BreakGlassSequence.answerLost(new CancelledException("cancelled", true))).isTrue();
        assertThat(BreakGlassSequence.answerLost(new CancelledException("cancelled", false))).isFalse();
    }

    @Test
    void aRefusedCreateMadeNothing() {
        assertThat(BreakGlassSequence.answerLost(new ValidationException("bad name", 400, "validation_failed", "req_2",
                "name", null))).isFalse();
        assertThat(BreakGlassSequence.answerLost(new PermissionDeniedException("no", 403, "forbidden", "req_3", null,
                "access_tokens:write", null))).isFalse();
        assertThat(BreakGlassSequence.answerLost(new UnexpectedStatusException("teapot", 418, null, null, null, null)))
                .isFalse();
    }
}
