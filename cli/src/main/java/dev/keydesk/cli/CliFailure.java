package dev.keydesk.cli;

/**
 * A command ends early with a message for the person and an exit code; nothing of it is a stack
 * trace. {@link Exit#USAGE} for what the person must change (a flag, a missing key, no terminal to
 * confirm on), {@link Exit#NOT_AS_ASKED} when the person declined.
 */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
