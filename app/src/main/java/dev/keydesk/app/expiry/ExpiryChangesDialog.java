package dev.keydesk.app.expiry;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Theme;
import dev.keydesk.app.keys.GatedButton;
import dev.keydesk.core.expiry.ExpiryApplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The extend and spread dialog: inputs on top, the per-key preview in the middle (each key's
 * outcome once sent), and Apply / Close. While the changes are sent it shows progress and Cancel,
 * and closing it stops the batch after the key in flight.
 */
public final class ExpiryChangesDialog {

    public static final String STYLE_CLASS = "expiry-changes";

    private final ExpiryChangesViewModel changes;
    private final Stage stage = new Stage();

    @FXML private Label titleLabel;
    @FXML private Label policyLabel;
    @FXML private javafx.scene.layout.VBox extendInputs;
    @FXML private RadioButton byDaysRadio;
    @FXML private RadioButton toDateRadio;
    @FXML private Spinner<Integer> daysSpinner;
    @FXML private DatePicker datePicker;
    @FXML private HBox spreadInputs;
    @FXML private DatePicker firstPicker;
    @FXML private DatePicker lastPicker;
    @FXML private Label firstLabel;
    @FXML private Label lastLabel;
    @FXML private Label inputError;
    @FXML private TableView<ExpiryChangesViewModel.Row> preview;
    @FXML private TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> nameColumn;
    @FXML private TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> prefixColumn;
    @FXML private TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> fromColumn;
    @FXML private TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> toColumn;
    @FXML private TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> noteColumn;
    @FXML private Label summaryLabel;
    @FXML private Label spreadLabel;
    @FXML private HBox progressBox;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Button cancelButton;
    @FXML private StackPane applyWrap;
    @FXML private Button applyButton;
    @FXML private Button closeButton;

    private ExpiryChangesDialog(ExpiryChangesViewModel changes) {
        this.changes = changes;
    }

    /** Opens the extend dialog for {@code vm} over {@code owner}; returns its window. */
    public static Stage open(Window owner, ExtendViewModel vm) {
        ExpiryChangesDialog d = new ExpiryChangesDialog(vm.changes());
        d.load(owner, vm.title(), vm.policyText());
        d.bindExtend(vm);
        d.stage.show();
        return d.stage;
    }

    /** Opens the spread dialog for {@code vm} over {@code owner}; returns its window. */
    public static Stage open(Window owner, SpreadViewModel vm) {
        ExpiryChangesDialog d = new ExpiryChangesDialog(vm.changes());
        d.load(owner, vm.title(), vm.policyText());
        d.bindSpread(vm);
        d.stage.show();
        return d.stage;
    }

    private void load(Window owner, String title, String policy) {
        FXMLLoader loader = new FXMLLoader(ExpiryChangesDialog.class.getResource("ExpiryChangesDialog.fxml"));
        loader.setController(this);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("ExpiryChangesDialog.fxml could not be loaded", e);
        }
        Scene scene = new Scene(root);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        if (owner != null) {
            stage.initOwner(owner);
            stage.getIcons().setAll(owner instanceof Stage s ? s.getIcons() : java.util.List.of());
        }
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(title);
        titleLabel.setText(title);
        policyLabel.setText(policy);
        stage.setOnCloseRequest(e -> {
            if (changes.busyProperty().get()) {
                // Closing mid-batch stops it after the key in flight; the dialog stays to report.
                e.consume();
                changes.cancel();
            }
        });
    }

    @FXML
    private void initialize() {
        column(nameColumn, ExpiryChangesViewModel.Row::name,
                Comparator.comparing(ExpiryChangesViewModel.Row::name, String.CASE_INSENSITIVE_ORDER));
        column(prefixColumn, ExpiryChangesViewModel.Row::prefix, Comparator.comparing(ExpiryChangesViewModel.Row::prefix));
        column(fromColumn, ExpiryChangesViewModel.Row::fromText, Comparator.comparing(r -> r.change().from(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        column(toColumn, ExpiryChangesViewModel.Row::toText, Comparator.comparing(r -> r.change().to(),
                Comparator.nullsLast(Comparator.naturalOrder())));
        column(noteColumn, ExpiryChangesViewModel.Row::outcomeText,
                Comparator.comparing(ExpiryChangesViewModel.Row::outcomeText));
        prefixColumn.getStyleClass().add("monospace");
        prefixColumn.setVisible(changes.prefixesShown());
        // Sortable by any column; the view model's order (the proposal's) until a header is clicked.
        SortedList<ExpiryChangesViewModel.Row> sorted = new SortedList<>(changes.rows());
        sorted.comparatorProperty().bind(preview.comparatorProperty());
        preview.setItems(sorted);
        preview.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        preview.setPlaceholder(new Label("No key to preview"));
        preview.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ExpiryChangesViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("change-skipped", "change-refused", "change-done");
                if (empty || row == null) {
                    return;
                }
                if (!row.sends()) {
                    getStyleClass().add("change-skipped");
                } else if (row.outcome() == ExpiryApplier.Result.UPDATED) {
                    getStyleClass().add("change-done");
                } else if (row.outcome() != null) {
                    getStyleClass().add("change-refused");
                }
            }
        });
        noteColumn.textProperty().bind(Bindings.createStringBinding(
                () -> changes.phaseProperty().get() == ExpiryChangesViewModel.Phase.DONE ? "Outcome" : "Note",
                changes.phaseProperty()));

        inputError.textProperty().bind(changes.inputErrorProperty());
        inputError.visibleProperty().bind(changes.inputErrorProperty().isNotEmpty());
        inputError.managedProperty().bind(inputError.visibleProperty());
        summaryLabel.textProperty().bind(changes.summaryProperty());

        progressBox.visibleProperty().bind(changes.busyProperty());
        progressBox.managedProperty().bind(progressBox.visibleProperty());
        progressBar.progressProperty().bind(changes.progressProperty());
        progressLabel.textProperty().bind(changes.progressMessageProperty());
        cancelButton.setGraphic(Icons.icon(Icons.CLEAR));

        applyButton.setGraphic(Icons.icon(Icons.EXTEND));
        applyButton.textProperty().bind(Bindings.createStringBinding(() -> applyText(),
                changes.summaryProperty(), changes.phaseProperty()));
        GatedButton.bind(applyWrap, applyButton, changes.applyActionProperty(), "Send these changes to the server");
        closeButton.disableProperty().bind(changes.busyProperty());
        changes.phaseProperty().addListener((obs, old, phase) -> {
            if (phase == ExpiryChangesViewModel.Phase.DONE) {
                closeButton.setDefaultButton(true);
                closeButton.requestFocus();
            }
        });
    }

    private String applyText() {
        int n = changes.toSend();
        return n == 0 ? "Apply" : "Change " + n + (n == 1 ? " key" : " keys");
    }

    private void bindExtend(ExtendViewModel vm) {
        spreadInputs.setVisible(false);
        spreadInputs.setManaged(false);
        ToggleGroup mode = new ToggleGroup();
        byDaysRadio.setToggleGroup(mode);
        toDateRadio.setToggleGroup(mode);
        (vm.modeProperty().get() == ExtendViewModel.Mode.BY_DAYS ? byDaysRadio : toDateRadio).setSelected(true);
        mode.selectedToggleProperty().addListener((obs, old, t) -> vm.modeProperty().set(
                t == toDateRadio ? ExtendViewModel.Mode.TO_DATE : ExtendViewModel.Mode.BY_DAYS));
        daysSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, vm.maxDays(),
                vm.daysProperty().get()));
        daysSpinner.getValueFactory().valueProperty().bindBidirectional(vm.daysProperty());
        commitOnFocusLoss(daysSpinner);
        daysSpinner.disableProperty().bind(toDateRadio.selectedProperty());
        restrict(datePicker, vm::dateAllowed);
        datePicker.valueProperty().bindBidirectional(vm.dateProperty());
        datePicker.disableProperty().bind(byDaysRadio.selectedProperty());
        lockInputsWhileSending(extendInputs);
        spreadLabel.setVisible(false);
        spreadLabel.setManaged(false);
    }

    private void bindSpread(SpreadViewModel vm) {
        extendInputs.setVisible(false);
        extendInputs.setManaged(false);
        restrict(firstPicker, vm::dateAllowed);
        restrict(lastPicker, vm::dateAllowed);
        firstLabel.setLabelFor(firstPicker);
        lastLabel.setLabelFor(lastPicker);
        firstPicker.valueProperty().bindBidirectional(vm.firstProperty());
        lastPicker.valueProperty().bindBidirectional(vm.lastProperty());
        lockInputsWhileSending(spreadInputs);
        spreadLabel.textProperty().bind(vm.spreadTextProperty());
    }

    private void lockInputsWhileSending(javafx.scene.layout.Region inputs) {
        inputs.disableProperty().bind(changes.phaseProperty().isNotEqualTo(ExpiryChangesViewModel.Phase.PREVIEW));
    }

    @FXML
    private void apply() {
        changes.apply();
    }

    @FXML
    private void cancel() {
        changes.cancel();
    }

    @FXML
    private void close() {
        if (!changes.busyProperty().get()) {
            stage.close();
        }
    }

    /** Days the policy does not allow are greyed out in the picker's popup. */
    private static void restrict(DatePicker picker, Predicate<LocalDate> allowed) {
        picker.setDayCellFactory(p -> new DateCell() {
            @Override
            public void updateItem(LocalDate item, boolean empty) {
                super.updateItem(item, empty);
                setDisable(empty || !allowed.test(item));
            }
        });
        // A typed date counts when focus leaves the field, not only on Enter.
        picker.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                try {
                    picker.setValue(picker.getConverter().fromString(picker.getEditor().getText()));
                } catch (RuntimeException e) {
                    picker.getEditor().setText(picker.getConverter().toString(picker.getValue()));
                }
            }
        });
    }

    private static void commitOnFocusLoss(Spinner<Integer> spinner) {
        spinner.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                try {
                    spinner.getValueFactory().setValue(Integer.parseInt(spinner.getEditor().getText().trim()));
                } catch (NumberFormatException e) {
                    spinner.getEditor().setText(String.valueOf(spinner.getValue()));
                }
            }
        });
    }

    private static void column(TableColumn<ExpiryChangesViewModel.Row, ExpiryChangesViewModel.Row> column,
                               Function<ExpiryChangesViewModel.Row, String> text,
                               Comparator<ExpiryChangesViewModel.Row> order) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ExpiryChangesViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        column.setComparator(order);
    }
}
