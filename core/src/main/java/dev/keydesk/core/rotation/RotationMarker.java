package dev.keydesk.core.rotation;

/**
 * How the old key of a rotation is told apart from its replacement everywhere, on every dialect: its
 * name gets the prefix {@value #PREFIX} (names are the one field every server keeps and shows), and
 * the replacement takes the plain name. Any client listing the keys sees which is which.
 */
public final class RotationMarker {

    public static final String PREFIX = "[rotating] ";
    /** The contract's limit for a name. */
    static final int NAME_MAX = 100;

    private RotationMarker() {
    }

    /** The old key's name during its grace, within the name's 100 characters (the end is cut if needed). */
    public static String mark(String name) {
        String plain = unmarked(name);
        String marked = PREFIX + plain;
        if (marked.codePointCount(0, marked.length()) <= NAME_MAX) {
            return marked;
        }
        return marked.substring(0, marked.offsetByCodePoints(0, NAME_MAX - 1)).stripTrailing() + "…";
    }

    public static boolean isMarked(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** The name without the marker (repeated markers too); "" for null. */
    public static String unmarked(String name) {
        String n = name == null ? "" : name;
        while (n.startsWith(PREFIX)) {
            n = n.substring(PREFIX.length());
        }
        return n;
    }
}
