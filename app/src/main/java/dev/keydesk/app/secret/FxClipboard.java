package dev.keydesk.app.secret;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The JavaFX system clipboard; call on the FX thread only. */
public final class FxClipboard implements ClipboardAccess {

    @Override
    public String getString() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        return clipboard.hasString() ? clipboard.getString() : null;
    }

    @Override
    public void setString(String value) {
        ClipboardContent content = new ClipboardContent();
        content.putString(value);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public void clear() {
        Clipboard.getSystemClipboard().clear();
    }
}
