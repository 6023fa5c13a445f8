package dev.keydesk.app.editor;

import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.UserMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A dialog service that answers as scripted and records what was asked. */
public final class ScriptedDialogs implements DialogService {

    public boolean answer;
    public final List<String> asked = new ArrayList<>();
    public final List<UserMessage> errors = new ArrayList<>();

    public ScriptedDialogs(boolean answer) {
        this.answer = answer;
    }

    @Override
    public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
        asked.add(header + " | " + details);
        return answer;
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        asked.add(header + " | " + details);
        return answer;
    }

    @Override
    public void showError(UserMessage message) {
        errors.add(message);
    }

    @Override
    public void showInfo(String title, String header, String details) {
        asked.add(header);
    }

    @Override
    public Optional<String> prompt(String title, String header, String label, String initialValue) {
        return Optional.empty();
    }
}
