package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.RateLimitStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the engine meets client features that are still landing (contract 1.1 in
 * the client: {@code Audit-Reason}, the revoked list, limit scopes, per-minute figures, and
 * {@code withRetryPolicy}). Each method is the only caller of its feature, so plugging one in
 * is a change here alone.
 */
final class ClientSeams {

    /** Until the client sends {@code Audit-Reason}, a run says so in its notes. */
    static final String NO_AUDIT_REASON = "The reason was not sent to the server's audit log: this client "
            + "version cannot send it (Audit-Reason); it is in the report only.";

    private ClientSeams() {
    }

    /**
     * The client a run uses: one that does not retry by itself, because the engine paces the run
     * and exactly one layer may back off. Until the client offers {@code withRetryPolicy}, the
     * caller hands the engine such a client (built with {@code RetryPolicy.none()}).
     */
    static KeyApi withoutRetries(KeyApi api) {
        return api;
    }

    static void revoke(KeyApi api, String keyId, String auditReason) {
        api.revokeKey(keyId);
    }

    static ApiKey setStatus(KeyApi api, String keyId, String status, String auditReason) {
        return api.updateKey(keyId, KeyUpdateParams.builder().status(status).build(), null).key();
    }

    /** Whether {@link #revoke} and {@link #setStatus} get the reason to the audit log; empty when they do. */
    static Optional<String> auditReasonProblem(KeyApi api) {
        return Optional.of(NO_AUDIT_REASON);
    }

    /** The server's revoked keys, when it can list them. */
    static Optional<List<ApiKey>> revokedKeys(KeyApi api) {
        return Optional.empty();
    }

    /** Why {@link #revokedKeys} is empty, as the end of a sentence. */
    static String revokedUnknownReason(KeyApi api) {
        return "this client cannot ask the server for its revoked keys.";
    }

    /** Which limit a 429 was for, when the server named it. */
    static Optional<String> limitScope(RateLimitedException e) {
        return Optional.empty();
    }

    /** The rate-limit windows in {@code status}: the hourly one, and the per-minute one where the server sends it. */
    static List<RateEstimate.Window> windows(RateLimitStatus status) {
        List<RateEstimate.Window> windows = new ArrayList<>();
        if (status != null) {
            windows.add(new RateEstimate.Window("hour", status.limit(), status.remaining(), status.reset(),
                    Duration.ofHours(1)));
        }
        return windows;
    }
}
