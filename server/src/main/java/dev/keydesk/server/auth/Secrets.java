package dev.keydesk.server.auth;

import java.security.SecureRandom;

/** Random ids and secrets; the secrets' shape is {@link SecretFormat}'s. */
public final class Secrets {

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String newSecret(String type) {
        return SecretFormat.mint(type);
    }

    public static String prefixOf(String secret) {
        return SecretFormat.prefixOf(secret);
    }

    public static String base62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
