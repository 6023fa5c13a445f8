package dev.keydesk.app.keys;

import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.UserMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers as told and records what the code asked. */
final class ScriptedDialogs implements DialogService {

    boolean confirmAnswer;
    String promptAnswer;
    final List<String> confirmations = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();
    final List<UserMessage> errors = new ArrayList<>();
    final List<String> infos = new ArrayList<>();

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
