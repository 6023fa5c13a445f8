package dev.keydesk.app.incident;

import dev.keydesk.app.common.Icons;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.incident.IncidentAction;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.BiConsumer;

/**
 * Identify a leaked secret: a masked field to paste it into, Identify, and what the server says —
 * the key it belongs to, with Revoke… and Freeze…, or that no key has it. The field is overwritten
 * and emptied as soon as the secret is sent, and again whenever the dialog closes (also on
 * Cancel, Escape or the window's close button).
 */
public final class IdentifyDialog {

    public static final String TITLE = "KeyDesk — Identify a leaked secret";

    private IdentifyDialog() {
    }

    /** Opens it over {@code owner}; {@code act} gets the found key and the action chosen (after the dialog closed). */
    public static Stage show(Window owner, IdentifyViewModel vm, BiConsumer<ApiKey, IncidentAction> act) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        } else {
            stage.initModality(Modality.APPLICATION_MODAL);
        }
        stage.setTitle(TITLE);

        Label title = new Label("Which key is this secret?");
        title.getStyleClass().add("title-3");
        Label intro = new Label("Paste the secret from the leak alert (Ctrl+V). It is masked, sent to the server only "
                + "to find its key, never logged, and wiped from KeyDesk right after; KeyDesk also empties the "
                + "clipboard if it still holds it.");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        PasswordField field = new PasswordField();
        field.setId("leakedSecret");
        field.setPromptText("sk_live_…");
        field.setAccessibleText("The leaked secret");
        field.setContextMenu(new javafx.scene.control.ContextMenu()); // no copy back out of it
        HBox.setHgrow(field, Priority.ALWAYS);
        Button identify = new Button("_Identify", Icons.icon(Icons.IDENTIFY));
        identify.setId("identifyButton");
        identify.setDefaultButton(true);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.stateProperty().isEqualTo(IdentifyViewModel.State.IDENTIFYING)
                .or(vm.stateProperty().isEqualTo(IdentifyViewModel.State.CHECKING_SERVER)));
        HBox row = new HBox(8, field, identify, spinner);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("identifyMessage");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        vm.stateProperty().addListener((obs, old, s) -> {
            message.getStyleClass().removeAll("incident-problem", "incident-found");
            if (s == IdentifyViewModel.State.FOUND) {
                message.getStyleClass().add("incident-found");
            } else if (s == IdentifyViewModel.State.UNAVAILABLE || s == IdentifyViewModel.State.FAILED) {
                message.getStyleClass().add("incident-problem");
            }
        });
        Button revoke = new Button("_Revoke this key…", Icons.icon(Icons.REVOKE));
        revoke.setId("revokeIdentified");
        revoke.getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        Button freeze = new Button("_Freeze this key…", Icons.icon(Icons.FREEZE));
        freeze.setId("freezeIdentified");
        Button close = new Button("Close");
        close.setCancelButton(true);
        revoke.visibleProperty().bind(Bindings.createBooleanBinding(vm::canRevoke, vm.foundProperty()));
        freeze.visibleProperty().bind(Bindings.createBooleanBinding(vm::canFreeze, vm.foundProperty()));
        revoke.managedProperty().bind(revoke.visibleProperty());
        freeze.managedProperty().bind(freeze.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, revoke, freeze, spacer, close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        field.disableProperty().bind(vm.stateProperty().isEqualTo(IdentifyViewModel.State.UNAVAILABLE)
                .or(vm.stateProperty().isEqualTo(IdentifyViewModel.State.CHECKING_SERVER)));
        identify.disableProperty().bind(field.disableProperty()
                .or(vm.stateProperty().isEqualTo(IdentifyViewModel.State.IDENTIFYING)));

        identify.setOnAction(e -> {
            vm.identify(field.getCharacters());
            wipe(field);
        });
        revoke.setOnAction(e -> {
            ApiKey key = vm.foundProperty().get();
            stage.close();
            act.accept(key, IncidentAction.REVOKE);
        });
        freeze.setOnAction(e -> {
            ApiKey key = vm.foundProperty().get();
            stage.close();
            act.accept(key, IncidentAction.FREEZE);
        });
        close.setOnAction(e -> stage.close());
        stage.setOnHidden(e -> {
            wipe(field);
            vm.cancel();
        });

        VBox body = new VBox(10, title, intro, row, message);
        body.setPadding(new Insets(16, 16, 8, 16));
        BorderPane pane = new BorderPane(body);
        buttons.setPadding(new Insets(8, 16, 14, 16));
        pane.setBottom(buttons);
        pane.getStyleClass().add("identify-dialog");
        Scene scene = new Scene(pane, 620, 300);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
        stage.setScene(scene);
        vm.open();
        stage.show();
        field.requestFocus();
        return stage;
    }

    /**
     * Overwrites the field's characters in place (its buffer is reused for the same length), then
     * empties it: the pasted secret does not linger in the control's text.
     */
    static void wipe(TextInputControl field) {
        int n = field.getLength();
        if (n > 0) {
            field.replaceText(0, n, "\0".repeat(n));
        }
        field.clear();
    }
}
