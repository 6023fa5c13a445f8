package dev.keydesk.app.secret;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The copy-once secret dialog's rules. The secret is revealed (turned into a String) only at the
 * moment it is shown or copied; the clipboard is emptied after a while if it still holds what this
 * dialog put there; closing needs a confirmation unless the person says the key is stored; and on
 * {@link #dispose()} the secret is wiped.
 *
 * <p>The countdown is driven from outside by {@link #tick()} once per second (a JavaFX
 * {@code Timeline} in the view), so tests can tick without a clock.
 */
public final class SecretViewModel {

    public static final String DEFAULT_VARIABLE = "KEYDESK_API_KEY";
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final char MASK = '\u2022';
    /** Characters left visible at the start: the key's prefix identifies it without revealing it. */
    private static final int VISIBLE_PREFIX = 12;

    private final String defaultVariable;
    private final Secret secret;
    private final ApiKey key;
    private final ClipboardAccess clipboard;
    private final Duration clearAfter;
    private final Function<Secret, KeyApi> clientFactory;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper shownSecret = new ReadOnlyStringWrapper("");
    private final StringProperty variableName = new SimpleStringProperty(DEFAULT_VARIABLE);
    private final ReadOnlyStringWrapper variableNameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper clipboardText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper counting = new ReadOnlyBooleanWrapper();
    private final BooleanProperty stored = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testSucceeded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper disposed = new ReadOnlyBooleanWrapper();
    private TaskHandle testHandle;

    public SecretViewModel(Secret secret, ApiKey key, ClipboardAccess clipboard, Duration clearAfter,
                           Function<Secret, KeyApi> clientFactory, TaskRunner tasks, DialogService dialogs) {
        this(secret, key, clipboard, clearAfter, clientFactory, tasks, dialogs, DEFAULT_VARIABLE);
    }

    /**
     * @param defaultVariable the variable the {@code export} line names unless the person types
     *     another, e.g. {@code NARRATIVE_API_KEY} for a Narrative token
     */
    public SecretViewModel(Secret secret, ApiKey key, ClipboardAccess clipboard, Duration clearAfter,
                           Function<Secret, KeyApi> clientFactory, TaskRunner tasks, DialogService dialogs,
                           String defaultVariable) {
        this.defaultVariable = Objects.requireNonNull(defaultVariable, "defaultVariable");
        this.variableName.set(defaultVariable);
        this.secret = Objects.requireNonNull(secret, "secret");
        this.key = Objects.requireNonNull(key, "key");
        this.clipboard = Objects.requireNonNull(clipboard, "clipboard");
        this.clearAfter = clearAfter == null || clearAfter.isNegative() || clearAfter.isZero()
                ? Duration.ofSeconds(30) : clearAfter;
        this.clientFactory = Objects.requireNonNull(clientFactory, "clientFactory");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        revealed.addListener((obs, old, now) -> refreshShown());
        variableName.addListener((obs, old, now) -> variableNameError.set(
                now != null && VARIABLE_NAME.matcher(now).matches() ? "" : "Letters, digits and _ only, not starting with a digit"));
        refreshShown();
    }

    public ApiKey key() {
        return key;
    }

    // ---- showing ---------------------------------------------------------------------------

    public void setRevealed(boolean value) {
        if (!disposed.get()) {
            revealed.set(value);
        }
    }

    private void refreshShown() {
        if (disposed.get() || secret.isWiped()) {
            shownSecret.set("");
            return;
        }
        if (revealed.get()) {
            shownSecret.set(secret.reveal());
        } else {
            int visible = visiblePrefixLength();
            char[] masked = new char[visible + Math.max(8, Math.min(24, secret.length() - visible))];
            Arrays.fill(masked, MASK);
            String prefix = secret.prefix(visible);
            shownSecret.set(prefix + new String(masked, visible, masked.length - visible));
        }
    }

    /**
     * How much of the secret the masked view shows: the key's public prefix where the secret starts
     * with it (KeyDesk's {@code sk_live_…}), nothing otherwise. A Narrative secret has no prefix, so
     * any characters shown would be part of the secret itself.
     */
    private int visiblePrefixLength() {
        String prefix = key.prefix();
        if (prefix == null || prefix.isEmpty() || secret.length() <= prefix.length()
                || !secret.prefix(prefix.length()).equals(prefix)) {
            return 0;
        }
        return Math.min(Math.min(VISIBLE_PREFIX, prefix.length()), secret.length() / 2);
    }

    // ---- copying ---------------------------------------------------------------------------

    public void copy() {
        if (disposed.get()) {
            return;
        }
        clipboard.setString(secret.reveal());
        startCountdown();
    }

    /** Copies {@code export NAME=secret}; the name is the editable one when valid, else the default. */
    public void copyAsEnvironmentVariable() {
        if (disposed.get()) {
            return;
        }
        String name = variableNameError.get().isEmpty() && variableName.get() != null ? variableName.get() : defaultVariable;
        clipboard.setString("export " + name + "=" + secret.reveal());
        startCountdown();
    }

    private void startCountdown() {
        secondsLeft.set((int) Math.max(1, clearAfter.toSeconds()));
        counting.set(true);
        refreshClipboardText();
    }

    /** One second has passed. At zero, the clipboard is emptied if it still holds the secret. */
    public void tick() {
        if (!counting.get()) {
            return;
        }
        if (!clipboardHoldsSecret()) {
            // Someone copied something else over it: nothing of ours to clear, stop counting.
            stopCountdown("The clipboard no longer holds the key.");
            return;
        }
        secondsLeft.set(secondsLeft.get() - 1);
        if (secondsLeft.get() <= 0) {
            clipboard.clear();
            stopCountdown("Clipboard cleared.");
        } else {
            refreshClipboardText();
        }
    }

    private void stopCountdown(String message) {
        counting.set(false);
        secondsLeft.set(-1);
        clipboardText.set(message);
    }

    private void refreshClipboardText() {
        int s = secondsLeft.get();
        clipboardText.set("Copied. Clipboard clears in " + s + (s == 1 ? " second" : " s"));
    }

    /** Whether the clipboard still holds the secret (alone or inside the line this dialog copied). */
    boolean clipboardHoldsSecret() {
        if (secret.isWiped()) {
            return false;
        }
        String current = clipboard.getString();
        if (current == null || current.length() < secret.length()) {
            return false;
        }
        char[] chars = secret.copyChars();
        try {
            // The secret always sits at the end of what we copy; compare without making a String of it.
            int offset = current.length() - chars.length;
            boolean same = true;
            for (int i = 0; i < chars.length; i++) {
                same &= current.charAt(offset + i) == chars[i];
            }
            return same;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    // ---- testing the key -------------------------------------------------------------------

    /** Asks the server who the new key is, with a new client holding the new secret. */
    public void testKey() {
        if (disposed.get() || testing.get()) {
            return;
        }
        testing.set(true);
        testSucceeded.set(false);
        testResult.set("Testing the key…");
        testHandle = tasks.submit(BackgroundTask.<Optional<WhoAmI>>of("Testing the new key", progress -> {
                    try (KeyApi client = clientFactory.apply(secret)) {
                        return client.whoami();
                    }
                })
                .onSuccess(who -> {
                    testing.set(false);
                    testSucceeded.set(true);
                    testResult.set(who.map(SecretViewModel::describe)
                            .orElse("The key works; this server does not say what a key may do."));
                })
                .onFailure(error -> {
                    testing.set(false);
                    UserMessage m = ErrorMessages.describe(error, ErrorMessages.Action.read("test the new key"));
                    testResult.set("The test failed: " + m.whatHappened());
                })
                .onCancelled(() -> {
                    testing.set(false);
                    testResult.set("");
                }));
    }

    private static String describe(WhoAmI who) {
        if (who.callingKey().isEmpty()) {
            // Narrative's whoami: the user and company behind the token, not what the token may do.
            return "The key works: the server accepted it, signed in as " + who.principalDescription()
                    + ". It does not say what this key may do.";
        }
        String perms = who.permissions().stream().map(Permission::value).sorted().collect(Collectors.joining(", "));
        return "The key works. It may: " + (perms.isEmpty() ? "nothing yet" : perms) + ".";
    }

    // ---- closing ---------------------------------------------------------------------------

    /**
     * Whether the dialog may close now: yes when the person ticked "I have stored this key",
     * otherwise only after they confirm that they do not need the secret any more.
     */
    public boolean requestClose() {
        if (disposed.get() || stored.get()) {
            return true;
        }
        return dialogs.confirmDestructive("Close without storing the key?",
                "You will not see this key's secret again",
                "The server keeps only a hash of the secret: once this window closes, nobody can show it "
                        + "again. If you have not stored it, the key is useless and you will have to create another.",
                "Close anyway");
    }

    /**
     * Forgets the secret: stops a running test, empties the clipboard if it still holds the
     * secret, and wipes it. Safe to call more than once.
     */
    public void dispose() {
        if (disposed.get()) {
            return;
        }
        if (testHandle != null && !testHandle.isDone()) {
            testHandle.cancel();
        }
        if (clipboardHoldsSecret()) {
            clipboard.clear();
        }
        counting.set(false);
        secondsLeft.set(-1);
        revealed.set(false);
        disposed.set(true);
        secret.wipe();
        shownSecret.set("");
        clipboardText.set("");
    }

    // ---- properties ------------------------------------------------------------------------

    public ReadOnlyBooleanProperty revealedProperty() {
        return revealed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty shownSecretProperty() {
        return shownSecret.getReadOnlyProperty();
    }

    public StringProperty variableNameProperty() {
        return variableName;
    }

    public ReadOnlyStringProperty variableNameErrorProperty() {
        return variableNameError.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    /** "Copied. Clipboard clears in 24 s", "Clipboard cleared.", … */
    public ReadOnlyStringProperty clipboardTextProperty() {
        return clipboardText.getReadOnlyProperty();
    }

    /** True while a countdown runs: the view runs its one-second timeline then. */
    public ReadOnlyBooleanProperty countingProperty() {
        return counting.getReadOnlyProperty();
    }

    public BooleanProperty storedProperty() {
        return stored;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testSucceededProperty() {
        return testSucceeded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty disposedProperty() {
        return disposed.getReadOnlyProperty();
    }
}
