package dev.keydesk.app.common;

import dev.keydesk.core.common.UserMessage;

import java.util.Optional;

/**
 * Every message box goes through here, so that view models can be tested without windows
 * (tests pass a scripted implementation).
 */
public interface DialogService {

    /**
     * Asks before something that cannot be undone. Returns true only when the person chose
     * {@code confirmLabel}; the default button is the safe one.
     */
    boolean confirmDestructive(String title, String header, String details, String confirmLabel);

    /** Asks a yes/no question that is not destructive. */
    boolean confirm(String title, String header, String details);

    void showError(UserMessage message);

    void showInfo(String title, String header, String details);

    /** Asks for one line of text, e.g. a typed confirmation; empty when cancelled. */
    Optional<String> prompt(String title, String header, String label, String initialValue);
}
