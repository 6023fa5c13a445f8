package dev.keydesk.app.editor;

import dev.keydesk.app.permissions.PermissionMatrixView;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.Objects;

/** The edit form's view (controller of {@code EditKeyDialog.fxml}); all rules are in {@link EditKeyViewModel}. */
public final class EditKeyDialog {

    private final EditKeyViewModel viewModel;
    private final Runnable onSaved;
    private final Runnable close;

    @FXML private Label titleLabel;
    @FXML private Label subtitleLabel;
    @FXML private HBox conflictBar;
    @FXML private Label conflictLabel;
    @FXML private Button reloadButton;
    @FXML private Button reapplyButton;
    @FXML private Label noticeLabel;
    @FXML private TextField nameField;
    @FXML private Label nameError;
    @FXML private TextArea descriptionField;
    @FXML private Label descriptionError;
    @FXML private CheckBox activeBox;
    @FXML private Label statusHint;
    @FXML private HBox quickPicks;
    @FXML private DatePicker datePicker;
    @FXML private CheckBox neverBox;
    @FXML private Label expirySummary;
    @FXML private Label expiryError;
    @FXML private Label permissionsError;
    @FXML private StackPane matrixHolder;
    @FXML private Label generalError;
    @FXML private ProgressIndicator progress;
    @FXML private Label progressText;
    @FXML private Label changeSummary;
    @FXML private Button cancelButton;
    @FXML private Button saveButton;

    public EditKeyDialog(EditKeyViewModel viewModel, Runnable onSaved, Runnable close) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.onSaved = Objects.requireNonNull(onSaved, "onSaved");
        this.close = Objects.requireNonNull(close, "close");
    }

    public EditKeyViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(Bindings.createStringBinding(() -> viewModel.originalProperty().get() == null
                ? "Edit key" : "Edit key “" + viewModel.originalProperty().get().key().name() + "”",
                viewModel.originalProperty()));
        subtitleLabel.textProperty().bind(Bindings.createStringBinding(viewModel::subtitle, viewModel.originalProperty()));

        conflictLabel.setText(EditKeyViewModel.CONFLICT_MESSAGE);
        conflictBar.visibleProperty().bind(viewModel.conflictProperty());
        conflictBar.managedProperty().bind(conflictBar.visibleProperty());
        reloadButton.disableProperty().bind(viewModel.busyProperty());
        reapplyButton.disableProperty().bind(viewModel.busyProperty());
        noticeLabel.textProperty().bind(viewModel.noticeProperty());
        ExpiryControls.showWhenText(noticeLabel);

        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        descriptionField.textProperty().bindBidirectional(viewModel.descriptionProperty());
        bindError(nameError, viewModel.nameErrorProperty());
        bindError(descriptionError, viewModel.descriptionErrorProperty());
        activeBox.selectedProperty().bindBidirectional(viewModel.activeProperty());
        activeBox.disableProperty().bind(viewModel.statusEditableProperty().not());
        statusHint.textProperty().bind(Bindings.createStringBinding(() -> {
            if (!viewModel.statusUnavailableReason().isEmpty()) {
                return viewModel.statusUnavailableReason();
            }
            if (!viewModel.statusEditableProperty().get() && viewModel.originalProperty().get() != null) {
                return "This key is " + viewModel.originalProperty().get().key().status() + ": extend its expiry to use it again";
            }
            return viewModel.activeProperty().get() ? "Requests with this key are accepted"
                    : "Disabled: requests with this key get 401 (reversible)";
        }, viewModel.statusEditableProperty(), viewModel.activeProperty(), viewModel.originalProperty()));

        ExpiryControls.bind(viewModel.expiry(), quickPicks, datePicker, neverBox, expirySummary);
        bindError(expiryError, viewModel.expiryErrorProperty());

        PermissionMatrixView matrix = new PermissionMatrixView(viewModel.matrix());
        matrixHolder.getChildren().setAll(matrix);
        bindError(permissionsError, viewModel.permissionsErrorProperty());

        generalError.textProperty().bind(viewModel.generalErrorProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progressText.textProperty().bind(viewModel.progressTextProperty());
        changeSummary.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.changeSummaryProperty().get(), viewModel.changeSummaryProperty()));
        saveButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.canSaveProperty().get(), viewModel.canSaveProperty()));
        saveButton.tooltipProperty().bind(Bindings.createObjectBinding(
                () -> new Tooltip(viewModel.changeSummaryProperty().get() + " (sent with the version you loaded)"),
                viewModel.changeSummaryProperty()));
        cancelButton.textProperty().bind(Bindings.when(viewModel.busyProperty()).then("Stop").otherwise("Cancel"));
        nameField.disableProperty().bind(viewModel.loadedProperty().not());
        descriptionField.disableProperty().bind(viewModel.loadedProperty().not()
                .or(new javafx.beans.property.SimpleBooleanProperty(!viewModel.descriptionEditable())));
        if (!viewModel.descriptionEditable()) {
            descriptionField.setPromptText(viewModel.descriptionUnavailableReason());
            descriptionField.setTooltip(new Tooltip(viewModel.descriptionUnavailableReason()));
            descriptionField.setPrefRowCount(1);
        }
        if (!viewModel.expiryEditable()) {
            quickPicks.setDisable(true);
            datePicker.disableProperty().unbind();
            datePicker.setDisable(true);
            neverBox.setDisable(true);
            expirySummary.textProperty().unbind();
            expirySummary.setText(viewModel.expiryUnavailableReason());
        }
        matrix.disableProperty().bind(viewModel.loadedProperty().not().or(viewModel.busyProperty()));
    }

    private static void bindError(Label label, javafx.beans.value.ObservableStringValue error) {
        label.textProperty().bind(Bindings.createStringBinding(error::get, error));
        ExpiryControls.showWhenText(label);
    }

    void focusFirstField() {
        nameField.requestFocus();
    }

    @FXML
    private void onSave() {
        viewModel.save(onSaved);
    }

    @FXML
    private void onReload() {
        viewModel.reload();
    }

    @FXML
    private void onReapply() {
        viewModel.reapply();
    }

    /**
     * Cancel, Stop and Esc: the dialog's close request decides (it asks first when something would
     * be lost, or when a request is in flight), so no key press skips the question.
     */
    @FXML
    private void onCancel() {
        close.run();
    }
}
