package dev.keydesk.client.model;

import java.util.List;

/**
 * One page of a cursor-paged list. A core server that sends only {@code data} yields a page with
 * {@code hasMore} false: the whole list.
 */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    public Page {
        data = List.copyOf(data);
    }
}
