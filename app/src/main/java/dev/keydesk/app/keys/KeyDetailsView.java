package dev.keydesk.app.keys;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Styles;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
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
    @FXML private ListView<AuditEvent> auditList;

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

        auditList.setItems(vm.auditEvents());
        auditList.setCellFactory(list -> new AuditEventCell(list));
        auditList.setPlaceholder(new Label(""));
        auditMessage.textProperty().bind(vm.auditMessageProperty());
        auditMessage.managedProperty().bind(auditMessage.textProperty().isNotEmpty());
        auditMessage.visibleProperty().bind(auditMessage.managedProperty());
        auditList.visibleProperty().bind(vm.auditStateProperty().isEqualTo(KeyDetailsViewModel.AuditState.LOADED)
                .and(javafx.beans.binding.Bindings.isNotEmpty(vm.auditEvents())));
        auditList.managedProperty().bind(auditList.visibleProperty());
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

    /** One audit event in two lines, wrapped to the list's width. */
    private final class AuditEventCell extends ListCell<AuditEvent> {
        private final Label headline = new Label();
        private final Label details = new Label();
        private final VBox box = new VBox(2, headline, details);

        AuditEventCell(ListView<AuditEvent> list) {
            headline.getStyleClass().add("audit-headline");
            details.getStyleClass().add(Styles.MUTED);
            details.setWrapText(true);
            details.setMinHeight(Region.USE_PREF_SIZE); // grow a line rather than cut it
            // Wrap within the list, not past it (the cell's width follows its content otherwise).
            box.maxWidthProperty().bind(list.widthProperty().subtract(30));
            details.maxWidthProperty().bind(box.maxWidthProperty());
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(AuditEvent event, boolean empty) {
            super.updateItem(event, empty);
            if (empty || event == null) {
                setGraphic(null);
                return;
            }
            headline.setText(vm.auditHeadline(event));
            details.setText(vm.auditDetails(event));
            details.setManaged(!details.getText().isEmpty());
            details.setVisible(details.isManaged());
            setGraphic(box);
        }
    }
}
