package dev.keydesk.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/**
 * The two looks. The AtlantaFX theme is the user-agent stylesheet (it styles every control, in
 * every window, dialogs included); {@code app.css} adds our own classes on top using the theme's
 * colour variables, so it follows the switch without its own dark copy.
 */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Applies this theme to every window of the application; call on the FX thread. */
    public void apply() {
        String stylesheet = this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet();
        Application.setUserAgentStylesheet(stylesheet);
    }

    /** The app's own stylesheet, for {@code scene.getStylesheets()}. */
    public static String appStylesheet() {
        return Theme.class.getResource("/dev/keydesk/app/app.css").toExternalForm();
    }
}
