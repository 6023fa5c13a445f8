package dev.keydesk.icons;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Locates KeyDesk's own artwork, packaged in this jar under {@value #BASE}.
 *
 * <p>Deliberately free of JavaFX (and of any other dependency): callers turn the URLs into
 * images themselves, for example
 *
 * <pre>{@code
 * AppIcons.windowIconUrls().forEach(u -> stage.getIcons().add(new Image(u.toExternalForm())));
 * }</pre>
 *
 * <p>Resources (all under {@value #BASE}):
 * <ul>
 *   <li>{@code keydesk-16.png} … {@code keydesk-512.png}: the app icon, sizes {@link #WINDOW_ICON_SIZES};
 *   <li>{@code keydesk.ico}: the same, 16–256 px, for Windows packaging ({@link #windowsIcon()});
 *   <li>{@code env-production|env-staging|env-sandbox-16|32.png}: environment badges ({@link #glyphPng});
 *   <li>{@code *.svg}: the hand-written sources ({@link #svgSource}): {@code keydesk},
 *       {@code keydesk-16}, {@code keydesk-24}, {@code keydesk-mark} (monochrome, single path),
 *       {@code env-production}, {@code env-staging}, {@code env-sandbox}.
 * </ul>
 */
public final class AppIcons {

    /** Classpath folder of every resource this class hands out (absolute, with trailing slash). */
    public static final String BASE = "/dev/keydesk/icons/";

    /** Sizes, in pixels and ascending, at which the square app icon is shipped as PNG. */
    public static final List<Integer> WINDOW_ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    /** Sizes, in pixels, at which each glyph is shipped as PNG (1x and 2x of 16 px). */
    public static final List<Integer> GLYPH_SIZES = List.of(16, 32);

    /** Names of the SVG sources shipped in this jar, without the {@code .svg} suffix. */
    public static final Set<String> SVG_NAMES = Set.of(
            "keydesk", "keydesk-16", "keydesk-24", "keydesk-mark",
            "env-production", "env-staging", "env-sandbox");

    /** Names of the glyphs shipped as PNG (see {@link #glyphPng}). */
    public static final Set<String> GLYPH_NAMES = Set.of("env-production", "env-staging", "env-sandbox");

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private AppIcons() {
    }

    /**
     * The app icon's PNG resources, smallest first: hand these to the window (JavaFX
     * {@code Stage.getIcons()}, AWT {@code Window.setIconImages}) and let it pick the size.
     */
    public static List<URL> windowIconUrls() {
        List<URL> urls = new ArrayList<>(WINDOW_ICON_SIZES.size());
        for (int size : WINDOW_ICON_SIZES) {
            urls.add(require("keydesk-" + size + ".png"));
        }
        return Collections.unmodifiableList(urls);
    }

    /** The app icon's PNG at exactly {@code size} px, one of {@link #WINDOW_ICON_SIZES}. */
    public static URL windowIconUrl(int size) {
        if (!WINDOW_ICON_SIZES.contains(size)) {
            throw new IllegalArgumentException("no app icon of " + size + " px; sizes: " + WINDOW_ICON_SIZES);
        }
        return require("keydesk-" + size + ".png");
    }

    /** The multi-size Windows icon ({@code keydesk.ico}, 16–256 px), e.g. for jpackage. */
    public static URL windowsIcon() {
        return require("keydesk.ico");
    }

    /**
     * The SVG source named {@code name}, with or without the {@code .svg} suffix, e.g.
     * {@code svgSource("keydesk")} or {@code svgSource("env-production.svg")}.
     *
     * @throws IllegalArgumentException if no such SVG is shipped
     */
    public static URL svgSource(String name) {
        Objects.requireNonNull(name, "name");
        String bare = name.endsWith(".svg") ? name.substring(0, name.length() - 4) : name;
        if (!NAME.matcher(bare).matches() || !SVG_NAMES.contains(bare)) {
            throw new IllegalArgumentException("no SVG named '" + name + "'; names: " + SVG_NAMES);
        }
        return require(bare + ".svg");
    }

    /**
     * A glyph's PNG, e.g. {@code glyphPng("env-production", 16)}; {@code size} is one of
     * {@link #GLYPH_SIZES} (use 32 on a 2x screen).
     *
     * @throws IllegalArgumentException if no such glyph or size is shipped
     */
    public static URL glyphPng(String name, int size) {
        Objects.requireNonNull(name, "name");
        if (!GLYPH_NAMES.contains(name)) {
            throw new IllegalArgumentException("no glyph named '" + name + "'; names: " + GLYPH_NAMES);
        }
        if (!GLYPH_SIZES.contains(size)) {
            throw new IllegalArgumentException("no glyph of " + size + " px; sizes: " + GLYPH_SIZES);
        }
        return require(name + "-" + size + ".png");
    }

    private static URL require(String file) {
        URL url = AppIcons.class.getResource(BASE + file);
        if (url == null) {
            throw new IllegalStateException("icon resource missing from the keydesk-icons jar: " + BASE + file);
        }
        return url;
    }
}
