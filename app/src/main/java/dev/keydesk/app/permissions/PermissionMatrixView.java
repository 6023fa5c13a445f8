package dev.keydesk.app.permissions;

import dev.keydesk.app.permissions.PermissionMatrixViewModel.CategoryRow;
import dev.keydesk.app.permissions.PermissionMatrixViewModel.Hint;
import dev.keydesk.app.permissions.PermissionMatrixViewModel.HintLevel;
import dev.keydesk.app.permissions.PermissionMatrixViewModel.ResourceRow;
import dev.keydesk.app.permissions.PermissionMatrixViewModel.Row;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The permission-matrix editor: resources (grouped by category) down, access levels across, one
 * check box per cell. Editable in the create and edit dialogs, read-only elsewhere (the view
 * model decides). A grid of check boxes rather than a table: the catalog is small (tens of rows),
 * and real check boxes give Space, focus and accessibility for free.
 */
public final class PermissionMatrixView extends VBox {

    public static final String STYLESHEET =
            Objects.requireNonNull(PermissionMatrixView.class.getResource("permissions.css")).toExternalForm();

    private final PermissionMatrixViewModel viewModel;
    /** Cell check boxes by permission, to follow selection changes. */
    private final Map<Permission, CheckBox> cells = new HashMap<>();
    /** The cells in grid order (row-major, null where a cell is missing) for arrow-key moves. */
    private final List<CheckBox[]> cellRows = new ArrayList<>();
    private final Map<Permission, CheckBox> unknownCells = new HashMap<>();
    /** The note under each cell (the review's usage overlay); empty and unmanaged when there is none. */
    private final Map<Permission, Label> noteLabels = new HashMap<>();

    @FXML private HBox toolbar;
    @FXML private TextField searchField;
    @FXML private MenuButton presetsButton;
    @FXML private CheckBox adminAllBox;
    @FXML private Label countLabel;
    @FXML private Label presetLabel;
    @FXML private Label riskLabel;
    @FXML private Label hintLabel;
    @FXML private Label diffLabel;
    @FXML private Label errorLabel;
    @FXML private ScrollPane scroller;
    @FXML private GridPane grid;
    @FXML private VBox unknownBox;
    @FXML private FlowPane unknownPane;

    public PermissionMatrixView(PermissionMatrixViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        FXMLLoader loader = new FXMLLoader(PermissionMatrixView.class.getResource("PermissionMatrixView.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        getStylesheets().add(STYLESHEET);
        bind();
    }

    public PermissionMatrixViewModel viewModel() {
        return viewModel;
    }

    /** The check box of one cell (tests and focus handling). */
    public CheckBox cell(Permission p) {
        return cells.get(p);
    }

    private void bind() {
        boolean editable = viewModel.isEditable();
        toolbar.setVisible(true);
        if (!editable) {
            getStyleClass().add("read-only");
            presetsButton.setVisible(false);
            presetsButton.setManaged(false);
            adminAllBox.setDisable(true);
        }
        searchField.textProperty().bindBidirectional(viewModel.searchTextProperty());
        countLabel.textProperty().bind(viewModel.countTextProperty());
        presetLabel.textProperty().bind(viewModel.presetTextProperty());
        riskLabel.textProperty().bind(viewModel.riskTextProperty());
        FontIcon riskIcon = new FontIcon("mdmz-warning");
        riskIcon.getStyleClass().add("risky-icon");
        riskLabel.graphicProperty().bind(javafx.beans.binding.Bindings.when(
                viewModel.riskTextProperty().isEmpty()).then((Node) null).otherwise(riskIcon));
        diffLabel.textProperty().bind(viewModel.diffTextProperty());
        showWhenText(diffLabel);
        errorLabel.textProperty().bind(viewModel.serverErrorProperty());
        showWhenText(errorLabel);
        viewModel.hintProperty().addListener((obs, old, now) -> showHint(now));
        showHint(viewModel.hintProperty().get());

        for (Preset preset : viewModel.catalog().presets()) {
            MenuItem item = new MenuItem(preset.name());
            item.setMnemonicParsing(false);
            item.setDisable(!viewModel.presetGrantable(preset));
            item.setOnAction(e -> viewModel.applyPreset(preset));
            presetsButton.getItems().add(item);
        }

        adminAllBox.setSelected(viewModel.isSelected(Permission.ADMIN_ALL));
        adminAllBox.setDisable(!viewModel.cellEnabled(Permission.ADMIN_ALL));
        adminAllBox.setTooltip(new Tooltip(viewModel.disabledReason(Permission.ADMIN_ALL)
                .orElse(PermissionMatrixViewModel.riskExplanation(Permission.ADMIN_ALL))));
        adminAllBox.selectedProperty().addListener((obs, old, now) -> viewModel.setAdminAll(now));
        // A dialect without admin:* (Narrative) gets no box for it at all, unless a key somehow holds it.
        boolean noAdminAll = viewModel.adminAllUnavailable().isPresent() && !viewModel.isSelected(Permission.ADMIN_ALL);
        adminAllBox.setVisible(!noAdminAll);
        adminAllBox.setManaged(!noAdminAll);

        viewModel.selection().addListener((SetChangeListener<Permission>) change -> refreshCells());
        viewModel.baselineProperty().addListener((obs, old, now) -> refreshCells());
        viewModel.visibleRows().addListener((ListChangeListener<Row>) change -> rebuildGrid());
        viewModel.unknownPermissions().addListener((ListChangeListener<Permission>) change -> rebuildUnknown());
        viewModel.notes().addListener((javafx.collections.MapChangeListener<Permission, PermissionMatrixViewModel.CellNote>)
                change -> refreshNotes());

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(e)) {
                searchField.requestFocus();
                e.consume();
            }
        });
        rebuildGrid();
        rebuildUnknown();
    }

    private static void showWhenText(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private void showHint(Hint hint) {
        hintLabel.getStyleClass().removeAll("hint-info", "hint-warning", "hint-danger");
        boolean show = hint.level() != HintLevel.NONE;
        hintLabel.setVisible(show);
        hintLabel.setManaged(show);
        hintLabel.setText(hint.text());
        if (show) {
            hintLabel.getStyleClass().add("hint-" + hint.level().name().toLowerCase(java.util.Locale.ROOT));
            hintLabel.setGraphic(new FontIcon(hint.level() == HintLevel.INFO ? "mdal-info" : "mdmz-warning"));
        }
    }

    private void rebuildGrid() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        cells.clear();
        cellRows.clear();
        noteLabels.clear();
        List<String> levels = viewModel.catalog().accessLevels();
        ColumnConstraints name = new ColumnConstraints();
        name.setHgrow(Priority.ALWAYS);
        name.setMinWidth(180);
        grid.getColumnConstraints().add(name);
        for (int i = 0; i <= levels.size(); i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setMinWidth(90);
            c.setHalignment(HPos.CENTER);
            grid.getColumnConstraints().add(c);
        }

        int row = 0;
        grid.add(header("Resource"), 0, row);
        for (int col = 0; col < levels.size(); col++) {
            String level = levels.get(col);
            Node header = viewModel.isEditable()
                    ? toggleButton(capitalize(level), "Tick or untick " + level + " for every resource shown",
                            "toggle column " + level, () -> viewModel.toggleColumn(level))
                    : header(capitalize(level));
            grid.add(header, col + 1, row);
        }
        row++;
        boolean alt = false;
        for (Row r : viewModel.visibleRows()) {
            if (r instanceof CategoryRow category) {
                Label title = new Label(category.category());
                title.getStyleClass().add("matrix-category");
                grid.add(title, 0, row);
                if (viewModel.isEditable()) {
                    grid.add(toggleButton("All", "Tick or untick everything in " + category.category(),
                            "toggle category " + category.category(),
                            () -> viewModel.toggleCategory(category.category())), levels.size() + 1, row);
                }
                row++;
                alt = false;
            } else if (r instanceof ResourceRow resourceRow) {
                addResourceRow(resourceRow.resource(), levels, row, alt);
                row++;
                alt = !alt;
            }
        }
        refreshCells();
    }

    private void addResourceRow(CatalogResource resource, List<String> levels, int row, boolean alt) {
        Label label = new Label(resource.label());
        Label description = new Label(resource.name());
        description.getStyleClass().add("matrix-resource-description");
        VBox nameBox = new VBox(0, label, description);
        Tooltip.install(nameBox, new Tooltip(resource.description()));
        if (alt) {
            nameBox.getStyleClass().add("matrix-row-alt");
        }
        grid.add(nameBox, 0, row);
        CheckBox[] rowCells = new CheckBox[levels.size()];
        for (int col = 0; col < levels.size(); col++) {
            Permission p = Permission.of(resource.name(), levels.get(col));
            CheckBox box = new CheckBox();
            box.setMnemonicParsing(false);
            box.setAccessibleText(resource.name() + " " + levels.get(col));
            box.setId("perm-" + resource.name() + "-" + levels.get(col));
            boolean supported = viewModel.supported(resource.name(), levels.get(col));
            box.getStyleClass().add(supported ? "supported" : "unsupported");
            if (supported && viewModel.risky(p)) {
                box.getStyleClass().add("risky");
            }
            box.selectedProperty().addListener((obs, old, now) -> {
                viewModel.setSelected(p, now);
                // The view model may refuse (e.g. not grantable): show what it holds.
                if (box.isSelected() != viewModel.isSelected(p)) {
                    box.setSelected(viewModel.isSelected(p));
                }
            });
            int r = cellRows.size();
            int c = col;
            box.addEventFilter(KeyEvent.KEY_PRESSED, e -> moveFocus(e, r, c));
            cells.put(p, box);
            rowCells[col] = box;
            Label note = new Label();
            note.getStyleClass().add("matrix-cell-note");
            note.setMnemonicParsing(false);
            note.setVisible(false);
            note.setManaged(false);
            noteLabels.put(p, note);
            VBox cell = new VBox(0, box, note);
            cell.setAlignment(Pos.CENTER);
            grid.add(cell, col + 1, row);
            GridPane.setHalignment(cell, HPos.CENTER);
        }
        cellRows.add(rowCells);
        if (viewModel.isEditable()) {
            grid.add(toggleButton("Row", "Tick or untick every level of " + resource.label(),
                    "toggle row " + resource.name(), () -> viewModel.toggleRow(resource.name())),
                    levels.size() + 1, row);
        }
    }

    private void refreshNotes() {
        noteLabels.forEach((p, label) -> {
            label.getStyleClass().setAll("label", "matrix-cell-note");
            var note = viewModel.note(p);
            label.setText(note.map(PermissionMatrixViewModel.CellNote::text).orElse(""));
            note.ifPresent(n -> {
                label.getStyleClass().addAll(n.styleClasses());
                label.setTooltip(n.tooltip() == null ? null : new Tooltip(n.tooltip()));
            });
            label.setVisible(note.isPresent());
            label.setManaged(note.isPresent());
        });
    }

    private void refreshCells() {
        refreshNotes();
        cells.forEach(this::refreshCell);
        unknownCells.forEach(this::refreshCell);
        adminAllBox.setSelected(viewModel.isSelected(Permission.ADMIN_ALL));
        adminAllBox.setDisable(!viewModel.cellEnabled(Permission.ADMIN_ALL));
    }

    private void refreshCell(Permission p, CheckBox box) {
        box.setSelected(viewModel.isSelected(p));
        box.setDisable(!viewModel.cellEnabled(p));
        box.getStyleClass().removeAll("perm-added", "perm-removed");
        String text = "";
        String accessible = p.resource() + " " + p.access();
        switch (viewModel.change(p)) {
            case ADDED -> {
                box.getStyleClass().add("perm-added");
                text = "+";
                accessible += ", added";
            }
            case REMOVED -> {
                box.getStyleClass().add("perm-removed");
                text = "\u2212";
                accessible += ", removed";
            }
            case NONE -> { }
        }
        box.setText(unknownCells.containsKey(p) ? (p.value() + " " + text).trim() : text);
        box.setAccessibleText(accessible);
        String tip = viewModel.disabledReason(p).orElse(
                viewModel.risky(p) ? PermissionMatrixViewModel.riskExplanation(p) : p.value());
        box.setTooltip(new Tooltip(tip));
        if (viewModel.risky(p) && viewModel.isSelected(p) && viewModel.supported(p.resource(), p.access())) {
            FontIcon icon = new FontIcon("mdmz-warning");
            icon.getStyleClass().add("risky-icon");
            box.setGraphic(icon);
        } else {
            box.setGraphic(null);
        }
    }

    /** Arrow keys move between cells, skipping cells that cannot take focus. */
    private void moveFocus(KeyEvent e, int row, int col) {
        int dr = 0;
        int dc = 0;
        switch (e.getCode()) {
            case UP -> dr = -1;
            case DOWN -> dr = 1;
            case LEFT -> dc = -1;
            case RIGHT -> dc = 1;
            default -> {
                return;
            }
        }
        int r = row + dr;
        int c = col + dc;
        while (r >= 0 && r < cellRows.size() && c >= 0 && c < cellRows.get(r).length) {
            CheckBox target = cellRows.get(r)[c];
            if (target != null && !target.isDisabled()) {
                target.requestFocus();
                ensureVisible(target);
                break;
            }
            r += dr;
            c += dc;
        }
        e.consume();
    }

    private void ensureVisible(Node node) {
        double contentHeight = grid.getBoundsInLocal().getHeight();
        double viewport = scroller.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double y = node.getBoundsInParent().getMinY();
        double top = scroller.getVvalue() * (contentHeight - viewport);
        if (y < top || y + node.getBoundsInLocal().getHeight() > top + viewport) {
            scroller.setVvalue(Math.max(0, Math.min(1, (y - viewport / 2) / (contentHeight - viewport))));
        }
    }

    private void rebuildUnknown() {
        unknownPane.getChildren().clear();
        unknownCells.clear();
        for (Permission p : viewModel.unknownPermissions()) {
            CheckBox box = new CheckBox(p.value());
            box.setMnemonicParsing(false);
            box.getStyleClass().add("supported");
            box.selectedProperty().addListener((obs, old, now) -> viewModel.setSelected(p, now));
            unknownCells.put(p, box);
            refreshCell(p, box);
            unknownPane.getChildren().add(box);
        }
        boolean any = !viewModel.unknownPermissions().isEmpty();
        unknownBox.setVisible(any);
        unknownBox.setManaged(any);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("matrix-column-header");
        return l;
    }

    private static Button toggleButton(String text, String tooltip, String accessible, Runnable action) {
        Button b = new Button(text);
        b.setMnemonicParsing(false);
        b.getStyleClass().addAll("flat", "small", "matrix-toggle");
        b.setTooltip(new Tooltip(tooltip));
        b.setAccessibleText(accessible);
        b.setOnAction(e -> action.run());
        b.setAlignment(Pos.CENTER);
        return b;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
