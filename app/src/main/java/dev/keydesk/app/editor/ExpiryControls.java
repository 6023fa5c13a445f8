package dev.keydesk.app.editor;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.time.LocalDate;

/** Binds the expiry row of the create and edit forms to an {@link ExpiryModel}: one way for both. */
final class ExpiryControls {

    private ExpiryControls() {
    }

    static void bind(ExpiryModel model, HBox quickPicks, DatePicker datePicker, CheckBox neverBox, Label summary) {
        for (int days : model.quickPicks()) {
            Button b = new Button(days + " d");
            b.setMnemonicParsing(false);
            b.getStyleClass().addAll("small", "quick-pick");
            b.setAccessibleText("Expire in " + days + " days");
            b.setTooltip(new Tooltip("Expire in " + days + " days"));
            b.setOnAction(e -> model.pickDays(days));
            b.disableProperty().bind(model.neverProperty());
            quickPicks.getChildren().add(b);
        }
        datePicker.valueProperty().bindBidirectional(model.dateProperty());
        datePicker.disableProperty().bind(model.neverProperty());
        // Days outside the policy cannot be picked at all.
        datePicker.setDayCellFactory(picker -> new DateCell() {
            @Override
            public void updateItem(LocalDate item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && item != null && !model.dateAllowed(item)) {
                    setDisable(true);
                    setTooltip(new Tooltip("Outside this server's policy (1 to "
                            + model.policy().maxLifetimeDays() + " days)"));
                }
            }
        });
        datePicker.setTooltip(new Tooltip("Up to " + model.maxDate() + " (the server allows "
                + model.policy().maxLifetimeDays() + " days at most)"));
        // A typed date that cannot be parsed must not silently keep the old one.
        datePicker.getEditor().focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                try {
                    datePicker.setValue(datePicker.getConverter().fromString(datePicker.getEditor().getText()));
                } catch (RuntimeException e) {
                    datePicker.getEditor().setText(datePicker.getConverter().toString(datePicker.getValue()));
                }
            }
        });
        boolean neverAllowed = model.neverAllowed();
        neverBox.setVisible(neverAllowed);
        neverBox.setManaged(neverAllowed);
        neverBox.selectedProperty().bindBidirectional(model.neverProperty());
        summary.textProperty().bind(model.summaryProperty());
    }

    /** Shows a label only while it has text, so empty error rows take no space. */
    static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }
}
