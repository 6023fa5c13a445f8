package dev.keydesk.server.auth;

import java.security.SecureRandom;

/** Random secrets and ids; the secret's first {@value #PREFIX_LENGTH} characters are its public prefix. */
public final class Secrets {

    public static final int PREFIX_LENGTH = 12;
    private static final int SECRET_RANDOM_CHARS = 40;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String newSecret(String type) {
        return "sk_" + type + "_" + base62(SECRET_RANDOM_CHARS);
    }

    public static String prefixOf(String secret) {
        return secret.substring(0, PREFIX_LENGTH);
    }

    public static String base62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }

    /** Whether a presented bearer token has the shape of one of our secrets. */
    public static boolean looksLikeSecret(String token) {
        if (token.length() < PREFIX_LENGTH + 8 || token.length() > 200) {
            return false;
        }
        if (!token.startsWith("sk_live_") && !token.startsWith("sk_test_")) {
            return false;
        }
        for (int i = 8; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
