package dev.keydesk.app.connection;

import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.UserMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A dialog service that answers as scripted and remembers what it was asked. */
public final class RecordingDialogs implements DialogService {

    public boolean confirmAnswer = true;
    public final List<String> questions = new ArrayList<>();
    public final List<UserMessage> errors = new ArrayList<>();

    @Override
    public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
        questions.add(header);
        return confirmAnswer;
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        questions.add(details);
        return confirmAnswer;
    }

    @Override
    public void showError(UserMessage message) {
        errors.add(message);
    }

    @Override
    public void showInfo(String title, String header, String details) {
    }

    @Override
    public Optional<String> prompt(String title, String header, String label, String initialValue) {
        return Optional.empty();
    }
}
