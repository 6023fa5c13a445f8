package dev.keydesk.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The shape of the secrets this server issues, so that anyone can check a candidate offline
 * (a leak scanner, a pre-commit hook) without asking the server:
 *
 * <pre>
 *   sk_live_ | sk_test_      type prefix (8 characters)
 *   R (40 characters)        random base62 (at least 32 are accepted)
 *   C (6 characters)         CRC32 of the ASCII bytes of "type prefix + R", in base62, fixed width
 * </pre>
 *
 * Base62 digits are {@code 0-9A-Za-z} (0 to 61 in that order); the checksum is written most
 * significant digit first and left-padded with {@code 0}. The public {@code prefix} of a key is
 * the type prefix plus the first {@value #PREFIX_RANDOM_CHARS} random characters. See
 * {@code server/SECRET-FORMAT.md}. Secrets issued before this format (48 characters, no checksum,
 * a 12-character prefix) keep working; {@link #isLegacyShape} recognises them.
 */
public final class SecretFormat {

    public static final String LIVE = "sk_live_";
    public static final String TEST = "sk_test_";
    public static final int TYPE_PREFIX_LENGTH = 8;
    public static final int RANDOM_CHARS = 40;
    public static final int MIN_RANDOM_CHARS = 32;
    public static final int CHECKSUM_CHARS = 6;
    public static final int PREFIX_RANDOM_CHARS = 8;
    /** Length of a current key's public prefix, e.g. {@code sk_live_Ab3dE6gH}. */
    public static final int PREFIX_LENGTH = TYPE_PREFIX_LENGTH + PREFIX_RANDOM_CHARS;
    /** Length of the prefix of a key issued before this format. */
    public static final int LEGACY_PREFIX_LENGTH = 12;
    /** Length of a secret issued before this format: type prefix + 40 random characters. */
    public static final int LEGACY_LENGTH = 48;
    /** Longest token the server looks at. */
    public static final int MAX_LENGTH = 200;

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFormat() {}

    /** A fresh secret of type {@code live} or {@code test}. */
    public static String mint(String type) {
        StringBuilder b = new StringBuilder(TYPE_PREFIX_LENGTH + RANDOM_CHARS + CHECKSUM_CHARS);
        b.append("test".equals(type) ? TEST : LIVE);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            b.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return b.append(checksum(b)).toString();
    }

    /** The 6-character base62 CRC32 of {@code body} (the secret without its last 6 characters). */
    public static String checksum(CharSequence body) {
        CRC32 crc = new CRC32();
        crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        char[] out = new char[CHECKSUM_CHARS];
        for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
            out[i] = BASE62[(int) (v % 62)];
            v /= 62;
        }
        return new String(out);
    }

    /** Whether {@code candidate} is a secret of the current format: shape and checksum. */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() < TYPE_PREFIX_LENGTH + MIN_RANDOM_CHARS + CHECKSUM_CHARS
                || candidate.length() > MAX_LENGTH || !hasTypePrefix(candidate) || !base62After(candidate)) {
            return false;
        }
        int split = candidate.length() - CHECKSUM_CHARS;
        return checksum(candidate.substring(0, split)).equals(candidate.substring(split));
    }

    /** Whether {@code candidate} has the shape of a secret issued before this format. */
    public static boolean isLegacyShape(String candidate) {
        return candidate != null && candidate.length() == LEGACY_LENGTH && hasTypePrefix(candidate)
                && base62After(candidate);
    }

    /** The public prefix of a current-format secret. */
    public static String prefixOf(String secret) {
        return secret.substring(0, PREFIX_LENGTH);
    }

    /** The public prefix a secret issued before this format was stored under. */
    public static String legacyPrefixOf(String secret) {
        return secret.substring(0, LEGACY_PREFIX_LENGTH);
    }

    private static boolean hasTypePrefix(String s) {
        return s.startsWith(LIVE) || s.startsWith(TEST);
    }

    private static boolean base62After(String s) {
        for (int i = TYPE_PREFIX_LENGTH; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }
}
