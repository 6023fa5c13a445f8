package dev.keydesk.app.editor;

import dev.keydesk.app.permissions.PermissionMatrixView;
import dev.keydesk.client.model.CreatedKey;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The create form's view (controller of {@code CreateKeyDialog.fxml}): binds the fields to the
 * {@link CreateKeyViewModel} and forwards the buttons. Field errors appear once the person has
 * touched the field (or tried to create), so an empty form does not start out red.
 */
public final class CreateKeyDialog {

    private final CreateKeyViewModel viewModel;
    private final Consumer<CreatedKey> onCreated;
    private final Runnable close;

    @FXML private TextField nameField;
    @FXML private Label nameError;
    @FXML private TextArea descriptionField;
    @FXML private Label descriptionError;
    @FXML private ComboBox<String> typeBox;
    @FXML private Label typeHint;
    @FXML private Label typeLabel;
    @FXML private HBox typeRow;
    @FXML private HBox quickPicks;
    @FXML private DatePicker datePicker;
    @FXML private CheckBox neverBox;
    @FXML private Label expirySummary;
    @FXML private Label expiryError;
    @FXML private Label permissionsError;
    @FXML private StackPane matrixHolder;
    @FXML private Label orphanNotice;
    @FXML private Label generalError;
    @FXML private ProgressIndicator progress;
    @FXML private Label progressText;
    @FXML private Button cancelButton;
    @FXML private Label headerTitle;
    @FXML private Label headerNote;
    @FXML private Button createButton;

    private final javafx.beans.property.BooleanProperty nameTouched = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.BooleanProperty permissionsTouched = new javafx.beans.property.SimpleBooleanProperty();

    /** {@code close} closes the window; {@code onCreated} gets the result (the secret dialog follows). */
    public CreateKeyDialog(CreateKeyViewModel viewModel, Consumer<CreatedKey> onCreated, Runnable close) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.onCreated = Objects.requireNonNull(onCreated, "onCreated");
        this.close = Objects.requireNonNull(close, "close");
    }

    public CreateKeyViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        headerTitle.setText(viewModel.title());
        headerNote.setText(viewModel.headerNote());
        nameField.textProperty().bindBidirectional(viewModel.nameProperty());
        descriptionField.textProperty().bindBidirectional(viewModel.descriptionProperty());
        nameField.textProperty().addListener((obs, old, now) -> nameTouched.set(true));
        nameError.textProperty().bind(Bindings.when(nameTouched)
                .then(Bindings.createStringBinding(() -> viewModel.nameErrorProperty().get(), viewModel.nameErrorProperty()))
                .otherwise(""));
        ExpiryControls.showWhenText(nameError);
        descriptionError.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.descriptionErrorProperty().get(), viewModel.descriptionErrorProperty()));
        ExpiryControls.showWhenText(descriptionError);

        typeBox.getItems().setAll(viewModel.keyTypes());
        typeBox.valueProperty().bindBidirectional(viewModel.typeProperty());
        typeHint.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.typeHint(viewModel.typeProperty().get()), viewModel.typeProperty()));
        // What the server cannot store is not offered: the type row goes, the description says why.
        typeLabel.setVisible(viewModel.typesAvailable());
        typeLabel.setManaged(viewModel.typesAvailable());
        typeRow.setVisible(viewModel.typesAvailable());
        typeRow.setManaged(viewModel.typesAvailable());
        if (!viewModel.descriptionAvailable()) {
            descriptionField.setPromptText(viewModel.descriptionUnavailableReason());
            descriptionField.setTooltip(new javafx.scene.control.Tooltip(viewModel.descriptionUnavailableReason()));
            descriptionField.setPrefRowCount(1);
        }

        ExpiryControls.bind(viewModel.expiry(), quickPicks, datePicker, neverBox, expirySummary);
        expiryError.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.expiryErrorProperty().get(), viewModel.expiryErrorProperty()));
        ExpiryControls.showWhenText(expiryError);

        PermissionMatrixView matrix = new PermissionMatrixView(viewModel.matrix());
        matrixHolder.getChildren().setAll(matrix);
        viewModel.matrix().selection().addListener((javafx.collections.SetChangeListener<dev.keydesk.client.model.Permission>)
                c -> permissionsTouched.set(true));
        permissionsError.textProperty().bind(Bindings.when(permissionsTouched.or(nameTouched))
                .then(Bindings.createStringBinding(() -> viewModel.permissionsErrorProperty().get(),
                        viewModel.permissionsErrorProperty()))
                .otherwise(""));

        generalError.textProperty().bind(viewModel.generalErrorProperty());
        orphanNotice.textProperty().bind(viewModel.orphanNoticeProperty());
        ExpiryControls.showWhenText(orphanNotice);
        progress.visibleProperty().bind(viewModel.busyProperty());
        progressText.textProperty().bind(viewModel.progressTextProperty());
        createButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !viewModel.validProperty().get(), viewModel.validProperty()).or(viewModel.busyProperty()));
        createButton.setTooltip(new javafx.scene.control.Tooltip("Create the key (Enter)"));
        cancelButton.textProperty().bind(Bindings.when(viewModel.busyProperty()).then("Stop").otherwise("Cancel"));
        // The form stays usable while the create runs; only the fields that would be sent are locked.
        nameField.disableProperty().bind(viewModel.busyProperty());
        descriptionField.disableProperty().bind(viewModel.busyProperty().or(
                new javafx.beans.property.SimpleBooleanProperty(!viewModel.descriptionAvailable())));
        matrix.disableProperty().bind(viewModel.busyProperty());
    }

    /** Called once the window is showing. */
    void focusFirstField() {
        nameField.requestFocus();
    }

    @FXML
    private void onCreate() {
        nameTouched.set(true);
        permissionsTouched.set(true);
        viewModel.create(onCreated);
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
