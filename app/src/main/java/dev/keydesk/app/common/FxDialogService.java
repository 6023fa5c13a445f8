package dev.keydesk.app.common;

import dev.keydesk.core.common.UserMessage;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link DialogService} of the running app: JavaFX alerts owned by the main window (so they
 * stay on top of it and centre on it), in the current theme.
 */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    /** {@code owner} may return null before the main window exists. */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.WARNING, title, header, details);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, confirm);
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        Button cancelButton = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        // Enter must not destroy anything: the safe choice is the default.
        confirmButton.setDefaultButton(false);
        confirmButton.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        cancelButton.setDefaultButton(true);
        cancelButton.setCancelButton(true);
        alert.setOnShown(e -> cancelButton.requestFocus());
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    @Override
    public boolean confirm(String title, String header, String details) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, header, details);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public void showError(UserMessage message) {
        Alert alert = alert(Alert.AlertType.ERROR, message.title(), message.whatHappened(), null);
        VBox body = new VBox(8);
        body.getStyleClass().add("error-details");
        addParagraph(body, "What is safe", message.whatIsSafe());
        addParagraph(body, "What to do", message.whatToDo());
        if (message.requestId() != null && !message.requestId().isBlank()) {
            TextField id = new TextField(message.requestId());
            id.setEditable(false);
            id.setAccessibleText("Request id");
            id.setPrefColumnCount(24);
            Button copy = new Button("Copy", Icons.icon(Icons.COPY));
            copy.setTooltip(new Tooltip("Copy the request id, for support"));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(message.requestId());
                Clipboard.getSystemClipboard().setContent(content);
            });
            Label label = new Label("Request id");
            label.setLabelFor(id);
            HBox row = new HBox(8, label, id, copy);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            HBox.setHgrow(id, Priority.ALWAYS);
            body.getChildren().add(row);
        }
        alert.getDialogPane().setContent(body);
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String header, String details) {
        alert(Alert.AlertType.INFORMATION, title, header, details).showAndWait();
    }

    @Override
    public Optional<String> prompt(String title, String header, String label, String initialValue) {
        TextInputDialog dialog = new TextInputDialog(initialValue == null ? "" : initialValue);
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setContentText(label);
        dialog.getEditor().setAccessibleText(label);
        return dialog.showAndWait().map(String::trim);
    }

    private Alert alert(Alert.AlertType type, String title, String header, String details) {
        Alert alert = new Alert(type);
        Window window = owner.get();
        if (window != null) {
            alert.initOwner(window);
        }
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(details);
        alert.setResizable(true);
        // Long texts wrap instead of being cut off with an ellipsis.
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.getDialogPane().setPrefWidth(520);
        return alert;
    }

    private static void addParagraph(VBox body, String heading, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Label title = new Label(heading);
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Label value = new Label(text);
        value.setWrapText(true);
        body.getChildren().addAll(title, value);
    }
}
