package dev.keydesk.client.model;

import java.time.Instant;

/**
 * One audit event. {@code type} is one of the contract's names ({@code key.created},
 * {@code auth.failed}, …) or whatever a server adds; {@code detail} is the server's detail as text
 * (JSON objects arrive as their compact JSON); {@code detailSummary} is the same for people:
 * {@code changed: name, permissions; previous_ip: 10.0.0.7} (empty when there is no detail).
 */
public record AuditEvent(String id, Instant at, String type, String actorKeyId, String keyId, String ip,
                         String detail, String detailSummary) {
}
