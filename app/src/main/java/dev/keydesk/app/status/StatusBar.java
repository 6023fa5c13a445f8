package dev.keydesk.app.status;

import dev.keydesk.app.connection.EnvironmentBadge;
import dev.keydesk.app.connection.Session;
import dev.keydesk.core.common.UserMessage;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The bar along the bottom of the main window: environment and connection, a connection problem
 * with its Retry/Reconnect action, the rate-limit budget, the client waiting to repeat a request
 * ("Rate limited — retrying in 12 s"), a rate-limit countdown once it gave up, the last refresh
 * and passing messages. The view of {@link StatusBarViewModel}.
 *
 * <p>Pass the {@code ConnectionManager} as the session to get the problem banner; any other
 * session (tests) shows the rest.
 */
public final class StatusBar extends HBox {

    static final javafx.util.Duration SLOW_TICK = javafx.util.Duration.seconds(30);
    static final javafx.util.Duration TRANSIENT_FOR = javafx.util.Duration.seconds(6);

    private final StatusBarViewModel viewModel;
    private final Timeline slowTicks;
    private final Timeline countdown;
    private final PauseTransition transientTimeout = new PauseTransition(TRANSIENT_FOR);

    @FXML private HBox badgeSlot;
    @FXML private Label connectionLabel;
    @FXML private HBox problemBox;
    @FXML private Label problemLabel;
    @FXML private Button problemAction;
    @FXML private Label transientLabel;
    @FXML private Label retryingLabel;
    @FXML private Label rateLimitedLabel;
    @FXML private Label rateLimitLabel;
    @FXML private Label lastRefreshLabel;

    public StatusBar(Session session) {
        // The client reports rate limits and retry waits on its own threads; this is the one hop back
        // to the FX thread that does not belong to a task, hence Platform::runLater here.
        this(new StatusBarViewModel(session, Clock.systemDefaultZone(), Platform::runLater, Locale.getDefault()), session);
    }

    StatusBar(StatusBarViewModel viewModel, Session session) {
        this.viewModel = viewModel;
        FXMLLoader loader = new FXMLLoader(StatusBar.class.getResource("StatusBar.fxml"));
        loader.setRoot(this);
        loader.setController(this); // the FXML names no controller: this instance is it
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("StatusBar.fxml could not be loaded", e);
        }
        badgeSlot.getChildren().add(new EnvironmentBadge(session));

        slowTicks = new Timeline(new KeyFrame(SLOW_TICK, e -> viewModel.tick()));
        slowTicks.setCycleCount(Animation.INDEFINITE);
        slowTicks.play();
        // Ticks every second while the view model counts down (a 429 given up on, or the client
        // waiting to retry), and not otherwise.
        countdown = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> viewModel.tick()));
        countdown.setCycleCount(Animation.INDEFINITE);
        viewModel.countingDownProperty().addListener((o, was, now) -> {
            if (now) {
                countdown.playFromStart();
            } else {
                countdown.stop();
            }
        });
        if (viewModel.isCountingDown()) {
            countdown.play();
        }
        transientTimeout.setOnFinished(e -> viewModel.clearTransientMessage());
    }

    @FXML
    private void initialize() {
        connectionLabel.textProperty().bind(viewModel.connectionTextProperty());
        connectionLabel.tooltipProperty().set(new Tooltip());
        connectionLabel.getTooltip().textProperty().bind(viewModel.connectionTextProperty());
        bindHidingWhenEmpty(rateLimitLabel, viewModel.rateLimitTextProperty());
        bindHidingWhenEmpty(lastRefreshLabel, viewModel.lastRefreshTextProperty());
        bindHidingWhenEmpty(rateLimitedLabel, viewModel.rateLimitedTextProperty());
        bindHidingWhenEmpty(retryingLabel, viewModel.retryingTextProperty());
        Tooltip retrying = new Tooltip();
        retrying.setWrapText(true);
        retrying.setMaxWidth(480);
        retrying.textProperty().bind(viewModel.retryingDetailsProperty());
        retryingLabel.setTooltip(retrying);
        retryingLabel.accessibleTextProperty().bind(Bindings.createStringBinding(
                () -> viewModel.retryingTextProperty().get().isEmpty() ? ""
                        : viewModel.retryingTextProperty().get() + ". " + viewModel.retryingDetailsProperty().get(),
                viewModel.retryingTextProperty(), viewModel.retryingDetailsProperty()));
        bindHidingWhenEmpty(transientLabel, viewModel.transientMessageProperty());

        problemBox.visibleProperty().bind(viewModel.problemProperty().isNotNull());
        problemBox.managedProperty().bind(problemBox.visibleProperty());
        problemLabel.textProperty().bind(Bindings.createStringBinding(
                () -> line(viewModel.problemProperty().get()), viewModel.problemProperty()));
        Tooltip details = new Tooltip();
        details.setWrapText(true);
        details.setMaxWidth(480);
        details.textProperty().bind(Bindings.createStringBinding(
                () -> details(viewModel.problemProperty().get()), viewModel.problemProperty()));
        problemLabel.setTooltip(details);
        problemLabel.accessibleTextProperty().bind(details.textProperty());
        problemAction.textProperty().bind(viewModel.problemActionProperty());
        problemAction.setOnAction(e -> viewModel.performProblemAction(getScene() == null ? null : getScene().getWindow()));
    }

    /** When the data on screen was last loaded; shown relative ("Refreshed 3 min ago"). */
    /**
     * Stops the bar's timers and its view model's client listeners. A running Timeline is held by
     * the FX pulse, so without this the bar (and everything it reaches) outlives the window.
     */
    public void dispose() {
        slowTicks.stop();
        countdown.stop();
        viewModel.dispose();
    }

    public void setLastRefresh(Instant when) {
        viewModel.setLastRefresh(when);
    }

    /** A passing message ("Key revoked"), cleared after a few seconds. */
    public void showTransientMessage(String message) {
        viewModel.showTransientMessage(message);
        transientTimeout.playFromStart();
    }

    /** Shows "Rate limited — you can retry in 12 s", counting down; the caller does the retrying. */
    public void showRateLimited(Duration retryAfter) {
        viewModel.showRateLimited(retryAfter);
    }

    /**
     * Shows a failure where the status bar can: a 429 as the countdown; a 401, or a server gone
     * away or failing (5xx), as the connection problem with Reconnect/Retry (through the
     * ConnectionManager).
     *
     * @return whether it was shown here
     */
    public boolean report(Throwable error) {
        return viewModel.report(error);
    }

    public StatusBarViewModel viewModel() {
        return viewModel;
    }

    private static void bindHidingWhenEmpty(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(Bindings.isNotEmpty(text));
        label.managedProperty().bind(label.visibleProperty());
    }

    private static String line(UserMessage m) {
        return m == null ? "" : m.title() + ": " + m.whatHappened();
    }

    private static String details(UserMessage m) {
        if (m == null) {
            return "";
        }
        return m.title() + ". " + m.whatHappened() + "\n" + m.whatIsSafe() + "\n" + m.whatToDo()
                + (m.requestId() == null ? "" : "\nRequest id: " + m.requestId());
    }
}
