package dev.keydesk.app;

import javafx.application.Application;

/** A plain main for {@link NarrativePreview}: an Application launched from the classpath needs one. */
public final class NarrativePreviewLauncher {

    private NarrativePreviewLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(NarrativePreview.class, args);
    }
}
