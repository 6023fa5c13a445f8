package dev.keydesk.cli;

/** The typed confirmation of every command that changes keys. */
final class Confirm {

    private Confirm() {
    }

    /**
     * Returns when the change may go ahead: {@code --yes}, or the person typed {@code count} on the
     * terminal. Without a terminal and without {@code --yes} it refuses (exit 2); a wrong answer
     * stops with nothing changed (exit 1).
     */
    static void orStop(CliEnvironment env, boolean yes, int count, String what) {
        if (yes) {
            return;
        }
        Terminal terminal = env.terminal().orElseThrow(() -> new CliFailure(Exit.USAGE, "Refusing to " + what
                + " without a confirmation: there is no terminal to ask on. Check with --dry-run, then run again "
                + "with --yes."));
        String answer = terminal.readLine("Type " + count + " to " + what + " (anything else stops): ");
        if (answer == null || !answer.trim().equals(Integer.toString(count))) {
            throw new CliFailure(Exit.NOT_AS_ASKED, "Not confirmed: nothing was changed.");
        }
    }
}
