package dev.keydesk.client;

import java.util.Arrays;
import java.util.Objects;

/**
 * A key's secret (a Bearer token). Held as characters so that it can be wiped, never shown by
 * {@link #toString()}, and compared in constant time.
 *
 * <p>Java strings cannot be wiped; callers that must hand the secret to a {@code String} API (the
 * clipboard, an HTTP header) do so at the last moment through {@link #reveal()} and drop the string.
 */
public final class Secret implements AutoCloseable {

    private final char[] chars;
    private volatile boolean wiped;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Takes ownership of {@code chars}: the caller must not keep or change them. */
    public static Secret ofChars(char[] chars) {
        Objects.requireNonNull(chars, "chars");
        if (chars.length == 0) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        return new Secret(chars);
    }

    /** Copies {@code value}; prefer {@link #ofChars(char[])} where the caller holds a char array. */
    public static Secret of(CharSequence value) {
        Objects.requireNonNull(value, "value");
        char[] copy = new char[value.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = value.charAt(i);
        }
        return ofChars(copy);
    }

    /** A copy of the characters; the caller should wipe it after use. */
    public char[] copyChars() {
        checkNotWiped();
        return chars.clone();
    }

    /** The secret as a string, for the APIs that accept nothing else. */
    public String reveal() {
        checkNotWiped();
        return new String(chars);
    }

    public int length() {
        return chars.length;
    }

    /** The first {@code n} characters, e.g. {@code sk_live_abc1}, which identify a key without revealing it. */
    public String prefix(int n) {
        checkNotWiped();
        return new String(chars, 0, Math.min(n, chars.length));
    }

    /** Constant-time comparison with another secret's characters. */
    public boolean matches(CharSequence other) {
        checkNotWiped();
        if (other == null) {
            return false;
        }
        int diff = chars.length ^ other.length();
        for (int i = 0; i < chars.length; i++) {
            char c = i < other.length() ? other.charAt(i) : 0;
            diff |= chars[i] ^ c;
        }
        return diff == 0;
    }

    /** Overwrites the characters; any later use throws {@link IllegalStateException}. */
    public void wipe() {
        Arrays.fill(chars, '\0');
        wiped = true;
    }

    public boolean isWiped() {
        return wiped;
    }

    @Override
    public void close() {
        wipe();
    }

    private void checkNotWiped() {
        if (wiped) {
            throw new IllegalStateException("the secret has been wiped");
        }
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return wiped ? "Secret[wiped]" : "Secret[hidden, " + chars.length + " chars]";
    }
}
