package dev.keydesk.core.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What the table is narrowed to: free text plus the quick filters. Each part that is null (or
 * blank) lets every key through.
 *
 * @param text words that must all occur in a key's name, prefix, id, description or permissions
 * @param status a {@link dev.keydesk.client.model.KeyStatus} value
 * @param type a {@link dev.keydesk.client.model.KeyType} value
 * @param resource a catalog resource the key must grant something on
 * @param expiringWithinDays keys that have not expired yet but will within this many days
 */
public record KeyFilter(String text, String status, String type, String resource, Integer expiringWithinDays) {

    public static final KeyFilter NONE = new KeyFilter(null, null, null, null, null);

    public boolean isEmpty() {
        return blank(text) && status == null && type == null && resource == null && expiringWithinDays == null;
    }

    /** The predicate for a {@code FilteredList} or a stream; {@code now} anchors "expiring within". */
    public <T extends FilterableKey> Predicate<T> toPredicate(Instant now) {
        Predicate<T> p = row -> true;
        if (!blank(text)) {
            // Split once here, not per row; each word is a plain substring test.
            String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
            p = p.and(row -> {
                String haystack = row.searchText();
                for (String word : words) {
                    if (!haystack.contains(word)) {
                        return false;
                    }
                }
                return true;
            });
        }
        if (status != null) {
            p = p.and(row -> status.equals(row.status()));
        }
        if (type != null) {
            p = p.and(row -> type.equals(row.type()));
        }
        if (resource != null) {
            p = p.and(row -> row.touches(resource));
        }
        if (expiringWithinDays != null) {
            Instant limit = now.plus(Duration.ofDays(expiringWithinDays));
            p = p.and(row -> row.expiresAt() != null && row.expiresAt().isAfter(now)
                    && !row.expiresAt().isAfter(limit));
        }
        return p;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
