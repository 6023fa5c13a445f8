package dev.keydesk.cli;

/** The exit codes, as the help and the README state them. */
final class Exit {

    /** Every target ended as asked (or there was nothing to do). */
    static final int OK = 0;
    /** Some target did not end as asked (failed, not attempted, cancelled, declined): the report says which. */
    static final int NOT_AS_ASKED = 1;
    /** A usage or connection error: nothing was changed. */
    static final int USAGE = 2;

    private Exit() {
    }
}
