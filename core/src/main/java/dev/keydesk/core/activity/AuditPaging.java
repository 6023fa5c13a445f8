package dev.keydesk.core.activity;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.AuditQuery;
import dev.keydesk.client.model.Page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reading the audit log a chunk at a time, newest first: the list's "more as you scroll", and the
 * poll for what is new. Stateless: the caller keeps the cursor between chunks, so each chunk can
 * run as its own background task. Blocks; call off the UI thread.
 */
public final class AuditPaging {

    /** Events a page when the list pages (the server allows up to 1000). */
    public static final int PAGE_SIZE = 200;

    /**
     * One chunk.
     *
     * @param events the matching events, newest first
     * @param nextCursor where the next chunk starts; null when the log is exhausted
     * @param scanned how many events arrived (matching or not)
     * @param available false when the server has no audit endpoint
     * @param server what the server turned out to filter (keep it for the next chunk)
     */
    public record Chunk(List<AuditEvent> events, String nextCursor, int scanned, boolean available,
                        AuditServerFilters server) {

        public Chunk {
            events = List.copyOf(events);
        }

        public boolean hasMore() {
            return nextCursor != null;
        }

        static Chunk unavailable(AuditServerFilters server) {
            return new Chunk(List.of(), null, 0, false, server);
        }
    }

    private AuditPaging() {
    }

    /**
     * Pages from {@code cursor} (null: the newest) until {@code wanted} events match, the log ends,
     * or {@code maxPages} pages were read (so a filter the server cannot apply never reads the
     * whole log at once).
     */
    public static Chunk next(KeyApi api, AuditServerFilters server, ActivityFilter filter, String cursor,
                             int wanted, int maxPages, BooleanSupplier cancelled) {
        AuditQuery first = server.query(filter, PAGE_SIZE);
        AuditQuery query = cursor == null ? first : first.next(cursor);
        List<AuditEvent> matching = new ArrayList<>();
        int scanned = 0;
        String next = cursor;
        for (int page = 0; page < maxPages && !cancelled.getAsBoolean(); page++) {
            Optional<Page<AuditEvent>> result;
            try {
                result = api.auditEvents(query);
            } catch (KeyApiException e) {
                if (cursor != null || page > 0 || !AuditServerFilters.refusesSeveralTypes(e, query)) {
                    throw e;
                }
                // A version-1 server takes one type: ask for all and keep the kinds wanted here.
                return next(api, AuditServerFilters.ONE_TYPE, filter, null, wanted, maxPages, cancelled);
            }
            if (result.isEmpty()) {
                return Chunk.unavailable(server);
            }
            Page<AuditEvent> p = result.get();
            scanned += p.data().size();
            for (AuditEvent e : p.data()) {
                if (filter.matches(e)) {
                    matching.add(e);
                }
            }
            next = p.hasMore() ? p.nextCursor() : null;
            if (next == null || matching.size() >= wanted || olderThanTheRange(p, filter)) {
                if (next != null && olderThanTheRange(p, filter)) {
                    next = null; // everything further is older than "from": the list is complete
                }
                break;
            }
            query = first.next(next);
        }
        return new Chunk(matching, next, scanned, true, server);
    }

    /**
     * Every event at or after {@code since}, newest first, up to {@code maxPages} pages: for the
     * poll ({@code since} = the newest event seen; that one comes again and is dropped by id) and
     * the summary. {@code hasMore} on the result says the cap cut it short.
     */
    public static Chunk since(KeyApi api, Instant since, int maxPages, Set<String> known, BooleanSupplier cancelled) {
        ActivityFilter after = ActivityFilter.NONE.between(since, null);
        AuditQuery first = new AuditQuery(null, null, since, 1000, null);
        AuditQuery query = first;
        List<AuditEvent> fresh = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(known);
        int scanned = 0;
        String next = null;
        for (int page = 0; page < maxPages && !cancelled.getAsBoolean(); page++) {
            Optional<Page<AuditEvent>> result = api.auditEvents(query);
            if (result.isEmpty()) {
                return Chunk.unavailable(AuditServerFilters.FULL);
            }
            Page<AuditEvent> p = result.get();
            scanned += p.data().size();
            for (AuditEvent e : p.data()) {
                if (after.matches(e) && (e.id() == null || seen.add(e.id()))) {
                    fresh.add(e);
                }
            }
            next = p.hasMore() ? p.nextCursor() : null;
            if (next == null) {
                break;
            }
            query = first.next(next);
        }
        return new Chunk(fresh, next, scanned, true, AuditServerFilters.FULL);
    }

    /** Newest first: once a page's oldest event is before the filter's start, no later page can match. */
    private static boolean olderThanTheRange(Page<AuditEvent> page, ActivityFilter filter) {
        if (filter.from() == null || page.data().isEmpty()) {
            return false;
        }
        AuditEvent oldest = page.data().get(page.data().size() - 1);
        return oldest.at() != null && oldest.at().isBefore(filter.from());
    }
}
