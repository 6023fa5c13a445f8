package dev.keydesk.app.incident;

import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.incident.BreakGlass;

/**
 * What a run needs when it includes the admin key KeyDesk is connected with: the replacement's
 * secret handed over once, and the connection switched to it (see {@link AppBreakGlass}).
 */
public interface BreakGlassSupport {

    /** Where the replacement will be kept on {@code connection}'s profile, for the preview to say before the run. */
    String whereKept(Connection connection);

    /** The engine's handover and switch for a run on {@code connection}. */
    BreakGlass forRun(Connection connection);
}
