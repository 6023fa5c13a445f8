package dev.keydesk.app.common;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The running app's {@link FileDialogs}: JavaFX file choosers owned by the main window. */
public final class FxFileDialogs implements FileDialogs {

    private final Supplier<Window> owner;
    private final Consumer<String> showDocument;

    /** @param showDocument opens a URI on the desktop ({@code HostServices::showDocument}) */
    public FxFileDialogs(Supplier<Window> owner, Consumer<String> showDocument) {
        this.owner = owner;
        this.showDocument = showDocument;
    }

    @Override
    public Optional<Path> saveAs(String title, Path initialFolder, String initialName, List<Filter> filters) {
        FileChooser chooser = chooser(title, initialFolder, filters);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath)
                .map(p -> withExtension(p, chooser.getSelectedExtensionFilter()));
    }

    @Override
    public Optional<Path> open(String title, Path initialFolder, List<Filter> filters) {
        return Optional.ofNullable(chooser(title, initialFolder, filters).showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public void showFolder(Path folder) {
        showDocument.accept(folder.toUri().toString());
    }

    private static FileChooser chooser(String title, Path initialFolder, List<Filter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        for (Filter f : filters) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
        }
        return chooser;
    }

    /** "report" saved with the CSV filter becomes "report.csv", so the format follows the choice. */
    private static Path withExtension(Path chosen, FileChooser.ExtensionFilter filter) {
        String name = chosen.getFileName().toString();
        if (filter == null || name.contains(".") || filter.getExtensions().isEmpty()) {
            return chosen;
        }
        String pattern = filter.getExtensions().get(0);
        return pattern.startsWith("*.") ? chosen.resolveSibling(name + pattern.substring(1)) : chosen;
    }
}
