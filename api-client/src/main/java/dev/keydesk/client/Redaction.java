package dev.keydesk.client;

import java.util.regex.Pattern;

/**
 * Makes text from a server safe to put in an exception message: no secret-looking token, no
 * bearer credential, no control characters, bounded length. Server messages are not trusted to
 * have left a secret out.
 */
final class Redaction {

    private static final int MAX_LENGTH = 300;
    /** A secret of the contract's shape; short ones (a key's displayed prefix) are kept. */
    private static final Pattern SECRET = Pattern.compile("\\b(sk_(?:live|test)_)[A-Za-z0-9]{12,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+\\S+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private Redaction() {
    }

    /** @param ownSecret the client's own key, removed wherever it appears; may be null */
    static String clean(String text, Secret ownSecret) {
        if (text == null) {
            return null;
        }
        String s = text;
        if (ownSecret != null && !ownSecret.isWiped()) {
            String own = ownSecret.reveal();
            if (s.contains(own)) {
                s = s.replace(own, "[redacted]");
            }
        }
        s = SECRET.matcher(s).replaceAll("$1[redacted]");
        s = BEARER.matcher(s).replaceAll("Bearer [redacted]");
        s = CONTROL.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH - 1) + "…";
        }
        return s.isEmpty() ? null : s;
    }
}
