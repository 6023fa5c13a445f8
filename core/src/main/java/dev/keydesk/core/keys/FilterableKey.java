package dev.keydesk.core.keys;

import java.time.Instant;

/**
 * What {@link KeyFilter} reads of a key. The app's table rows implement it with values computed
 * once per load (100,000 rows are filtered per keystroke); {@link IndexedKey} does the same for a
 * plain {@link dev.keydesk.client.model.ApiKey}, for the command line and the incident engine.
 */
public interface FilterableKey {

    /** Name, prefix, id, description and permissions, lower-cased; see {@link KeySearchText}. */
    String searchText();

    /** The key's status, or "" when the server sends none. */
    String status();

    /** The key's type, or "" when the server sends none. */
    String type();

    /** Whether the key grants anything on {@code resource} ({@code admin:*} grants everything). */
    boolean touches(String resource);

    /** Null when the key never expires. */
    Instant expiresAt();
}
