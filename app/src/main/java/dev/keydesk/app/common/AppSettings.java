package dev.keydesk.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import dev.keydesk.core.expiry.ExpiryRules;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The person's preferences (theme, clipboard clearing, the expiry panel's state and rules, the
 * day the expiry notice was last shown per connection), kept with {@link Preferences}. Never a
 * secret: keys live in the keyring, an environment variable, or memory (see the connection feature).
 */
public final class AppSettings {

    static final String THEME = "theme";
    static final String CLIPBOARD_CLEAR_SECONDS = "clipboardClearSeconds";
    static final int DEFAULT_CLIPBOARD_CLEAR_SECONDS = 30;
    static final String EXPIRY_PANEL_COLLAPSED = "expiryPanelCollapsed";
    static final String EXPIRY_CALENDAR_SHOWN = "expiryCalendarShown";
    static final String ROTATION_DAYS_LIVE = "rotationDaysLive";
    static final String ROTATION_DAYS_TEST = "rotationDaysTest";
    static final String UNUSED_DAYS = "unusedDays";
    static final String EXPIRY_NOTICE_DAY = "expiryNoticeDay.";

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

    /** Whether the expiry panel is folded to its one-line summary. */
    public boolean expiryPanelCollapsed() {
        return preferences.getBoolean(EXPIRY_PANEL_COLLAPSED, false);
    }

    public void setExpiryPanelCollapsed(boolean collapsed) {
        preferences.putBoolean(EXPIRY_PANEL_COLLAPSED, collapsed);
    }

    /** Whether the expiry calendar is open under the panel's groups. */
    public boolean expiryCalendarShown() {
        return preferences.getBoolean(EXPIRY_CALENDAR_SHOWN, false);
    }

    public void setExpiryCalendarShown(boolean shown) {
        preferences.putBoolean(EXPIRY_CALENDAR_SHOWN, shown);
    }

    /** The rotation ages and the unused days (defaults 90 / 180 / 30), each held within bounds. */
    public ExpiryRules expiryRules() {
        ExpiryRules d = ExpiryRules.DEFAULTS;
        return new ExpiryRules(
                ExpiryRules.clamp(preferences.getInt(ROTATION_DAYS_LIVE, d.rotationDaysLive())),
                ExpiryRules.clamp(preferences.getInt(ROTATION_DAYS_TEST, d.rotationDaysTest())),
                ExpiryRules.clamp(preferences.getInt(UNUSED_DAYS, d.unusedDays())));
    }

    public void setExpiryRules(ExpiryRules rules) {
        preferences.putInt(ROTATION_DAYS_LIVE, rules.rotationDaysLive());
        preferences.putInt(ROTATION_DAYS_TEST, rules.rotationDaysTest());
        preferences.putInt(UNUSED_DAYS, rules.unusedDays());
    }

    /** The last day the "keys expire within 7 days" notice was shown for the connection {@code profileId}. */
    public Optional<LocalDate> lastExpiryNotice(String profileId) {
        String value = preferences.get(noticeKey(profileId), null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public void setLastExpiryNotice(String profileId, LocalDate day) {
        preferences.put(noticeKey(profileId), day.toString());
    }

    /** Preference keys are at most 80 characters: a long profile id is shortened to its hash. */
    private static String noticeKey(String profileId) {
        String id = profileId == null ? "" : profileId;
        return EXPIRY_NOTICE_DAY + (id.length() <= 60 ? id : Integer.toHexString(id.hashCode()));
    }
}
