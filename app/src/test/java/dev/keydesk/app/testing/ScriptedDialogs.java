package dev.keydesk.app.testing;

import dev.keydesk.app.common.DialogService;
import dev.keydesk.core.common.UserMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dialog service for tests: answers as scripted and records what the code asked, so view
 * models can be tested without windows.
 */
public final class ScriptedDialogs implements DialogService {

    /** The answer to every confirmation, destructive or not. */
    public boolean confirmAnswer;
    /** The text a prompt returns; null means the person cancelled. */
    public String promptAnswer;

    /** Each confirmation as {@code header + "\n" + details}. */
    public final List<String> confirmations = new ArrayList<>();
    /** Each prompt as {@code header + "\n" + label}. */
    public final List<String> prompts = new ArrayList<>();
    public final List<UserMessage> errors = new ArrayList<>();
    /** Each notice as {@code header + "\n" + details}. */
    public final List<String> infos = new ArrayList<>();

    public ScriptedDialogs() {
        this(false);
    }

    public ScriptedDialogs(boolean confirmAnswer) {
        this.confirmAnswer = confirmAnswer;
    }

    @Override
    public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
        confirmations.add(header + "\n" + details);
        return confirmAnswer;
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        confirmations.add(header + "\n" + details);
        return confirmAnswer;
    }

    @Override
    public void showError(UserMessage message) {
        errors.add(message);
    }

    @Override
    public void showInfo(String title, String header, String details) {
        infos.add(header + "\n" + details);
    }

    @Override
    public Optional<String> prompt(String title, String header, String label, String initialValue) {
        prompts.add(header + "\n" + label);
        return Optional.ofNullable(promptAnswer);
    }
}
