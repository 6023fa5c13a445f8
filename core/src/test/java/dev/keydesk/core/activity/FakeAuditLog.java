package dev.keydesk.core.activity;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Page;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An audit endpoint over a list, seen through the client: key, types, since, and (as the client
 * does for a version-1 server) address and until; paged newest first. With {@link #oneType} it
 * refuses several types with a 400 on {@code type}, like a version-1 server.
 */
final class FakeAuditLog {

    final List<AuditEvent> events = new ArrayList<>();
    final List<AuditQuery> queries = new ArrayList<>();
    boolean available = true;
    boolean oneType;

    AuditEvent add(String id, Instant at, String type, String keyId, String ip) {
        AuditEvent e = new AuditEvent(id, at, type, null, keyId, ip, "{}", "");
        events.add(e);
        return e;
    }

    KeyApi api() {
        return (KeyApi) Proxy.newProxyInstance(KeyApi.class.getClassLoader(), new Class<?>[] {KeyApi.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("auditEvents")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return page((AuditQuery) args[0]);
                });
    }

    private Optional<Page<AuditEvent>> page(AuditQuery q) {
        queries.add(q);
        if (!available) {
            return Optional.empty();
        }
        if (oneType && q.types().size() > 1) {
            throw new dev.keydesk.client.error.ValidationException("type must be one of …", 400,
                    "malformed_request", "req_1", "type", (Throwable) null);
        }
        List<AuditEvent> newestFirst = events.stream()
                .filter(e -> q.keyId() == null || q.keyId().equals(e.keyId()))
                .filter(e -> q.types().isEmpty() || q.types().contains(e.type()))
                .filter(e -> q.ip() == null || q.ip().equals(e.ip()))
                .filter(e -> q.since() == null || !e.at().isBefore(q.since()))
                .filter(e -> q.until() == null || e.at().isBefore(q.until()))
                .sorted(Comparator.comparing(AuditEvent::at).reversed())
                .toList();
        int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
        int limit = q.limit() == null ? 100 : q.limit();
        int end = Math.min(newestFirst.size(), start + limit);
        boolean more = end < newestFirst.size();
        return Optional.of(new Page<>(newestFirst.subList(start, end), more, more ? Integer.toString(end) : null));
    }
}
