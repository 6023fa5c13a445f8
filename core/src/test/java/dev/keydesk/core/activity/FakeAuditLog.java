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

/** An audit endpoint over a list, filtering and paging like contract 1.0 (key_id, type, since). */
final class FakeAuditLog {

    final List<AuditEvent> events = new ArrayList<>();
    final List<AuditQuery> queries = new ArrayList<>();
    boolean available = true;

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
        List<AuditEvent> newestFirst = events.stream()
                .filter(e -> q.keyId() == null || q.keyId().equals(e.keyId()))
                .filter(e -> q.type() == null || q.type().equals(e.type()))
                .filter(e -> q.since() == null || !e.at().isBefore(q.since()))
                .sorted(Comparator.comparing(AuditEvent::at).reversed())
                .toList();
        int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
        int limit = q.limit() == null ? 100 : q.limit();
        int end = Math.min(newestFirst.size(), start + limit);
        boolean more = end < newestFirst.size();
        return Optional.of(new Page<>(newestFirst.subList(start, end), more, more ? Integer.toString(end) : null));
    }
}
