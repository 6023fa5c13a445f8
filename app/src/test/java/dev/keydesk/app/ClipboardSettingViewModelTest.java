package dev.keydesk.app;

import dev.keydesk.app.testing.MemoryPreferences;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.core.common.UserMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

class ClipboardSettingViewModelTest {

    private final Preferences node = new MemoryPreferences();
    private final AppSettings settings = new AppSettings(node);
    private final Prompts dialogs = new Prompts();
    private final ClipboardSettingViewModel vm = new ClipboardSettingViewModel(settings, dialogs);

    @Test
    void acceptsWholeSecondsFromFiveToSixHundred() {
        assertThat(ClipboardSettingViewModel.parseSeconds("5")).hasValue(5);
        assertThat(ClipboardSettingViewModel.parseSeconds(" 45 ")).hasValue(45);
        assertThat(ClipboardSettingViewModel.parseSeconds("600")).hasValue(600);
        assertThat(ClipboardSettingViewModel.parseSeconds("4")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("601")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("99999999999")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("-10")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("1.5")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("30s")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds("")).isEmpty();
        assertThat(ClipboardSettingViewModel.parseSeconds(null)).isEmpty();
    }

    @Test
    void errorsSayWhatIsWrongAndWhatIsAllowed() {
        assertThat(ClipboardSettingViewModel.error("45")).isEmpty();
        assertThat(ClipboardSettingViewModel.error("")).isEqualTo("Enter a number of seconds between 5 and 600 seconds.");
        assertThat(ClipboardSettingViewModel.error("abc"))
                .isEqualTo("“abc” is not a whole number of seconds: enter one between 5 and 600 seconds.");
        assertThat(ClipboardSettingViewModel.error("601"))
                .isEqualTo("601 seconds is outside the allowed range: choose between 5 and 600 seconds.");
    }

    @Test
    void aValidAnswerIsSavedAndTheCurrentValueIsOffered() {
        dialogs.answers.add("90");
        assertThat(vm.change()).isTrue();
        assertThat(settings.clipboardClearAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(dialogs.initialValues).containsExactly("30");
        // Stored in the preferences, so a new settings object (the next start) reads it too.
        assertThat(new AppSettings(node).clipboardClearAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aWrongAnswerAsksAgainWithTheReasonAndWhatWasTyped() {
        dialogs.answers.add("3");
        dialogs.answers.add("120");
        assertThat(vm.change()).isTrue();
        assertThat(dialogs.headers).hasSize(2);
        assertThat(dialogs.headers.get(1)).startsWith("3 seconds is outside the allowed range");
        assertThat(dialogs.initialValues).containsExactly("30", "3");
        assertThat(settings.clipboardClearAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void cancellingKeepsTheSetting() {
        settings.setClipboardClearAfter(Duration.ofSeconds(45));
        dialogs.answers.add("1000");
        // then cancelled: no more answers
        assertThat(vm.change()).isFalse();
        assertThat(settings.clipboardClearAfter()).isEqualTo(Duration.ofSeconds(45));
        assertThat(dialogs.headers).hasSize(2);
    }

    /** Answers prompts in order; cancels once the answers run out. */
    private static final class Prompts implements DialogService {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> headers = new ArrayList<>();
        final List<String> initialValues = new ArrayList<>();

        @Override
        public Optional<String> prompt(String title, String header, String label, String initialValue) {
            headers.add(header);
            initialValues.add(initialValue);
            return Optional.ofNullable(answers.poll());
        }

        @Override
        public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
            throw new AssertionError("not expected");
        }

        @Override
        public boolean confirm(String title, String header, String details) {
            throw new AssertionError("not expected");
        }

        @Override
        public void showError(UserMessage message) {
            throw new AssertionError("not expected");
        }

        @Override
        public void showInfo(String title, String header, String details) {
            throw new AssertionError("not expected");
        }
    }
}
