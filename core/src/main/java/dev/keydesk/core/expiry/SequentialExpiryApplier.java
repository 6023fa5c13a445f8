package dev.keydesk.core.expiry;

import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;

import java.util.ArrayList;
import java.util.List;

/**
 * Today's {@link ExpiryApplier}: one {@code PATCH expires_at} per key, in order, each with the
 * batch's {@code Audit-Reason}. A key the server
 * refuses or no longer has is reported and the batch goes on; a failure that is about the
 * connection or the server itself (401, a 429 the client gave up on, 5xx, no answer) stops it,
 * since every later call would fail the same way.
 */
public final class SequentialExpiryApplier implements ExpiryApplier {

    @Override
    public Report apply(Connection connection, List<ExpiryChange> changes, String reason, Listener listener) {
        KeyApi api = connection.api();
        ChangeOptions options = options(reason);
        List<ExpiryChange> sent = changes.stream().filter(ExpiryChange::sends).toList();
        List<Outcome> outcomes = new ArrayList<>(sent.size());
        Throwable stoppedBy = null;
        boolean cancelled = false;
        for (int i = 0; i < sent.size(); i++) {
            ExpiryChange change = sent.get(i);
            if (stoppedBy != null || cancelled || listener.isCancelled()) {
                cancelled |= stoppedBy == null;
                outcomes.add(new Outcome(change, Result.NOT_ATTEMPTED, null,
                        stoppedBy == null ? "cancelled before it was sent" : "not sent: the batch stopped"));
                continue;
            }
            listener.sending(i, sent.size(), change);
            try {
                var updated = api.updateKey(change.keyId(), KeyUpdateParams.builder().expiresAt(change.to()).build(),
                        null, options);
                outcomes.add(new Outcome(change, Result.UPDATED, updated.key().expiresAt(), null));
            } catch (CancelledException e) {
                cancelled = true;
                // The interrupt that cancelled the client's call is the task's to see.
                Thread.currentThread().interrupt();
                outcomes.add(new Outcome(change, Result.NOT_ATTEMPTED, null,
                        "cancelled while in flight: refresh to see whether it was applied"));
            } catch (PermissionDeniedException e) {
                outcomes.add(new Outcome(change, Result.REFUSED, null, refusal(e)));
            } catch (NotFoundException e) {
                outcomes.add(new Outcome(change, Result.GONE, null, "the key is gone (revoked meanwhile?)"));
            } catch (ValidationException | PreconditionFailedException e) {
                outcomes.add(new Outcome(change, Result.FAILED, null, describe(e)));
            } catch (KeyApiException e) {
                stoppedBy = e;
                outcomes.add(new Outcome(change, Result.NOT_ATTEMPTED, null, describe(e)));
            }
        }
        return new Report(outcomes, stoppedBy, cancelled);
    }

    /** The reason as the audit log takes it: one line, at most 200 characters (cut, not refused). */
    static ChangeOptions options(String reason) {
        if (reason == null || reason.isBlank()) {
            return ChangeOptions.none();
        }
        String line = reason.strip().replaceAll("\\p{Cntrl}|\u2028|\u2029", " ");
        if (line.codePointCount(0, line.length()) > ChangeOptions.MAX_REASON_LENGTH) {
            line = line.substring(0, line.offsetByCodePoints(0, ChangeOptions.MAX_REASON_LENGTH - 1)) + "…";
        }
        return ChangeOptions.reason(line);
    }

    /** A 403 on an extension is nearly always the no-escalation rule: say so in those words. */
    static String refusal(PermissionDeniedException e) {
        String why = e.isEscalation() ? "refused: the key holds permissions your admin key lacks"
                : "refused: your admin key may not change this key";
        String server = e.getMessage();
        return server == null || server.isBlank() ? why : why + " (“" + server + "”)";
    }

    private static String describe(KeyApiException e) {
        return ErrorMessages.describe(e).whatHappened();
    }
}
