package dev.keydesk.app.editor;

import javafx.application.Application;

/** A plain main for {@link EditorPreview}: an Application launched from the classpath needs one. */
public final class EditorPreviewLauncher {

    private EditorPreviewLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(EditorPreview.class, args);
    }
}
