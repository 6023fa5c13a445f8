package dev.keydesk.core.activity;

import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.model.AuditQuery;

import java.util.List;

/**
 * How an {@link ActivityFilter} becomes the query of {@code GET /v1/audit-events}. The client
 * sends key, types (comma-separated), address, since and until; against a version-1 server it
 * drops, itself, the events that miss the address or the upper bound. What a version-1 server
 * refuses is several types at once (400 on {@code type}): then {@link #ONE_TYPE} asks without a
 * type and the kinds are applied on arrival, which {@link AuditPaging} does by itself.
 *
 * @param severalTypes the server takes a comma-separated {@code type}
 */
public record AuditServerFilters(boolean severalTypes) {

    /** Contract 1.1: every filter by the server. */
    public static final AuditServerFilters FULL = new AuditServerFilters(true);
    /** A version-1 server: one type at a time. */
    public static final AuditServerFilters ONE_TYPE = new AuditServerFilters(false);

    /** The first page's query for {@code filter}, at most {@code limit} events a page. */
    public AuditQuery query(ActivityFilter filter, int limit) {
        List<String> types = EventCategory.typesOf(filter.categories()).stream().sorted().toList();
        List<String> sent = types.size() <= 1 || severalTypes ? types : List.of();
        return new AuditQuery(filter.keyId(), sent, filter.ip(), filter.from(), filter.until(), limit, null);
    }

    /** The parts of {@code filter} applied on arrival rather than by the server, for a note; empty for none. */
    public List<String> appliedOnArrival(ActivityFilter filter) {
        return !severalTypes && EventCategory.typesOf(filter.categories()).size() > 1 ? List.of("the kinds of event")
                : List.of();
    }

    /** Whether {@code error} is a version-1 server refusing the several types {@code query} asked for. */
    static boolean refusesSeveralTypes(KeyApiException error, AuditQuery query) {
        return query.types().size() > 1 && error.status() == 400 && error.param().filter("type"::equals).isPresent();
    }
}
