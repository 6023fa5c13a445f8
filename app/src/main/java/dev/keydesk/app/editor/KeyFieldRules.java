package dev.keydesk.app.editor;

/** The contract's rules for a key's name and description, checked before the server does. */
final class KeyFieldRules {

    static final int NAME_MAX = 100;
    static final int DESCRIPTION_MAX = 500;

    private KeyFieldRules() {
    }

    /** An empty string when valid, else what is wrong. */
    static String nameError(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return "A name is required";
        }
        if (n.codePointCount(0, n.length()) > NAME_MAX) {
            return "At most " + NAME_MAX + " characters (now " + n.codePointCount(0, n.length()) + ")";
        }
        if (hasControl(n)) {
            return "The name cannot contain control characters (tabs, line breaks)";
        }
        return "";
    }

    static String descriptionError(String description) {
        String d = description == null ? "" : description;
        int len = d.codePointCount(0, d.length());
        if (len > DESCRIPTION_MAX) {
            return "At most " + DESCRIPTION_MAX + " characters (now " + len + ")";
        }
        return "";
    }

    private static boolean hasControl(String s) {
        return s.codePoints().anyMatch(Character::isISOControl);
    }
}
