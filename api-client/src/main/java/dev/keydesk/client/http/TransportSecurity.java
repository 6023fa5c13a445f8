package dev.keydesk.client.http;

import dev.keydesk.client.error.InsecureTransportException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a base URL may carry a key: {@code https} anywhere, plain {@code http} only to loopback.
 * Loopback is decided from the URL's text alone (never by a DNS lookup, which could be spoofed):
 * {@code localhost}, a literal in 127.0.0.0/8, or {@code ::1}.
 */
final class TransportSecurity {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private TransportSecurity() {
    }

    static void check(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        String host = baseUrl.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("The base URL has no host: " + baseUrl);
        }
        switch (scheme) {
            case "https":
                return;
            case "http":
                if (isLoopback(host)) {
                    return;
                }
                throw new InsecureTransportException("Refusing to send an API key over plain http to " + host
                        + ": use https, or http only to this computer (localhost, 127.0.0.1, ::1).",
                        0, null, null, null, null);
            default:
                throw new IllegalArgumentException("The base URL must start with https:// or http://, not "
                        + (scheme.isEmpty() ? "nothing" : scheme + "://"));
        }
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (IPV4.matcher(h).matches()) {
            String[] octets = h.split("\\.");
            for (String o : octets) {
                if (Integer.parseInt(o) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(octets[0]) == 127;
        }
        if (!h.contains(":") || !h.matches("[0-9a-f:.]+")) {
            return false;
        }
        try {
            // An IPv6 literal is parsed, not looked up (e.g. ::1, 0:0:0:0:0:0:0:1, ::ffff:127.0.0.1).
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
