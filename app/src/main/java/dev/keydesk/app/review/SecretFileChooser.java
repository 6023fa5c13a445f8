package dev.keydesk.app.review;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Asks where the secrets of a batch rotation go, when the person chose one export file: the only
 * file KeyDesk writes secrets to, and only one the person named. Tests answer with a path of theirs.
 */
@FunctionalInterface
public interface SecretFileChooser {

    /** The file the person chose (after the platform's own "replace?" question), or empty when they cancelled. */
    Optional<Path> choose(String suggestedName);
}
