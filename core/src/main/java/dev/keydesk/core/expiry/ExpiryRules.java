package dev.keydesk.core.expiry;

import dev.keydesk.client.model.KeyType;

/**
 * The adjustable parts of the expiry groups: how old a key may get before it is due for rotation
 * (live and test keys apart: a test key leaks less), and how long without use makes a key
 * "unused". The 7- and 30-day expiry windows are fixed: they are the table's urgency colours.
 *
 * @param rotationDaysLive a live key (or one of unknown type) older than this is due for rotation
 * @param rotationDaysTest a test key older than this is due for rotation
 * @param unusedDays a key not used for this many days (or never) counts as unused
 */
public record ExpiryRules(int rotationDaysLive, int rotationDaysTest, int unusedDays) {

    /** Expiring "soon": the red group and the table's red. */
    public static final int SOON_DAYS = 7;
    /** Expiring "this month": the amber group and the table's amber. */
    public static final int MONTH_DAYS = 30;
    /** The bounds every adjustable number stays within. */
    public static final int MIN_DAYS = 1;
    public static final int MAX_DAYS = 3650;

    public static final ExpiryRules DEFAULTS = new ExpiryRules(90, 180, 30);

    public ExpiryRules {
        check(rotationDaysLive, "rotationDaysLive");
        check(rotationDaysTest, "rotationDaysTest");
        check(unusedDays, "unusedDays");
    }

    /** The rotation age for a key of {@code type}: test keys get theirs, every other type the live one. */
    public int rotationDays(String type) {
        return KeyType.TEST.equals(type) ? rotationDaysTest : rotationDaysLive;
    }

    /** {@code value} brought within {@link #MIN_DAYS}..{@link #MAX_DAYS}, for values read from settings. */
    public static int clamp(int value) {
        return Math.max(MIN_DAYS, Math.min(MAX_DAYS, value));
    }

    private static void check(int days, String name) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new IllegalArgumentException(name + " must be " + MIN_DAYS + ".." + MAX_DAYS + ": " + days);
        }
    }
}
