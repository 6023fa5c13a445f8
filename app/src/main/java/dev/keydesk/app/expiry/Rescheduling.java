package dev.keydesk.app.expiry;

import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.expiry.ExpiryApplier;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes the view models of the two ways to move expiries (extend a group, spread a cluster), all
 * wired to the same {@link ExpiryApplier}: switching that to the incident engine is one change in
 * the composition root.
 */
public final class Rescheduling {

    private final ExpiryApplier applier;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final Predicate<Throwable> connectionFailures;
    private final Runnable afterChange;

    /**
     * @param connectionFailures told of a failure that stopped a batch, so that one about the
     *     connection itself reaches the status bar
     * @param afterChange reloads the keys once changes were sent
     */
    public Rescheduling(ExpiryApplier applier, TaskRunner tasks, Clock clock, ZoneId zone,
                        Predicate<Throwable> connectionFailures, Runnable afterChange) {
        this.applier = applier;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.connectionFailures = connectionFailures;
        this.afterChange = afterChange;
    }

    public ExtendViewModel extend(Connection connection, List<ApiKey> keys, String what) {
        return new ExtendViewModel(keys, what, connection.policy(), clock, zone, changes(connection));
    }

    public SpreadViewModel spread(Connection connection, List<ApiKey> keys, LocalDate day) {
        return new SpreadViewModel(keys, day, connection.policy(), clock, zone, changes(connection));
    }

    private ExpiryChangesViewModel changes(Connection connection) {
        return new ExpiryChangesViewModel(connection, applier, tasks, clock, zone, connectionFailures, afterChange);
    }

    public ZoneId zone() {
        return zone;
    }
}
