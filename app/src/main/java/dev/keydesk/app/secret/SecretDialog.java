package dev.keydesk.app.secret;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Objects;

/**
 * The copy-once secret dialog's view (controller of {@code SecretDialog.fxml}). Every way out
 * (Esc, the window's close button, Close) goes through {@link SecretViewModel#requestClose()};
 * once closed, the view model wipes the secret.
 */
public final class SecretDialog {

    public static final String STYLESHEET =
            Objects.requireNonNull(SecretDialog.class.getResource("secret.css")).toExternalForm();

    private final SecretViewModel viewModel;
    /** Ticks the clipboard countdown once a second while it runs; no threads. */
    private final Timeline countdown;

    @FXML private Label titleLabel;
    @FXML private Label noteLabel;
    @FXML private TextField secretField;
    @FXML private ToggleButton revealButton;
    @FXML private Button copyButton;
    @FXML private TextField variableField;
    @FXML private Button copyEnvButton;
    @FXML private Label variableError;
    @FXML private Label clipboardLabel;
    @FXML private Button testButton;
    @FXML private Label testResult;
    @FXML private CheckBox storedBox;
    @FXML private Button closeButton;

    public SecretDialog(SecretViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.countdown = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.tick()));
        countdown.setCycleCount(Animation.INDEFINITE);
    }

    public SecretViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        titleLabel.setText(viewModel.title());
        noteLabel.setText(viewModel.note());
        noteLabel.setVisible(!viewModel.note().isEmpty());
        noteLabel.setManaged(noteLabel.isVisible());
        secretField.textProperty().bind(viewModel.shownSecretProperty());
        // Selecting text in a masked field would copy bullets; copying goes through the buttons.
        secretField.setContextMenu(new javafx.scene.control.ContextMenu());
        revealButton.selectedProperty().addListener((obs, old, now) -> viewModel.setRevealed(now));
        revealButton.graphicProperty().bind(Bindings.when(viewModel.revealedProperty())
                .then(new FontIcon("mdmz-visibility_off")).otherwise(new FontIcon("mdmz-visibility")));
        revealButton.accessibleTextProperty().bind(Bindings.when(viewModel.revealedProperty())
                .then("Hide the secret").otherwise("Show the secret"));
        copyButton.setGraphic(new FontIcon("mdal-content_copy"));
        variableField.textProperty().bindBidirectional(viewModel.variableNameProperty());
        variableError.textProperty().bind(viewModel.variableNameErrorProperty());
        variableError.visibleProperty().bind(variableError.textProperty().isNotEmpty());
        variableError.managedProperty().bind(variableError.visibleProperty());
        clipboardLabel.textProperty().bind(viewModel.clipboardTextProperty());
        testButton.setGraphic(new FontIcon("mdmz-play_arrow"));
        testButton.disableProperty().bind(viewModel.testingProperty());
        testResult.textProperty().bind(viewModel.testResultProperty());
        viewModel.testSucceededProperty().addListener((obs, old, ok) -> {
            testResult.getStyleClass().remove("test-ok");
            if (ok) {
                testResult.getStyleClass().add("test-ok");
            }
        });
        storedBox.selectedProperty().bindBidirectional(viewModel.storedProperty());
        viewModel.countingProperty().addListener((obs, old, on) -> {
            if (on) {
                countdown.playFromStart();
            } else {
                countdown.stop();
            }
        });
    }

    /**
     * Hooks the window's ways out to the confirmation and the wipe; call once the scene is in
     * {@code stage}.
     */
    public void attach(Stage stage) {
        Scene scene = stage.getScene();
        stage.setOnCloseRequest(e -> {
            if (!viewModel.requestClose()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> {
            countdown.stop();
            viewModel.dispose();
        });
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                closeIfAllowed(stage);
            } else if (new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN).match(e)) {
                revealButton.setSelected(!revealButton.isSelected());
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !variableField.isFocused()) {
                viewModel.copy();
                e.consume();
            }
        });
        closeButton.setOnAction(e -> closeIfAllowed(stage));
        copyButton.requestFocus();
    }

    private void closeIfAllowed(Stage stage) {
        if (viewModel.requestClose()) {
            stage.close();
        }
    }

    @FXML
    private void onCopy() {
        viewModel.copy();
    }

    @FXML
    private void onCopyEnv() {
        viewModel.copyAsEnvironmentVariable();
    }

    @FXML
    private void onTest() {
        viewModel.testKey();
    }

    @FXML
    private void onClose() {
        // Replaced in attach(Stage); kept so the FXML's handler resolves.
    }
}
