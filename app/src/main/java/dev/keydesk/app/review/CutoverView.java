package dev.keydesk.app.review;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.TextCells;
import dev.keydesk.app.review.CutoverViewModel.Row;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Function;

/** Shows {@link CutoverViewModel}: a row per rotation, the selected one's warning and actions. */
public final class CutoverView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final CutoverViewModel vm;

    @FXML private BorderPane root;
    @FXML private Label messageLabel;
    @FXML private Button cutoverRefreshButton;
    @FXML private TableView<Row> cutoverTable;
    @FXML private TableColumn<Row, Row> oldColumn;
    @FXML private TableColumn<Row, Row> newColumn;
    @FXML private TableColumn<Row, Row> stateColumn;
    @FXML private TableColumn<Row, Row> lastUseColumn;
    @FXML private TableColumn<Row, Row> requestsColumn;
    @FXML private TableColumn<Row, Row> addressesColumn;
    @FXML private TableColumn<Row, Row> rotatedColumn;
    @FXML private TableColumn<Row, Row> graceColumn;
    @FXML private Label warningLabel;
    @FXML private Label selectionLabel;
    @FXML private Button revokeEarlyButton;
    @FXML private Button forgetButton;

    public CutoverView(CutoverViewModel vm) {
        this.vm = Objects.requireNonNull(vm, "vm");
    }

    @FXML
    private void initialize() {
        cutoverRefreshButton.setGraphic(Icons.icon(Icons.REFRESH));
        cutoverRefreshButton.setTooltip(new Tooltip("Ask the server again (F5)"));
        messageLabel.textProperty().bind(vm.messageProperty());
        cutoverTable.setItems(vm.rows());
        cutoverTable.setPlaceholder(new Label("No rotation is in grace. Rotate keys from the Review tab; their old keys "
                + "are followed here until they are gone."));
        column(oldColumn, Row::oldText, r -> null);
        column(newColumn, Row::newText, r -> r.status() != null && r.status().newUsed() ? "cutover-new-used" : null);
        column(stateColumn, Row::stateText, r -> !r.open() ? "cutover-done" : r.busy() ? "cutover-busy" : "cutover-quiet");
        column(lastUseColumn, r -> r.lastUseText(vm.now()), r -> null);
        column(requestsColumn, Row::requestsSinceText, r -> "numeric");
        column(addressesColumn, Row::addressesText, r -> "monospace");
        column(rotatedColumn, r -> WHEN.format(r.cutover().rotatedAt()), r -> null);
        column(graceColumn, r -> r.open() ? r.graceText(vm.now()) : "—",
                r -> r.warning() != null ? "cutover-warning-cell" : null);
        cutoverTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        cutoverTable.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, item) -> {
                row.getStyleClass().remove("cutover-row-warning");
                if (item != null && item.warning() != null) {
                    row.getStyleClass().add("cutover-row-warning");
                }
            });
            return row;
        });
        cutoverTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showSelected(row));
        vm.rows().addListener((javafx.collections.ListChangeListener<Row>) c -> {
            if (cutoverTable.getSelectionModel().isEmpty() && !vm.rows().isEmpty()) {
                cutoverTable.getSelectionModel().select(0);
            }
            showSelected(cutoverTable.getSelectionModel().getSelectedItem());
        });
        revokeEarlyButton.setGraphic(Icons.icon(Icons.REVOKE));
        revokeEarlyButton.getStyleClass().addAll(atlantafx.base.theme.Styles.DANGER,
                atlantafx.base.theme.Styles.BUTTON_OUTLINED);
        vm.busyProperty().addListener((obs, was, busy) -> showSelected(cutoverTable.getSelectionModel().getSelectedItem()));
        showSelected(null);
    }

    private void showSelected(Row row) {
        var state = vm.revokeEarlyState(row);
        revokeEarlyButton.setDisable(!state.enabled() || vm.busyProperty().get());
        revokeEarlyButton.setText(row != null && row.open() && !row.busy() && row.status() != null
                ? "Revoke old key now (quiet)" : "Revoke old key now…");
        revokeEarlyButton.setTooltip(new Tooltip(state.enabled()
                ? "Revokes the old key at once when it is quiet; asks first when it was used within the last hour"
                : state.reason()));
        forgetButton.setDisable(row == null || vm.busyProperty().get());
        String warning = row == null ? null : row.warning();
        warningLabel.setText(warning == null ? "" : warning);
        warningLabel.setVisible(warning != null);
        warningLabel.setManaged(warning != null);
        if (warningLabel.getGraphic() == null) {
            warningLabel.setGraphic(Icons.icon(Icons.WARNING));
        }
        selectionLabel.setText(row == null ? "" : describe(row));
    }

    private String describe(Row row) {
        if (!row.open()) {
            return row.oldText() + ": " + row.stateText().toLowerCase(java.util.Locale.ROOT)
                    + ". The replacement is " + row.newText() + ".";
        }
        if (row.status() == null) {
            return row.error() != null ? "Could not check " + row.oldText() + ": " + row.error() : "";
        }
        String old = row.status().oldUsedSince()
                ? row.oldText() + " is still used since the rotation: " + row.requestsSinceText() + " requests, last "
                + row.lastUseText(vm.now()) + (row.addressesText().isEmpty() ? "" : " from " + row.addressesText()) + "."
                : row.oldText() + " has not been used since the rotation.";
        String replacement = row.status().newUsed() ? " The replacement is in use." : " The replacement is not used yet.";
        return old + replacement;
    }

    private static void column(TableColumn<Row, Row> column, Function<Row, String> text, Function<Row, String> style) {
        TextCells.bind(column, text, style, true);
    }

    @FXML
    public void refresh() {
        vm.refresh();
    }

    @FXML
    private void revokeEarly() {
        vm.revokeEarly(cutoverTable.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void forget() {
        vm.forget(cutoverTable.getSelectionModel().getSelectedItem());
    }
}
