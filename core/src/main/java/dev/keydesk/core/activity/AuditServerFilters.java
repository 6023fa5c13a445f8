package dev.keydesk.core.activity;

import dev.keydesk.client.model.AuditQuery;

import java.util.List;
import java.util.Set;

/**
 * Which parts of an {@link ActivityFilter} the server can apply to {@code GET /v1/audit-events},
 * and the query that asks for them. What the server cannot filter is filtered on arrival (the
 * list then pages further for the same number of matches).
 *
 * <p>Contract 1.0 filters by {@code key_id}, one {@code type} and {@code since}; the client
 * being built adds {@code ip}, {@code until} and several types. This is the one place that knows:
 * when the client gains them, {@link #of} sets the flags from its capabilities and
 * {@link #query} sends them.
 *
 * @param severalTypes the server takes a comma-separated {@code type}
 * @param ip the server filters by address
 * @param until the server filters by an upper time bound
 */
public record AuditServerFilters(boolean severalTypes, boolean ip, boolean until) {

    /** Contract 1.0: key, one type, since. */
    public static final AuditServerFilters CONTRACT_1_0 = new AuditServerFilters(false, false, false);

    /** What this client can ask of a server: today the 1.0 filters. */
    public static AuditServerFilters of(dev.keydesk.client.KeyApi api) {
        return CONTRACT_1_0;
    }

    /** The first page's query for {@code filter}, at most {@code limit} events a page. */
    public AuditQuery query(ActivityFilter filter, int limit) {
        Set<String> types = EventCategory.typesOf(filter.categories());
        String type = types.size() == 1 ? types.iterator().next() : null;
        return new AuditQuery(filter.keyId(), type, filter.from(), limit, null);
    }

    /** The parts of {@code filter} the server does not apply (for the "filtered here" note). */
    public List<String> appliedOnArrival(ActivityFilter filter) {
        List<String> parts = new java.util.ArrayList<>();
        if (EventCategory.typesOf(filter.categories()).size() > 1) {
            parts.add("type");
        }
        if (filter.ip() != null) {
            parts.add("address");
        }
        if (filter.until() != null) {
            parts.add("end of the range");
        }
        return List.copyOf(parts);
    }
}
