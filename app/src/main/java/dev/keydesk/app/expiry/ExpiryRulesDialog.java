package dev.keydesk.app.expiry;

import dev.keydesk.core.expiry.ExpiryRules;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.Optional;

/** Asks for the rotation ages (live, test) and the unused days of the expiry groups. */
final class ExpiryRulesDialog {

    private ExpiryRulesDialog() {
    }

    static Optional<ExpiryRules> ask(Window owner, ExpiryRules current) {
        Dialog<ExpiryRules> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Expiry rules");
        dialog.setHeaderText("When is a key due for rotation, and when is it unused?");
        Spinner<Integer> live = spinner(current.rotationDaysLive(), "Rotation age of live keys, in days");
        Spinner<Integer> test = spinner(current.rotationDaysTest(), "Rotation age of test keys, in days");
        Spinner<Integer> unused = spinner(current.unusedDays(), "Days without use that make a key unused");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, label("Live keys are due for rotation after", live), live, new Label("days"));
        grid.addRow(1, label("Test keys are due for rotation after", test), test, new Label("days"));
        grid.addRow(2, label("A key is unused after", unused), unused, new Label("days without a request"));
        Label defaults = new Label("Defaults: " + ExpiryRules.DEFAULTS.rotationDaysLive() + ", "
                + ExpiryRules.DEFAULTS.rotationDaysTest() + " and " + ExpiryRules.DEFAULTS.unusedDays() + " days.");
        defaults.getStyleClass().add("text-muted");
        grid.add(defaults, 0, 3, 3, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? new ExpiryRules(live.getValue(), test.getValue(), unused.getValue()) : null);
        return dialog.showAndWait();
    }

    private static Spinner<Integer> spinner(int value, String accessible) {
        Spinner<Integer> s = new Spinner<>(ExpiryRules.MIN_DAYS, ExpiryRules.MAX_DAYS, value);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.setAccessibleText(accessible);
        // A typed number counts when focus leaves, not only on Enter.
        s.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit(s);
            }
        });
        return s;
    }

    private static void commit(Spinner<Integer> s) {
        try {
            int typed = Integer.parseInt(s.getEditor().getText().trim());
            s.getValueFactory().setValue(ExpiryRules.clamp(typed));
        } catch (NumberFormatException e) {
            s.getEditor().setText(Integer.toString(s.getValue()));
        }
    }

    private static Label label(String text, Spinner<Integer> field) {
        Label l = new Label(text);
        l.setLabelFor(field);
        return l;
    }
}
