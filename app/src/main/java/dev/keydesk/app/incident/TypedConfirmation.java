package dev.keydesk.app.incident;

import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;

import java.util.Locale;

/**
 * What a person must type before many keys change: the number of keys (proof that they read how
 * many), and on a production profile its name too (proof that they know which server this is).
 */
public final class TypedConfirmation {

    /** The expiry panel's prompt also takes this word instead of the number. */
    public static final String CONFIRM_WORD = "REVOKE";

    private TypedConfirmation() {
    }

    /** The Incident workspace's rule: exactly the number of keys (surrounding spaces ignored). */
    public static boolean countMatches(String typed, int count) {
        return typed != null && typed.trim().equals(Integer.toString(count));
    }

    /** The expiry panel's one-line prompt: the number of keys, or the word REVOKE (any case). */
    public static boolean countOrWordMatches(String typed, int count) {
        return countMatches(typed, count)
                || (typed != null && typed.trim().toUpperCase(Locale.ROOT).equals(CONFIRM_WORD));
    }

    /** Whether {@code profile} asks for its name as well: a production server. */
    public static boolean nameRequired(Profile profile) {
        return profile != null && profile.environment() == Environment.PRODUCTION;
    }

    /** The profile's name as typed: case and surrounding spaces do not matter, every other character does. */
    public static boolean nameMatches(String typed, Profile profile) {
        return typed != null && profile != null
                && typed.strip().toLowerCase(Locale.ROOT).equals(profile.name().strip().toLowerCase(Locale.ROOT));
    }

    /** Both checks for {@code profile}: the count, and its name where it is production. */
    public static boolean matches(String typedCount, String typedName, int count, Profile profile) {
        return count > 0 && countMatches(typedCount, count) && (!nameRequired(profile) || nameMatches(typedName, profile));
    }
}
