package dev.keydesk.client.http;

import dev.keydesk.client.Secret;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Makes text from a server safe to put in an exception message: no secret-looking token, no
 * bearer credential, no control characters, bounded length. Server messages are not trusted to
 * have left a secret out: the client's own key and any secret the request carried are removed
 * wherever they appear, compared character by character without making a {@code String} of them.
 */
final class Redaction {

    private static final int MAX_LENGTH = 300;
    private static final String REDACTED = "[redacted]";
    /** A secret of the local server's shape; short ones (a key's displayed prefix) are kept. */
    private static final Pattern SECRET = Pattern.compile("\\b(sk_(?:live|test)_)[A-Za-z0-9]{12,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+\\S+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private Redaction() {
    }

    /** A secret a request carries in its body (identify), as a request tag. */
    record Carried(Secret secret) {
        @Override
        public String toString() {
            return "Carried[" + secret + "]";
        }
    }

    /** @param secrets removed wherever they appear; null or wiped ones are skipped */
    static String clean(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String s = text;
        for (Secret secret : secrets) {
            s = without(s, secret);
        }
        s = SECRET.matcher(s).replaceAll("$1" + REDACTED);
        s = BEARER.matcher(s).replaceAll("Bearer " + REDACTED);
        s = CONTROL.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH - 1) + "…";
        }
        return s.isEmpty() ? null : s;
    }

    private static String without(String text, Secret secret) {
        if (secret == null || secret.isWiped() || secret.length() == 0 || secret.length() > text.length()) {
            return text;
        }
        char[] needle = secret.copyChars();
        try {
            StringBuilder out = null;
            int from = 0;
            for (int i = 0; i + needle.length <= text.length(); ) {
                if (matchesAt(text, i, needle)) {
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, from, i).append(REDACTED);
                    i += needle.length;
                    from = i;
                } else {
                    i++;
                }
            }
            if (out == null) {
                return text;
            }
            return out.append(text, from, text.length()).toString();
        } finally {
            Arrays.fill(needle, '\0');
        }
    }

    private static boolean matchesAt(String text, int at, char[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (text.charAt(at + j) != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
