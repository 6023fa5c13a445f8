package dev.keydesk.app.review;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** The platform's save dialog over the main window, titled so that nobody mistakes what it saves. */
public final class FxSecretFileChooser implements SecretFileChooser {

    private final Supplier<Window> owner;

    public FxSecretFileChooser(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> choose(String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the new secrets (this file will hold API key secrets)");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Secrets file (CSV)", "*.csv"));
        File file = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
