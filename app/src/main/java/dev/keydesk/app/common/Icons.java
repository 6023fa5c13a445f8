package dev.keydesk.app.common;

import dev.keydesk.icons.AppIcons;
import javafx.scene.image.Image;
import org.kordamp.ikonli.javafx.FontIcon;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the app's icons come from: one icon font (Ikonli Material 2) for controls, and KeyDesk's
 * own artwork from the icons jar for windows. Icon names are constants here so a renamed glyph
 * breaks in one place.
 */
public final class Icons {

    public static final String ADD = "mdal-add";
    public static final String EDIT = "mdal-edit";
    public static final String REVOKE = "mdal-block";
    public static final String REFRESH = "mdmz-refresh";
    public static final String SEARCH = "mdmz-search";
    public static final String CLEAR = "mdal-clear";
    public static final String COPY = "mdal-content_copy";
    public static final String CONNECTIONS = "mdal-dns";
    public static final String THEME = "mdal-brightness_6";
    public static final String WARNING = "mdmz-warning";
    public static final String INFO = "mdal-info";
    public static final String ERROR = "mdal-error_outline";
    public static final String KEY = "mdmz-vpn_key";
    public static final String CHECK = "mdal-check";
    public static final String FILTER = "mdal-filter_list";
    public static final String CALENDAR = "mdal-date_range";
    public static final String ACTIVITY = "mdmz-timeline";
    public static final String EXPIRY = "mdal-event_busy";
    public static final String EXPAND = "mdal-expand_more";
    public static final String COLLAPSE = "mdal-expand_less";
    public static final String SETTINGS = "mdmz-settings";
    public static final String PREVIOUS = "mdal-chevron_left";
    public static final String NEXT = "mdal-chevron_right";
    public static final String EXTEND = "mdmz-update";
    public static final String FREEZE = "mdal-ac_unit";
    public static final String THAW = "mdmz-wb_sunny";
    public static final String INCIDENT = "mdmz-report_problem";
    public static final String IDENTIFY = "mdal-fingerprint";
    public static final String EXPORT = "mdmz-save_alt";
    public static final String FOLDER = "mdal-folder_open";
    public static final String RETRY = "mdmz-replay";
    public static final String PAUSE = "mdmz-pause";
    public static final String STOP = "mdal-cancel";
    public static final String REVIEW = "mdmz-policy";
    public static final String ROTATE = "mdmz-sync_alt";
    public static final String CUTOVER = "mdmz-swap_horiz";

    private Icons() {
    }

    /** A font icon that takes its colour from the theme (see {@code .ikonli-font-icon} in app.css). */
    public static FontIcon icon(String name) {
        return new FontIcon(name);
    }

    public static FontIcon icon(String name, int size) {
        FontIcon icon = new FontIcon(name);
        icon.setIconSize(size);
        return icon;
    }

    /**
     * The app icon at every shipped size, for {@code stage.getIcons()}; the window system picks
     * the size it needs (HiDPI included).
     */
    public static List<Image> windowIcons() {
        List<URL> urls;
        try {
            urls = AppIcons.windowIconUrls();
        } catch (RuntimeException | LinkageError e) {
            // An older icons jar without AppIcons: fall back to the agreed resource names.
            urls = new ArrayList<>();
            for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
                URL url = Icons.class.getResource("/dev/keydesk/icons/keydesk-" + size + ".png");
                if (url != null) {
                    urls.add(url);
                }
            }
        }
        List<Image> images = new ArrayList<>(urls.size());
        for (URL url : urls) {
            images.add(new Image(url.toExternalForm()));
        }
        return images;
    }
}
