package dev.keydesk.app.secret;

/**
 * The system clipboard as plain text, behind an interface so that the secret dialog's rules can
 * be tested without a window system. {@link FxClipboard} is the real one.
 */
public interface ClipboardAccess {

    /** The clipboard's text, or null when it holds none. */
    String getString();

    void setString(String value);

    /** Empties the clipboard. */
    void clear();
}
