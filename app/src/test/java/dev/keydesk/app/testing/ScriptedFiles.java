package dev.keydesk.app.testing;

import dev.keydesk.app.common.FileDialogs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** File choosers for UI tests (Monocle has no native one): answers as scripted, records what was asked. */
public final class ScriptedFiles implements FileDialogs {

    /** The next answers of saveAs and open, in order; empty means the person cancelled. */
    public final Deque<Path> answers = new ArrayDeque<>();
    /** Each chooser's title, in order. */
    public final List<String> asked = new ArrayList<>();
    /** Each folder shown. */
    public final List<Path> shown = new ArrayList<>();

    @Override
    public synchronized Optional<Path> saveAs(String title, Path initialFolder, String initialName, List<Filter> filters) {
        asked.add(title);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public synchronized Optional<Path> open(String title, Path initialFolder, List<Filter> filters) {
        asked.add(title);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public synchronized void showFolder(Path folder) {
        shown.add(folder);
    }
}
