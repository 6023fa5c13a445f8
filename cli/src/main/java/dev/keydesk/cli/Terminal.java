package dev.keydesk.cli;

/** The person at the keyboard, when there is one: prompts, and a line that can be redrawn. */
public interface Terminal {

    /** Shows {@code prompt} and reads one line; null at end of input. */
    String readLine(String prompt);

    /** Reads a secret without echoing it; null at end of input. The caller wipes the characters. */
    char[] readSecret(String prompt);

    /**
     * Shows a new admin key's secret to the person once, straight on the terminal (never on a
     * redirected stdout), with a warning around it.
     */
    void showSecretOnce(String warning, char[] secret);

    /** Whether progress may redraw its line ({@code \r}). */
    boolean redraws();
}
