package dev.keydesk.core.keys;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The text a key is found by, and the resources it touches: computed once per key. */
public final class KeySearchText {

    private KeySearchText() {
    }

    /** Name, prefix, id, description and permissions, one per line, lower-cased. */
    public static String of(ApiKey key) {
        StringBuilder search = new StringBuilder(128);
        append(search, key.name());
        append(search, key.prefix());
        append(search, key.id());
        append(search, key.description());
        for (Permission p : key.permissions()) {
            append(search, p.value());
        }
        return search.toString().toLowerCase(Locale.ROOT);
    }

    /** The resources the key's permissions name. */
    public static Set<String> resources(ApiKey key) {
        Set<String> names = new HashSet<>();
        for (Permission p : key.permissions()) {
            names.add(p.resource());
        }
        return Set.copyOf(names);
    }

    private static void append(StringBuilder into, String value) {
        if (value != null) {
            into.append(value).append('\n');
        }
    }
}
