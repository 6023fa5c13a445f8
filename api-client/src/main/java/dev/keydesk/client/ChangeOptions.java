package dev.keydesk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * How to make a change (an update or a revoke), beyond what is changed: for now, the reason to
 * record in the audit log ({@code Audit-Reason}), e.g. an incident reference.
 *
 * <p>A reason is best effort and never stops the change: a server without the extension ignores it
 * (and {@link KeyApi#capabilities()} reports {@link Capability#AUDIT_REASON} absent).
 */
public final class ChangeOptions {

    /** The contract's limit for a reason. */
    public static final int MAX_REASON_LENGTH = 200;

    private static final ChangeOptions NONE = new ChangeOptions(null);

    private final String reason;

    private ChangeOptions(String reason) {
        this.reason = reason;
    }

    public static ChangeOptions none() {
        return NONE;
    }

    /**
     * A change recorded with {@code reason}, e.g. {@code "INC-42: leaked"}; a blank reason is none.
     *
     * @throws IllegalArgumentException longer than {@value #MAX_REASON_LENGTH} characters or holding
     *     a control character (see {@link #reasonProblem(String)}); nothing is sent then
     */
    public static ChangeOptions reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return NONE;
        }
        String r = reason.strip();
        reasonProblem(r).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new ChangeOptions(r);
    }

    /**
     * What is wrong with {@code reason} as an audit reason, for a form to show as the person
     * types; empty when it is fine (blank is fine: no reason).
     */
    public static Optional<String> reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.empty();
        }
        String r = reason.strip();
        if (r.codePointCount(0, r.length()) > MAX_REASON_LENGTH) {
            return Optional.of("A reason can be at most " + MAX_REASON_LENGTH + " characters long.");
        }
        if (r.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            return Optional.of("A reason must be one line without control characters.");
        }
        return Optional.empty();
    }

    public Optional<String> auditReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeOptions c && Objects.equals(c.reason, reason);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(reason);
    }

    @Override
    public String toString() {
        return reason == null ? "ChangeOptions[]" : "ChangeOptions[reason=" + reason + "]";
    }
}
