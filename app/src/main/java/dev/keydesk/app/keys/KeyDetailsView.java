package dev.keydesk.app.keys;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Styles;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shows {@link KeyDetailsViewModel}: fields, the read-only permission matrix, audit events. */
public final class KeyDetailsView {

    private final KeyDetailsViewModel vm;

    @FXML private Label nothingSelected;
    @FXML private ScrollPane scroll;
    @FXML private Label title;
    @FXML private GridPane fieldGrid;
    @FXML private Label adminNote;
    @FXML private GridPane matrixGrid;
    @FXML private Label unknownPermissions;
    @FXML private Label auditMessage;
    @FXML private TableView<AuditEvent> auditTable;
    @FXML private TableColumn<AuditEvent, String> auditWhen;
    @FXML private TableColumn<AuditEvent, String> auditType;
    @FXML private TableColumn<AuditEvent, String> auditIp;
    @FXML private TableColumn<AuditEvent, String> auditActor;
    @FXML private TableColumn<AuditEvent, String> auditDetail;

    public KeyDetailsView(KeyDetailsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        scroll.visibleProperty().bind(vm.keyProperty().isNotNull());
        nothingSelected.visibleProperty().bind(vm.keyProperty().isNull());
        title.textProperty().bind(vm.keyProperty().map(ApiKey::name).orElse(""));
        vm.fields().addListener((ListChangeListener<KeyDetailsViewModel.Field>) c -> showFields());
        showFields();
        vm.matrixProperty().addListener((obs, old, m) -> showMatrix(m));
        showMatrix(vm.matrixProperty().get());

        auditTable.setItems(vm.auditEvents());
        auditWhen.setCellValueFactory(c -> new ReadOnlyStringWrapper(vm.relative(c.getValue().at())));
        auditType.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        auditIp.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().ip()));
        auditActor.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actorKeyId()));
        auditDetail.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detailSummary()));
        auditTable.setRowFactory(t -> {
            // The pane is narrow: the whole event, detail included, is in the row's tooltip.
            TableRow<AuditEvent> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, e) -> row.setTooltip(e == null ? null
                    : new Tooltip(e.type() + " · " + vm.relative(e.at())
                            + (e.ip() == null ? "" : " · " + e.ip())
                            + (e.detailSummary().isEmpty() ? "" : "\n" + e.detailSummary()))));
            return row;
        });
        auditTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        auditTable.setPlaceholder(new Label(""));
        auditMessage.textProperty().bind(vm.auditMessageProperty());
        auditMessage.managedProperty().bind(auditMessage.textProperty().isNotEmpty());
        auditMessage.visibleProperty().bind(auditMessage.managedProperty());
        auditTable.visibleProperty().bind(vm.auditStateProperty().isEqualTo(KeyDetailsViewModel.AuditState.LOADED)
                .and(javafx.beans.binding.Bindings.isNotEmpty(vm.auditEvents())));
        auditTable.managedProperty().bind(auditTable.visibleProperty());
    }

    private void showFields() {
        fieldGrid.getChildren().clear();
        int row = 0;
        for (KeyDetailsViewModel.Field f : vm.fields()) {
            Label label = new Label(f.label());
            label.getStyleClass().add(Styles.MUTED);
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.setWrapText(true);
            label.setLabelFor(value);
            fieldGrid.addRow(row++, label, value);
        }
    }

    private void showMatrix(KeyDetailsViewModel.Matrix m) {
        matrixGrid.getChildren().clear();
        adminNote.setVisible(m.admin());
        adminNote.setManaged(m.admin());
        int row = 0;
        if (!m.categories().isEmpty()) {
            for (int col = 0; col < m.accessLevels().size(); col++) {
                Label header = new Label(m.accessLevels().get(col));
                header.getStyleClass().add("matrix-header");
                matrixGrid.add(header, col + 1, row);
            }
            row++;
        }
        for (KeyDetailsViewModel.MatrixCategory category : m.categories()) {
            Label name = new Label(category.name());
            name.getStyleClass().add("matrix-category");
            matrixGrid.add(name, 0, row++, m.accessLevels().size() + 1, 1);
            for (KeyDetailsViewModel.MatrixRow r : category.rows()) {
                Label resource = new Label(r.label());
                if (r.risky()) {
                    resource.getStyleClass().add(Styles.RISK_WRITE);
                }
                matrixGrid.add(resource, 0, row);
                for (int col = 0; col < r.cells().size(); col++) {
                    matrixGrid.add(cell(r, m.accessLevels().get(col), r.cells().get(col)), col + 1, row);
                }
                row++;
            }
        }
        if (m.unknown().isEmpty()) {
            unknownPermissions.setText("");
            unknownPermissions.setManaged(false);
        } else {
            unknownPermissions.setText("Unknown: " + String.join(", ", m.unknown()));
            unknownPermissions.setManaged(true);
        }
    }

    private static javafx.scene.Node cell(KeyDetailsViewModel.MatrixRow row, String level,
                                          KeyDetailsViewModel.Cell cell) {
        javafx.scene.Node node;
        String accessible;
        switch (cell) {
            case GRANTED -> {
                FontIcon icon = Icons.icon(Icons.CHECK);
                icon.getStyleClass().add("matrix-granted");
                node = new Label("", icon);
                accessible = row.label() + " " + level + ": granted";
            }
            case NOT_GRANTED -> {
                node = new Label("·");
                node.getStyleClass().add("matrix-not-granted");
                accessible = row.label() + " " + level + ": not granted";
            }
            default -> {
                node = new Label("n/a");
                node.getStyleClass().addAll("matrix-unsupported", Styles.MUTED);
                accessible = row.label() + " has no " + level + " access";
            }
        }
        node.setAccessibleText(accessible);
        return node;
    }
}
