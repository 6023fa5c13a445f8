package dev.keydesk.app.incident;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.Optional;

/** Asks which keys to export: what the key table shows, or every key on the server. */
final class ExportDialog {

    static final String TITLE = "Export the key inventory";

    private ExportDialog() {
    }

    static Optional<InventoryExport.Scope> ask(Window owner, int shown) {
        Dialog<InventoryExport.Scope> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(TITLE);
        dialog.setHeaderText("Which keys? (Next: where, and CSV or JSON.)");
        ToggleGroup group = new ToggleGroup();
        RadioButton shownButton = new RadioButton("What the key table shows now (" + IncidentTexts.keys(shown) + ")");
        shownButton.setId("exportShown");
        RadioButton allButton = new RadioButton("Every key the server lists (read again from the server)");
        allButton.setId("exportAll");
        shownButton.setToggleGroup(group);
        allButton.setToggleGroup(group);
        shownButton.setSelected(true);
        Label note = new Label("Each key's id, name, prefix, type, status, permissions, dates and usage. No secret: "
                + "the server keeps none to give.");
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");
        dialog.getDialogPane().setContent(new VBox(8, shownButton, allButton, note));
        dialog.getDialogPane().setPrefWidth(480);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? (allButton.isSelected() ? InventoryExport.Scope.ALL : InventoryExport.Scope.SHOWN) : null);
        return dialog.showAndWait();
    }
}
