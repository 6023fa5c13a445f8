package dev.keydesk.core.rotation;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How long the old key of a rotation keeps working once its replacement exists: long enough for
 * every service to take the new secret, short enough that the old one does not live on. "Now"
 * revokes it as soon as the new secret has been handed over.
 */
public enum Grace {
    NOW("now", Duration.ZERO, "Revoke at once"),
    HOUR("1h", Duration.ofHours(1), "1 hour"),
    DAY("24h", Duration.ofHours(24), "24 hours"),
    WEEK("7d", Duration.ofDays(7), "7 days");

    /** The grace offered first: a working day for every service to switch. */
    public static final Grace DEFAULT = DAY;

    private final String flag;
    private final Duration length;
    private final String label;

    Grace(String flag, Duration length, String label) {
        this.flag = flag;
        this.length = length;
        this.label = label;
    }

    /** As typed on the command line: {@code now}, {@code 1h}, {@code 24h}, {@code 7d}. */
    public String flag() {
        return flag;
    }

    public Duration length() {
        return length;
    }

    /** For people: "24 hours", "Revoke at once". */
    public String label() {
        return label;
    }

    public boolean revokesAtOnce() {
        return this == NOW;
    }

    public static Optional<Grace> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(g -> g.flag.equals(t) || g.name().toLowerCase(Locale.ROOT).equals(t))
                .findFirst();
    }
}
