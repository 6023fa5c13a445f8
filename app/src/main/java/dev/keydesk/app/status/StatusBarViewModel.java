package dev.keydesk.app.status;

import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.connection.ConnectionState;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryListener;
import dev.keydesk.client.RetryScheduled;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.connection.Profile;
import dev.keydesk.core.connection.Remedy;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Window;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the status bar shows: the connection, the rate-limit budget, the last refresh, the client
 * waiting to repeat a request ("Rate limited — retrying in 12 s"), a rate-limit countdown once the
 * client gave up, a passing message, and a connection problem with the action that fixes it. Time
 * only moves when {@link #tick()} is called (the view's timelines do it), so tests control the clock.
 */
public final class StatusBarViewModel {

    /** The banner's button when the embedded server refused its own admin key. */
    public static final String RESET_LOCAL_ADMIN_ACTION = "Reset the local admin key…";

    private final Session session;
    private final ConnectionManager manager;
    private final Clock clock;
    private final Executor fxThread;
    private final Locale locale;

    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper rateLimitText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastRefreshText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rateLimitedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper retryingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper retryingDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper countingDown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper transientMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<UserMessage> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problemAction = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper();

    // The client listened to, and the listeners given to it: made for that one client, so that a
    // report it queued just before being replaced is recognised as stale and dropped.
    private KeyApi listenedApi;
    private Consumer<RateLimitStatus> rateLimitListener;
    private RetryListener retryListener;
    private RateLimitStatus lastStatus;
    private Instant lastRefresh;
    private Instant rateLimitedUntil;
    private String rateLimitedScope;
    /** The calls of the current client that wait to be repeated, by request number, oldest first. */
    private final Map<Long, RetryScheduled> waiting = new LinkedHashMap<>();
    private Remedy remedy;

    /**
     * @param session the app's session; when it is the {@link ConnectionManager}, connection
     *     problems and their remedies are shown too
     * @param fxThread runs work on the FX thread ({@code Platform::runLater} in the app,
     *     {@code Runnable::run} in tests): the client tells rate limits and retries on its own threads
     */
    public StatusBarViewModel(Session session, Clock clock, Executor fxThread, Locale locale) {
        this.session = Objects.requireNonNull(session, "session");
        this.manager = session instanceof ConnectionManager m ? m : null;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.locale = Objects.requireNonNull(locale, "locale");
        session.connectionProperty().addListener((o, old, now) -> onConnection(now));
        onConnection(session.connectionProperty().get());
        if (manager != null) {
            manager.stateProperty().addListener((o, old, now) -> onState(now));
            onState(manager.stateProperty().get());
        }
    }

    // ---- inputs -----------------------------------------------------------------------------

    public void setLastRefresh(Instant when) {
        lastRefresh = when;
        lastRefreshText.set(StatusTexts.lastRefresh(when, clock.instant()));
    }

    public void showTransientMessage(String message) {
        transientMessage.set(message == null ? "" : message);
    }

    public void clearTransientMessage() {
        transientMessage.set("");
    }

    /** Starts the "Rate limited — you can retry in 12 s" countdown (the caller does the retrying). */
    public void showRateLimited(Duration retryAfter) {
        showRateLimited(retryAfter, null);
    }

    /**
     * The same, naming the limit the server named ({@code limit_scope}): "Too many failed
     * authentications from this address; every request from it waits 12 s" for a blocked address.
     */
    public void showRateLimited(Duration retryAfter, String limitScope) {
        rateLimitedUntil = clock.instant().plus(retryAfter == null ? Duration.ofSeconds(60) : retryAfter);
        rateLimitedScope = limitScope;
        tick();
    }

    /**
     * Routes a failure to where the status bar shows it: a 429 starts the countdown; a 401, or a
     * server gone away or still failing (5xx) after retries, marks the connection failed (through
     * the manager, which decides what concerns the connection) so Reconnect/Retry shows.
     *
     * @return whether the status bar took care of it (the caller may still show details)
     */
    public boolean report(Throwable error) {
        if (error instanceof RateLimitedException e) {
            showRateLimited(e.retryAfter().orElse(Duration.ofSeconds(60)), e.limitScope().orElse(null));
            return true;
        }
        return manager != null && manager.reportFailure(error);
    }

    /** Recomputes every time-relative text; the view calls it from its timelines. */
    public void tick() {
        Instant now = clock.instant();
        if (lastRefresh != null) {
            lastRefreshText.set(StatusTexts.lastRefresh(lastRefresh, now));
        }
        if (lastStatus != null) {
            rateLimitText.set(StatusTexts.rateLimit(lastStatus, now, locale));
        }
        updateCountdowns(now);
    }

    /** Whether a countdown is running (the view ticks every second only then). */
    public boolean isCountingDown() {
        return countingDown.get();
    }

    /**
     * The problem banner's button: Retry reconnects; "Reset the local admin key…" asks, then mints a
     * new admin key for the embedded server's folder; the others open Connections….
     */
    public void performProblemAction(Window owner) {
        if (manager == null || remedy == null) {
            return;
        }
        switch (remedy) {
            case RETRY -> manager.reconnect();
            case RESET_LOCAL_ADMIN -> manager.resetLocalAdminKey();
            case FIX_KEY, EDIT_PROFILE -> manager.openProfiles(owner);
        }
    }

    /** Stops listening to the client (for a status bar that goes away before the app). */
    public void dispose() {
        detach();
    }

    // ---- reactions --------------------------------------------------------------------------

    private void onConnection(Connection connection) {
        detach();
        lastStatus = null;
        rateLimitText.set("");
        // The old client's waits are no longer this connection's; its calls are being abandoned.
        waiting.clear();
        updateCountdowns(clock.instant());
        if (connection == null) {
            if (manager == null) {
                connectionText.set("Not connected");
            }
            return;
        }
        connectionText.set(describe(connection.profile()));
        KeyApi api = connection.api();
        listenedApi = api;
        rateLimitListener = status -> fxThread.execute(() -> {
            if (api == listenedApi) {
                onRateLimit(status);
            }
        });
        retryListener = new RetryListener() {
            @Override
            public void retryScheduled(RetryScheduled retry) {
                fxThread.execute(() -> {
                    if (api == listenedApi) {
                        onRetryScheduled(retry);
                    }
                });
            }

            @Override
            public void retriesEnded(RetryScheduled last) {
                fxThread.execute(() -> {
                    if (api == listenedApi) {
                        onRetriesEnded(last);
                    }
                });
            }
        };
        api.addRateLimitListener(rateLimitListener);
        api.addRetryListener(retryListener);
        // whoami, catalog and policy already came back with the headers.
        api.lastRateLimit().ifPresent(this::onRateLimit);
    }

    private void onRateLimit(RateLimitStatus status) {
        lastStatus = status;
        rateLimitText.set(StatusTexts.rateLimit(status, clock.instant(), locale));
    }

    private void onRetryScheduled(RetryScheduled retry) {
        waiting.remove(retry.request()); // re-added last: the latest announcement
        waiting.put(retry.request(), retry);
        if (retry.reason() == RetryScheduled.Reason.RATE_LIMITED) {
            // The server's newest word on the limit replaces an older "you can retry in …".
            rateLimitedUntil = null;
        }
        updateCountdowns(clock.instant());
    }

    private void onRetriesEnded(RetryScheduled last) {
        waiting.remove(last.request());
        updateCountdowns(clock.instant());
    }

    private void updateCountdowns(Instant now) {
        if (rateLimitedUntil != null && now.isAfter(rateLimitedUntil)) {
            rateLimitedUntil = null;
        }
        rateLimitedText.set(rateLimitedUntil == null ? ""
                : StatusTexts.rateLimited(Duration.between(now, rateLimitedUntil), rateLimitedScope));
        RetryScheduled shown = shownRetry();
        retryingText.set(shown == null ? "" : StatusTexts.retrying(shown, now));
        retryingDetails.set(shown == null ? "" : StatusTexts.retryingDetails(shown, clock.getZone()));
        countingDown.set(rateLimitedUntil != null || !waiting.isEmpty());
    }

    /**
     * Of several calls waiting at once, the rate-limited one that waits longest (the key is blocked
     * until then), else the one announced last.
     */
    private RetryScheduled shownRetry() {
        RetryScheduled latest = null;
        RetryScheduled longestRateLimit = null;
        for (RetryScheduled retry : waiting.values()) {
            latest = retry;
            if (retry.reason() == RetryScheduled.Reason.RATE_LIMITED
                    && (longestRateLimit == null || retry.retryAt().isAfter(longestRateLimit.retryAt()))) {
                longestRateLimit = retry;
            }
        }
        return longestRateLimit != null ? longestRateLimit : latest;
    }

    private void onState(ConnectionState state) {
        connecting.set(state instanceof ConnectionState.Connecting);
        if (state instanceof ConnectionState.Failed failed) {
            remedy = failed.remedy();
            problem.set(failed.message());
            problemAction.set(switch (failed.remedy()) {
                case RETRY -> "Retry";
                case FIX_KEY -> "Reconnect…";
                case EDIT_PROFILE -> "Connections…";
                case RESET_LOCAL_ADMIN -> RESET_LOCAL_ADMIN_ACTION;
            });
            if (session.connectionProperty().get() == null) {
                connectionText.set(failed.profile() == null ? "Not connected" : "Not connected to " + failed.profile().name());
            }
            return;
        }
        remedy = null;
        problem.set(null);
        problemAction.set("");
        if (state instanceof ConnectionState.Connecting c) {
            connectionText.set(c.activity());
        } else if (state instanceof ConnectionState.Connected c) {
            connectionText.set(describe(c.connection().profile()));
        } else if (session.connectionProperty().get() == null) {
            connectionText.set("Not connected");
        }
    }

    private void detach() {
        if (listenedApi != null) {
            listenedApi.removeRateLimitListener(rateLimitListener);
            listenedApi.removeRetryListener(retryListener);
            listenedApi = null;
            rateLimitListener = null;
            retryListener = null;
        }
    }

    private static String describe(Profile profile) {
        return profile.baseUrl() == null ? profile.name() : profile.name() + " · " + profile.baseUrl();
    }

    // ---- properties -------------------------------------------------------------------------

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateLimitTextProperty() {
        return rateLimitText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastRefreshTextProperty() {
        return lastRefreshText.getReadOnlyProperty();
    }

    /** "Rate limited — you can retry in 12 s": the client gave up on a 429; empty otherwise. */
    public ReadOnlyStringProperty rateLimitedTextProperty() {
        return rateLimitedText.getReadOnlyProperty();
    }

    /** "Rate limited — retrying in 12 s" and the like while the client waits to repeat a request; else empty. */
    public ReadOnlyStringProperty retryingTextProperty() {
        return retryingText.getReadOnlyProperty();
    }

    /** Why the client waits, until when, and how to stop it: the tooltip of {@link #retryingTextProperty()}. */
    public ReadOnlyStringProperty retryingDetailsProperty() {
        return retryingDetails.getReadOnlyProperty();
    }

    /** True while a countdown runs: the view ticks every second only then. */
    public ReadOnlyBooleanProperty countingDownProperty() {
        return countingDown.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty transientMessageProperty() {
        return transientMessage.getReadOnlyProperty();
    }

    /** The connection problem to show, or null. */
    public ReadOnlyObjectProperty<UserMessage> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemActionProperty() {
        return problemAction.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }
}
