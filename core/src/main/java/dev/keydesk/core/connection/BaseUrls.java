package dev.keydesk.core.connection;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule the client enforces (an admin key never crosses the network unencrypted), checked as
 * the person types so the form says it before the client refuses. Only literal loopback names
 * count: resolving a name here would be slow and could be spoofed.
 */
public final class BaseUrls {

    private BaseUrls() {
    }

    /** What is wrong with {@code text} as a server's base URL, or empty when it will do. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("Enter the server's base URL, e.g. https://keys.example.com");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return Optional.of("Not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("Start with https:// (e.g. https://keys.example.com).");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("The URL names no host.");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            return Optional.of("Give the server's base URL only, without ?query or #fragment.");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return Optional.of("Plain http would send the admin key unencrypted: use https:// "
                    + "(http is allowed only for localhost and 127.0.0.1).");
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
