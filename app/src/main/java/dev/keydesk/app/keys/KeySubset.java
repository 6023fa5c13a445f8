package dev.keydesk.app.keys;

import java.util.Objects;
import java.util.Set;

/**
 * "Only these keys": a named set of ids the table is narrowed to (an expiry group, say), on top of
 * the other filters. The toolbar shows its label while it is on; Escape or Clear filters ends it.
 */
public record KeySubset(String label, Set<String> ids) {

    public KeySubset {
        Objects.requireNonNull(label, "label");
        ids = Set.copyOf(ids);
    }
}
