package dev.keydesk.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.time.Duration;
import java.util.prefs.Preferences;

/**
 * The person's preferences (theme, clipboard clearing), kept with {@link Preferences}. Never a
 * secret: keys live in the keyring, an environment variable, or memory (see the connection feature).
 */
public final class AppSettings {

    static final String THEME = "theme";
    static final String CLIPBOARD_CLEAR_SECONDS = "clipboardClearSeconds";
    static final int DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;

    private final Preferences preferences;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");

    public AppSettings(Preferences preferences) {
        this.preferences = preferences;
        theme.set(readTheme());
        theme.addListener((obs, old, value) -> {
            if (value != null) {
                preferences.put(THEME, value.name());
            }
        });
    }

    /** The app's preferences node ({@code dev/keydesk/app} under the user root). */
    public static AppSettings userSettings() {
        return new AppSettings(Preferences.userRoot().node("dev/keydesk/app"));
    }

    /** The chosen theme; changing it is remembered. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme theme() {
        return theme.get();
    }

    /** How long a copied secret stays on the clipboard (default 30 s, at least 5 s). */
    public Duration clipboardClearAfter() {
        int seconds = preferences.getInt(CLIPBOARD_CLEAR_SECONDS, DEFAULT_CLIPBOARD_CLEAR_SECONDS);
        return Duration.ofSeconds(Math.max(5, seconds));
    }

    public void setClipboardClearAfter(Duration duration) {
        preferences.putInt(CLIPBOARD_CLEAR_SECONDS, (int) Math.max(5, duration.toSeconds()));
    }

    private Theme readTheme() {
        try {
            return Theme.valueOf(preferences.get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }
}
