package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.DialogService;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long a copied secret stays on the clipboard, as the person sets it from the View menu.
 * The next secret dialog uses the new value; no restart.
 */
public final class ClipboardSettingViewModel {

    static final int MIN_SECONDS = 5;
    static final int MAX_SECONDS = 600;
    static final String TITLE = "Clipboard";
    static final String HEADER = "How long should a copied secret stay on the clipboard?";
    static final String LABEL = "Seconds (" + MIN_SECONDS + " to " + MAX_SECONDS + "):";

    private final AppSettings settings;
    private final DialogService dialogs;

    public ClipboardSettingViewModel(AppSettings settings, DialogService dialogs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
    }

    /**
     * Asks for the seconds, starting from the current value, and saves a valid answer. A wrong
     * one asks again with the reason and what was typed; cancelling keeps the setting as it was.
     *
     * @return true when a new value was saved
     */
    public boolean change() {
        String header = HEADER;
        String typed = Long.toString(settings.clipboardClearAfter().toSeconds());
        while (true) {
            Optional<String> answer = dialogs.prompt(TITLE, header, LABEL, typed);
            if (answer.isEmpty()) {
                return false;
            }
            typed = answer.get();
            OptionalInt seconds = parseSeconds(typed);
            if (seconds.isPresent()) {
                settings.setClipboardClearAfter(Duration.ofSeconds(seconds.getAsInt()));
                return true;
            }
            header = error(typed) + "\n" + HEADER;
        }
    }

    /** A whole number of seconds from 5 to 600 (spaces around it are fine); empty otherwise. */
    static OptionalInt parseSeconds(String text) {
        if (text == null || !text.strip().matches("\\d{1,4}")) {
            return OptionalInt.empty();
        }
        int seconds = Integer.parseInt(text.strip());
        return seconds < MIN_SECONDS || seconds > MAX_SECONDS ? OptionalInt.empty() : OptionalInt.of(seconds);
    }

    /** Why {@code text} is not accepted; empty when it is. */
    static String error(String text) {
        if (parseSeconds(text).isPresent()) {
            return "";
        }
        String shown = text == null ? "" : text.strip();
        String range = "between " + MIN_SECONDS + " and " + MAX_SECONDS + " seconds";
        if (shown.isEmpty()) {
            return "Enter a number of seconds " + range + ".";
        }
        if (!shown.matches("\\d+")) {
            return "“" + shown + "” is not a whole number of seconds: enter one " + range + ".";
        }
        return shown + " seconds is outside the allowed range: choose " + range + ".";
    }
}
