package dev.keydesk.icons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AppIconsTest {

    private static final Pattern SIZE_IN_NAME = Pattern.compile("-(\\d+)\\.png$");

    @Test
    void windowIconsAreListedSmallestFirst() {
        List<URL> urls = AppIcons.windowIconUrls();

        assertThat(urls).hasSize(AppIcons.WINDOW_ICON_SIZES.size()).doesNotContainNull();
        assertThat(urls).extracting(AppIconsTest::sizeInName).isSorted()
                .containsExactlyElementsOf(AppIcons.WINDOW_ICON_SIZES);
        assertThat(AppIcons.WINDOW_ICON_SIZES).containsExactly(16, 24, 32, 48, 64, 128, 256, 512);
        assertThat(urls).allSatisfy(u -> assertThat(u.getPath()).contains("/dev/keydesk/icons/keydesk-"));
    }

    @Test
    void everyWindowIconDecodesToItsStatedSquareSize() throws IOException {
        for (URL url : AppIcons.windowIconUrls()) {
            assertDecodesToSquare(url, sizeInName(url));
        }
    }

    @Test
    void singleWindowIconBySize() throws IOException {
        assertDecodesToSquare(AppIcons.windowIconUrl(256), 256);
        assertThatThrownBy(() -> AppIcons.windowIconUrl(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("glyphs")
    void everyGlyphDecodesToItsStatedSquareSize(String name) throws IOException {
        for (int size : AppIcons.GLYPH_SIZES) {
            assertDecodesToSquare(AppIcons.glyphPng(name, size), size);
        }
    }

    @ParameterizedTest
    @MethodSource("svgs")
    void everySvgSourceExistsAndIsAnSvgDocument(String name) throws IOException {
        URL url = AppIcons.svgSource(name);
        assertThat(url).isEqualTo(AppIcons.svgSource(name + ".svg"));
        String text = read(url);
        assertThat(text).contains("<svg", "xmlns=\"http://www.w3.org/2000/svg\"", "viewBox=").endsWith("</svg>\n");
    }

    @Test
    void windowsIconIsAnIcoFile() throws IOException {
        try (InputStream in = AppIcons.windowsIcon().openStream()) {
            byte[] header = in.readNBytes(6);
            // ICONDIR: reserved 0, type 1 (icon), image count (little endian) 7: 16..256 px.
            assertThat(header).containsExactly(0, 0, 1, 0, 7, 0);
        }
    }

    @Test
    void unknownNamesAreRejected() {
        assertThatThrownBy(() -> AppIcons.svgSource("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppIcons.svgSource("../keydesk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppIcons.glyphPng("keydesk", 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppIcons.glyphPng("env-sandbox", 24)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppIcons.svgSource(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void appIconIsNotBlank() throws IOException {
        // Guards against an empty or fully transparent render: the centre pixel of the
        // tile is opaque and the corners (outside the rounded square) are transparent.
        BufferedImage img = ImageIO.read(AppIcons.windowIconUrl(512));
        assertThat(img.getRGB(256, 256) >>> 24).isEqualTo(0xFF);
        assertThat(img.getRGB(0, 0) >>> 24).isZero();
    }

    static List<String> glyphs() {
        return AppIcons.GLYPH_NAMES.stream().sorted().toList();
    }

    static List<String> svgs() {
        return AppIcons.SVG_NAMES.stream().sorted().toList();
    }

    private static void assertDecodesToSquare(URL url, int size) throws IOException {
        BufferedImage img = ImageIO.read(url);
        assertThat(img).as("decoded %s", url).isNotNull();
        assertThat(img.getWidth()).as("width of %s", url).isEqualTo(size);
        assertThat(img.getHeight()).as("height of %s", url).isEqualTo(size);
        assertThat(img.getColorModel().hasAlpha()).as("alpha in %s", url).isTrue();
    }

    private static int sizeInName(URL url) {
        Matcher m = SIZE_IN_NAME.matcher(url.getPath());
        assertThat(m.find()).as("size in the name of %s", url).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
