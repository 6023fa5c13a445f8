package dev.keydesk.app.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Choosing files and showing folders, behind an interface so that UI tests (which have no native
 * file chooser under Monocle) script the answers. {@link FxFileDialogs} is the real one.
 */
public interface FileDialogs {

    /** A file type offered in a chooser: "CSV (*.csv)". */
    record Filter(String description, List<String> patterns) {
        public static Filter of(String description, String... patterns) {
            return new Filter(description, List.of(patterns));
        }
    }

    /** Where to save; empty when the person cancelled. The first filter is the default. */
    Optional<Path> saveAs(String title, Path initialFolder, String initialName, List<Filter> filters);

    /** Which file to open; empty when the person cancelled. */
    Optional<Path> open(String title, Path initialFolder, List<Filter> filters);

    /** Shows {@code folder} in the desktop's file manager (best effort). */
    void showFolder(Path folder);
}
