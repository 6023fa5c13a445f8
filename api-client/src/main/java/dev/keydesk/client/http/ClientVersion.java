package dev.keydesk.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This client's version, from a file Maven fills in at build time. */
final class ClientVersion {

    static final String VALUE = load();

    private ClientVersion() {
    }

    private static String load() {
        try (InputStream in = ClientVersion.class.getResourceAsStream("client-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev").trim();
            // An unfiltered file (e.g. run from an IDE without Maven) still says something sensible.
            return v.isEmpty() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** {@code KeyDesk} becomes {@code KeyDesk/1.2.3}; a value that already names a version is kept. */
    static String userAgent(String configured) {
        String base = configured == null || configured.isBlank() ? "KeyDesk" : configured.trim();
        return base.contains("/") ? base : base + "/" + VALUE;
    }
}
