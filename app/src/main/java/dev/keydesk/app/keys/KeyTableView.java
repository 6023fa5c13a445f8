package dev.keydesk.app.keys;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Styles;
import dev.keydesk.app.common.TextCells;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.common.UserMessage;
import dev.keydesk.core.rotation.RotationMarker;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The key table, its toolbar, the subset bar ("Expired (10) ✕" while an expiry group narrows the
 * table) and its states. Binds to {@link KeyTableViewModel}; opens the editor
 * through {@link KeyDialogs}, revokes one key through {@link RevokeViewModel}, and hands several
 * keys (and freeze, thaw) to incident response through {@link KeyIncidents}. The main window's
 * menu calls the public action methods, so menu, toolbar and shortcuts share one path. Frozen
 * keys stand out: a tinted row, a snowflake and "frozen" in the status column.
 */
public final class KeyTableView {

    /** Keystrokes are gathered this long before the table is filtered again (100,000 rows). */
    static final Duration FILTER_DELAY = Duration.millis(150);
    /** The details pane follows the selection once it settles (arrow keys held down). */
    static final Duration DETAILS_DELAY = Duration.millis(120);

    private final KeyTableViewModel vm;
    private final KeyDetailsViewModel details;
    private final RevokeViewModel revoke;
    private final KeyDialogs dialogs;
    private final KeyIncidents incidents;
    private final KeyReviews reviews;

    @FXML private StackPane newWrap;
    @FXML private StackPane editWrap;
    @FXML private StackPane revokeWrap;
    @FXML private StackPane refreshWrap;
    @FXML private Button newButton;
    @FXML private Button editButton;
    @FXML private Button revokeButton;
    @FXML private Button refreshButton;
    @FXML private TextField filterField;
    @FXML private ComboBox<Choice<String>> statusFilter;
    @FXML private ComboBox<Choice<String>> typeFilter;
    @FXML private ComboBox<Choice<String>> resourceFilter;
    @FXML private ComboBox<Choice<Integer>> expiryFilter;
    @FXML private Label countLabel;
    @FXML private Label columnsNote;
    @FXML private TableView<KeyRow> table;
    @FXML private TableColumn<KeyRow, KeyRow> nameColumn;
    @FXML private TableColumn<KeyRow, KeyRow> prefixColumn;
    @FXML private TableColumn<KeyRow, KeyRow> typeColumn;
    @FXML private TableColumn<KeyRow, KeyRow> statusColumn;
    @FXML private TableColumn<KeyRow, KeyRow> permissionsColumn;
    @FXML private TableColumn<KeyRow, KeyRow> createdColumn;
    @FXML private TableColumn<KeyRow, KeyRow> expiresColumn;
    @FXML private TableColumn<KeyRow, KeyRow> lastUsedColumn;
    @FXML private TableColumn<KeyRow, KeyRow> todayColumn;
    @FXML private TableColumn<KeyRow, KeyRow> monthColumn;
    @FXML private TableColumn<KeyRow, KeyRow> revokedColumn;
    @FXML private TableColumn<KeyRow, KeyRow> revokedByColumn;
    @FXML private VBox loadingPane;
    @FXML private ProgressIndicator loadingProgress;
    @FXML private Label loadingLabel;
    @FXML private Button cancelLoadButton;
    @FXML private VBox idlePane;
    @FXML private VBox emptyPane;
    @FXML private VBox noMatchPane;
    @FXML private VBox cancelledPane;
    @FXML private HBox subsetBar;
    @FXML private Label subsetLabel;
    @FXML private Button clearSubsetButton;
    @FXML private VBox errorPane;
    @FXML private Label errorTitle;
    @FXML private Label errorWhat;
    @FXML private Label errorSafe;
    @FXML private Label errorToDo;
    @FXML private Label errorRequestId;

    private final PauseTransition filterDelay = new PauseTransition(FILTER_DELAY);
    private final PauseTransition detailsDelay = new PauseTransition(DETAILS_DELAY);
    private boolean restoringSelection;

    public KeyTableView(KeyTableViewModel vm, KeyDetailsViewModel details, RevokeViewModel revoke,
                        KeyDialogs dialogs, KeyIncidents incidents, KeyReviews reviews) {
        this.vm = vm;
        this.details = details;
        this.revoke = revoke;
        this.dialogs = dialogs;
        this.incidents = incidents;
        this.reviews = reviews;
    }

    @FXML
    private void initialize() {
        setUpToolbar();
        setUpFilters();
        setUpColumns();
        setUpTable();
        setUpStates();
        setUpSubset();
        followTheDialect();
    }

    /**
     * Shows only the columns the server has data for (the view model decides which), so that a
     * Narrative token's missing "Last used" never reads as "never used"; the note under the
     * toolbar says what is hidden, its tooltip why.
     */
    private void followTheDialect() {
        java.util.Map<KeyColumn, TableColumn<KeyRow, KeyRow>> byKind = new java.util.EnumMap<>(KeyColumn.class);
        byKind.put(KeyColumn.NAME, nameColumn);
        byKind.put(KeyColumn.PREFIX, prefixColumn);
        byKind.put(KeyColumn.TYPE, typeColumn);
        byKind.put(KeyColumn.STATUS, statusColumn);
        byKind.put(KeyColumn.PERMISSIONS, permissionsColumn);
        byKind.put(KeyColumn.CREATED, createdColumn);
        byKind.put(KeyColumn.EXPIRES, expiresColumn);
        byKind.put(KeyColumn.LAST_USED, lastUsedColumn);
        byKind.put(KeyColumn.TODAY, todayColumn);
        byKind.put(KeyColumn.MONTH, monthColumn);
        Runnable apply = () -> {
            Set<KeyColumn> shown = vm.shownColumnsProperty().get();
            // Out of the table altogether, not just invisible: the table's column menu would offer them back empty.
            List<TableColumn<KeyRow, ?>> columns = new ArrayList<>();
            for (KeyColumn kind : KeyColumn.values()) {
                if (shown.contains(kind)) {
                    columns.add(byKind.get(kind));
                }
            }
            if (!table.getColumns().equals(columns)) {
                table.getSortOrder().removeIf(c -> !columns.contains(c));
                table.getColumns().setAll(columns);
                fitColumnsOrScroll();
            }
        };
        vm.shownColumnsProperty().addListener((obs, old, now) -> apply.run());
        apply.run();

        columnsNote.textProperty().bind(vm.columnsNoteProperty());
        columnsNote.visibleProperty().bind(vm.columnsNoteProperty().isNotEmpty());
        columnsNote.managedProperty().bind(columnsNote.visibleProperty());
        columnsNote.setGraphic(Icons.icon(Icons.INFO));
        Tooltip why = new Tooltip();
        why.setWrapText(true);
        why.setMaxWidth(480);
        why.textProperty().bind(vm.columnsNoteDetailsProperty());
        columnsNote.setTooltip(why);

        typeFilter.visibleProperty().bind(vm.typeFilterShownProperty());
        typeFilter.managedProperty().bind(typeFilter.visibleProperty());
    }

    // ---- actions (also called by the main window's menu) ----------------------------------------

    @FXML
    public void newKey() {
        if (vm.createActionProperty().get().enabled()) {
            dialogs.openCreate(window(), vm::refresh);
        }
    }

    @FXML
    public void editSelected() {
        if (vm.editActionProperty().get().enabled() && vm.selected().size() == 1) {
            dialogs.openEdit(window(), vm.selected().get(0).key(), vm::refresh);
        }
    }

    /** One key: its confirmation here. Several: the Incident workspace, with them as the targets. */
    @FXML
    public void revokeSelected() {
        if (!vm.revokeActionProperty().get().enabled()) {
            return;
        }
        if (vm.selected().size() == 1) {
            revoke.revoke(vm.selected().get(0), vm::refresh);
        } else {
            incidents.planIncident(keysOf(vm.selected()), IncidentAction.REVOKE);
        }
    }

    /** The Incident workspace with the selected keys as its targets (revoke, or another action chosen there). */
    public void incidentFromSelection() {
        if (vm.incidentActionProperty().get().enabled()) {
            incidents.planIncident(keysOf(vm.selected()), IncidentAction.REVOKE);
        }
    }

    /** Freezes the selected keys through the incident engine (asks first). */
    public void freezeSelected() {
        if (vm.freezeActionProperty().get().enabled()) {
            incidents.quickRun(List.copyOf(vm.selected()), IncidentAction.FREEZE, vm::refresh);
        }
    }

    /** Thaws the selected keys through the incident engine (asks first). */
    public void thawSelected() {
        if (vm.thawActionProperty().get().enabled()) {
            incidents.quickRun(List.copyOf(vm.selected()), IncidentAction.THAW, vm::refresh);
        }
    }

    private static List<dev.keydesk.client.model.ApiKey> keysOf(List<KeyRow> rows) {
        return rows.stream().map(KeyRow::key).toList();
    }

    /**
     * Rotation starts with a review: the review workspace comes forward with the selected key, its
     * usage and a proposal; rotating there makes the replacement and gives the old key its grace.
     */
    public void rotateSelected() {
        if (vm.rotateActionProperty().get().enabled()) {
            reviews.review(List.of(vm.selected().get(0).key()), true);
        }
    }

    /** The selected keys into the review workspace. */
    public void reviewSelected() {
        if (vm.reviewActionProperty().get().enabled()) {
            reviews.review(vm.selected().stream().map(KeyRow::key).toList(), false);
        }
    }

    /** Every key the table shows now (after filters): the Incident workspace, with them as the targets of a revoke. */
    public void revokeAllShown() {
        if (vm.revokeAllShownActionProperty().get().enabled()) {
            incidents.planIncident(keysOf(vm.visibleRows()), IncidentAction.REVOKE);
        }
    }

    @FXML
    public void refresh() {
        if (vm.refreshActionProperty().get().enabled()) {
            vm.refresh();
        }
    }

    @FXML
    private void cancelLoad() {
        if (revoke.busyProperty().get()) {
            revoke.cancel();
        } else {
            vm.cancelLoad();
        }
    }

    @FXML
    public void clearFilters() {
        filterDelay.stop();
        filterField.clear();
        vm.clearFilters();
        statusFilter.getSelectionModel().select(0);
        typeFilter.getSelectionModel().select(0);
        resourceFilter.getSelectionModel().select(0);
        expiryFilter.getSelectionModel().select(0);
    }

    private void setUpSubset() {
        subsetBar.visibleProperty().bind(vm.subsetProperty().isNotNull());
        subsetBar.managedProperty().bind(subsetBar.visibleProperty());
        subsetLabel.textProperty().bind(vm.subsetProperty().map(KeySubset::label).orElse(""));
        subsetLabel.setGraphic(Icons.icon(Icons.FILTER));
        clearSubsetButton.setGraphic(Icons.icon(Icons.CLEAR));
        clearSubsetButton.setTooltip(new Tooltip("Show all keys again (Esc)"));
    }

    public void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    public void copySelectedPrefix() {
        if (vm.copyPrefixActionProperty().get().enabled()) {
            copy(KeyRow::prefix);
        }
    }

    public void copySelectedId() {
        copy(KeyRow::id);
    }

    /** The model, for the main window (status bar, menu enablement). */
    public KeyTableViewModel viewModel() {
        return vm;
    }

    private void copy(Function<KeyRow, String> what) {
        if (vm.selected().isEmpty()) {
            return;
        }
        List<String> values = vm.selected().stream().map(what).toList();
        ClipboardContent content = new ClipboardContent();
        content.putString(String.join("\n", values));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private Window window() {
        return table.getScene() == null ? null : table.getScene().getWindow();
    }

    // ---- set-up --------------------------------------------------------------------------------

    private void setUpToolbar() {
        newButton.setGraphic(Icons.icon(Icons.ADD));
        editButton.setGraphic(Icons.icon(Icons.EDIT));
        revokeButton.setGraphic(Icons.icon(Icons.REVOKE));
        // Outlined red: marks the destructive action without shouting from the toolbar all day.
        revokeButton.getStyleClass().addAll(atlantafx.base.theme.Styles.DANGER, atlantafx.base.theme.Styles.BUTTON_OUTLINED);
        refreshButton.setGraphic(Icons.icon(Icons.REFRESH));
        GatedButton.bind(newWrap, newButton, vm.createActionProperty(), "Create a key (Ctrl+N)");
        GatedButton.bind(editWrap, editButton, vm.editActionProperty(), "Edit the selected key (Ctrl+E or Enter)");
        GatedButton.bind(revokeWrap, revokeButton, vm.revokeActionProperty(), "Revoke the selected keys (Delete)");
        GatedButton.bind(refreshWrap, refreshButton, vm.refreshActionProperty(), "Reload the keys (F5 or Ctrl+R)");
        countLabel.textProperty().bind(vm.countTextProperty());
    }

    private void setUpFilters() {
        // Typing re-filters after a short pause, so a burst of keystrokes filters 100,000 rows once.
        filterField.setText(vm.filterTextProperty().get());
        filterDelay.setOnFinished(e -> vm.filterTextProperty().set(filterField.getText()));
        filterField.textProperty().addListener((obs, old, text) -> {
            if (text.isEmpty()) {
                filterDelay.stop();
                vm.filterTextProperty().set("");
            } else {
                filterDelay.playFromStart();
            }
        });
        vm.filterTextProperty().addListener((obs, old, text) -> {
            if (!text.equals(filterField.getText()) && filterDelay.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                filterField.setText(text);
            }
        });
        filterField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                escape();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                // Straight from the filter into the results.
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().select(0);
                }
                e.consume();
            }
        });

        statusFilter.setItems(vm.statusFilterChoices());
        // "Revoked" lists the history where the server and client can; elsewhere it says it is
        // unavailable, greyed, with the reason in its tooltip (a disabled cell could show none), and
        // choosing it anyway shows the reason in the table.
        statusFilter.setCellFactory(statusCells());
        Runnable statusTip = () -> {
            ActionState state = vm.revokedFilterProperty().get();
            statusFilter.setTooltip(new Tooltip(state.enabled() ? "Filter by status; Revoked lists the revoked keys"
                    : "Filter by status. Revoked keys: " + state.reason()));
        };
        vm.revokedFilterProperty().addListener((obs, old, state) -> {
            statusTip.run();
            statusFilter.setCellFactory(statusCells()); // a new factory redraws the open list's cells
        });
        statusTip.run();
        typeFilter.getItems().setAll(KeyTableViewModel.typeChoices());
        expiryFilter.getItems().setAll(KeyTableViewModel.expiryChoices());
        // Editable: the quick picks, or any number of days typed in ("14", "14 days").
        expiryFilter.setEditable(true);
        expiryFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Choice<Integer> choice) {
                return choice == null ? "" : choice.label();
            }

            @Override
            public Choice<Integer> fromString(String typed) {
                return KeyTableViewModel.parseExpiryChoice(typed).orElseGet(() -> {
                    expiryFilter.getEditor().setText(toString(expiryFilter.getValue()));
                    return expiryFilter.getValue();
                });
            }
        });
        resourceFilter.setItems(vm.resourceChoices());
        statusFilter.getSelectionModel().select(0);
        typeFilter.getSelectionModel().select(0);
        expiryFilter.getSelectionModel().select(0);
        resourceFilter.getSelectionModel().select(0);
        statusFilter.valueProperty().addListener((o, a, c) -> vm.statusFilterProperty().set(c == null ? null : c.value()));
        typeFilter.valueProperty().addListener((o, a, c) -> vm.typeFilterProperty().set(c == null ? null : c.value()));
        resourceFilter.valueProperty().addListener((o, a, c) -> vm.resourceFilterProperty().set(c == null ? null : c.value()));
        expiryFilter.valueProperty().addListener((o, a, c) -> vm.expiringWithinDaysProperty().set(c == null ? null : c.value()));
        vm.resourceChoices().addListener((ListChangeListener<Choice<String>>) c -> {
            if (resourceFilter.getValue() == null && !vm.resourceChoices().isEmpty()) {
                resourceFilter.getSelectionModel().select(0);
            }
        });
        resourceFilter.setVisibleRowCount(14);
    }

    private javafx.util.Callback<javafx.scene.control.ListView<Choice<String>>, javafx.scene.control.ListCell<Choice<String>>>
            statusCells() {
        return list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Choice<String> choice, boolean empty) {
                super.updateItem(choice, empty);
                getStyleClass().remove("unavailable");
                boolean revoked = !empty && choice != null && KeyStatus.REVOKED.equals(choice.value());
                ActionState state = vm.revokedFilterProperty().get();
                boolean blocked = revoked && !state.enabled();
                setText(empty || choice == null ? null : blocked ? choice.label() + " (unavailable)" : choice.label());
                if (blocked) {
                    getStyleClass().add("unavailable");
                }
                setTooltip(!revoked ? null : new Tooltip(blocked ? state.reason()
                        : "Revoked keys: when and by whom each was revoked"));
            }
        };
    }

    /** Escape clears the text first, then the quick filters. */
    private void escape() {
        if (!filterField.getText().isEmpty()) {
            filterDelay.stop();
            filterField.clear();
        } else {
            clearFilters();
        }
    }

    private void setUpColumns() {
        // The old half of a rotation in grace carries the marker in its name: shown apart, never confused.
        column(nameColumn, KeyRow::name, r -> RotationMarker.isMarked(r.name()) ? Styles.ROTATING : null,
                Comparator.comparing(KeyRow::name, String.CASE_INSENSITIVE_ORDER));
        column(prefixColumn, KeyRow::prefix, r -> "monospace", Comparator.comparing(KeyRow::prefix));
        column(typeColumn, KeyRow::type, r -> null, Comparator.comparing(KeyRow::type));
        column(statusColumn, KeyRow::statusText, r -> "status-" + r.status(), Comparator.comparing(KeyRow::status));
        statusColumn.setCellFactory(c -> new StatusCell());
        column(permissionsColumn, r -> r.permissions().text(), r -> Styles.risk(r.permissions().risk()),
                Comparator.comparing((KeyRow r) -> r.permissions().risk()).reversed()
                        .thenComparing(r -> r.permissions().text()));
        column(createdColumn, KeyRow::createdText, r -> null,
                Comparator.comparing(KeyRow::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        // "never" sorts after every date: it is the furthest expiry there is.
        column(expiresColumn, KeyRow::expiresText, r -> r.urgency().styleClass(),
                Comparator.comparing(r -> r.expiresAt() == null ? Instant.MAX : r.expiresAt()));
        column(lastUsedColumn, KeyRow::lastUsedText, r -> null,
                Comparator.comparing(r -> r.lastUsed() == null ? Instant.MIN : r.lastUsed()));
        column(todayColumn, r -> String.format(Locale.ROOT, "%,d", r.usageToday()), r -> "numeric",
                Comparator.comparingLong(KeyRow::usageToday));
        column(monthColumn, r -> String.format(Locale.ROOT, "%,d", r.usageThisMonth()), r -> "numeric",
                Comparator.comparingLong(KeyRow::usageThisMonth));
        column(revokedColumn, r -> r.revokedText().isEmpty() ? "—" : r.revokedText(), r -> null,
                Comparator.comparing(r -> r.revokedAt() == null ? Instant.MIN : r.revokedAt()));
        column(revokedByColumn, r -> r.revokedBy().isEmpty() ? "—" : r.revokedBy(), r -> "monospace",
                Comparator.comparing(KeyRow::revokedBy));
        // The history's columns show while the table lists revoked keys, and only then.
        revokedColumn.visibleProperty().bind(vm.showingRevokedProperty());
        revokedByColumn.visibleProperty().bind(vm.showingRevokedProperty());
    }

    /**
     * A column whose cell value is the row itself: sorting uses {@code order} on the real values
     * (dates, counts), and the cell shows the text computed once when the row was built.
     */
    private static void column(TableColumn<KeyRow, KeyRow> column, Function<KeyRow, String> text,
                               Function<KeyRow, String> styleClass, Comparator<KeyRow> order) {
        TextCells.bind(column, text, styleClass, false);
        column.setComparator(order);
    }

    /** The status, and for a frozen key a snowflake and a tooltip that says what frozen means. */
    private static final class StatusCell extends TableCell<KeyRow, KeyRow> {
        private final Tooltip frozenTip = new Tooltip("Frozen (disabled): every request with this key is refused "
                + "until it is thawed (Incident › Thaw selected keys…)");
        private String applied;

        @Override
        protected void updateItem(KeyRow row, boolean empty) {
            super.updateItem(row, empty);
            if (applied != null) {
                getStyleClass().remove(applied);
                applied = null;
            }
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(row.statusText());
            applied = "status-" + row.status();
            getStyleClass().add(applied);
            setGraphic(row.frozen() ? Icons.icon(Icons.FREEZE) : null);
            setTooltip(row.frozen() ? frozenTip : null);
        }
    }

    /** Room for the row-number-free table's borders and vertical scroll bar. */
    private static final double TABLE_CHROME = 24;

    private void fitColumnsOrScroll() {
        double needed = table.getColumns().stream().filter(TableColumn::isVisible)
                .mapToDouble(TableColumn::getMinWidth).sum() + TABLE_CHROME;
        var policy = table.getWidth() > 0 && table.getWidth() < needed
                ? TableView.UNCONSTRAINED_RESIZE_POLICY : TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS;
        if (table.getColumnResizePolicy() != policy) {
            table.setColumnResizePolicy(policy);
        }
    }

    private void setUpTable() {
        table.setItems(vm.visibleRows());
        // The view model sorts before it filters (see KeyTableViewModel), so the table's own sort
        // policy, which would sort its items list in place, is replaced by this binding.
        vm.sortOrderProperty().bind(table.comparatorProperty());
        table.setSortPolicy(t -> true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(true);
        // Columns share the width the details pane leaves; when that is less than they need at
        // their minimum (a small window), the table scrolls sideways instead of hiding columns.
        fitColumnsOrScroll();
        table.widthProperty().addListener((obs, old, now) -> fitColumnsOrScroll());
        for (TableColumn<KeyRow, ?> column : table.getColumns()) {
            column.visibleProperty().addListener((obs, old, now) -> fitColumnsOrScroll());
        }
        // The overlays say "empty", "no match", "loading" and "failed"; the default placeholder would
        // say "No content in table" under them.
        table.setPlaceholder(new Label(""));

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<KeyRow>) c -> pushSelection());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> pushSelection());
        vm.rowsReplacedProperty().addListener((obs, old, n) -> restoreSelection());
        // Another workspace opened a key: select it here and bring it into view.
        vm.revealedProperty().addListener((obs, old, n) -> {
            restoreSelection();
            KeyRow row = vm.focusedProperty().get();
            if (row != null) {
                table.scrollTo(row);
                table.requestFocus();
            }
        });

        // The details pane follows the selection once it settles.
        detailsDelay.setOnFinished(e -> details.show(vm.focusedProperty().get()));
        vm.focusedProperty().addListener((obs, old, row) -> {
            if (row == null) {
                detailsDelay.stop();
                details.show(null);
            } else {
                detailsDelay.playFromStart();
            }
        });

        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShortcutDown()) {
                editSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                revokeSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && vm.hasFilters()) {
                clearFilters();
                e.consume();
            }
        });
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<KeyRow> row = new javafx.scene.control.TableRow<>() {
                @Override
                protected void updateItem(KeyRow item, boolean empty) {
                    super.updateItem(item, empty);
                    boolean frozen = !empty && item != null && item.frozen();
                    if (frozen != getStyleClass().contains(Styles.FROZEN_ROW)) {
                        if (frozen) {
                            getStyleClass().add(Styles.FROZEN_ROW);
                        } else {
                            getStyleClass().remove(Styles.FROZEN_ROW);
                        }
                    }
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    editSelected();
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
    }

    /**
     * No accelerators here: a context menu's accelerators become scene-wide once it has shown, and
     * Delete must never revoke while the person is typing in the filter field.
     */
    private ContextMenu contextMenu() {
        MenuItem edit = new MenuItem("Edit…", Icons.icon(Icons.EDIT));
        edit.setOnAction(e -> editSelected());
        MenuItem revokeItem = new MenuItem("Revoke…", Icons.icon(Icons.REVOKE));
        revokeItem.setOnAction(e -> revokeSelected());
        MenuItem rotate = new MenuItem("Rotate…", Icons.icon(Icons.ROTATE));
        rotate.setOnAction(e -> rotateSelected());
        MenuItem review = new MenuItem("Review…", Icons.icon(Icons.REVIEW));
        review.setOnAction(e -> reviewSelected());
        MenuItem incident = new MenuItem("Incident from selection…", Icons.icon(Icons.INCIDENT));
        incident.setOnAction(e -> incidentFromSelection());
        MenuItem freeze = new MenuItem("Freeze…", Icons.icon(Icons.FREEZE));
        freeze.setOnAction(e -> freezeSelected());
        MenuItem thaw = new MenuItem("Thaw…", Icons.icon(Icons.THAW));
        thaw.setOnAction(e -> thawSelected());
        MenuItem copyPrefix = new MenuItem("Copy prefix", Icons.icon(Icons.COPY));
        copyPrefix.setOnAction(e -> copySelectedPrefix());
        MenuItem copyId = new MenuItem("Copy id");
        copyId.setOnAction(e -> copySelectedId());
        ContextMenu menu = new ContextMenu(edit, review, rotate, revokeItem, new SeparatorMenuItem(), incident, freeze,
                thaw, new SeparatorMenuItem(), copyPrefix, copyId);
        menu.setOnShowing(e -> {
            edit.setDisable(!vm.editActionProperty().get().enabled());
            edit.setText(vm.editActionProperty().get().menuText("Edit…"));
            rotate.setDisable(!vm.rotateActionProperty().get().enabled());
            rotate.setText(vm.rotateActionProperty().get().menuText("Rotate…"));
            review.setDisable(!vm.reviewActionProperty().get().enabled());
            review.setText(vm.reviewActionProperty().get().menuText("Review…"));
            revokeItem.setDisable(!vm.revokeActionProperty().get().enabled());
            revokeItem.setText(vm.revokeActionProperty().get().menuText(vm.revokeLabel()));
            incident.setDisable(!vm.incidentActionProperty().get().enabled());
            freeze.setDisable(!vm.freezeActionProperty().get().enabled());
            freeze.setText(vm.freezeActionProperty().get().menuText(vm.selectionLabel("Freeze")));
            thaw.setDisable(!vm.thawActionProperty().get().enabled());
            thaw.setText(vm.thawActionProperty().get().menuText(vm.selectionLabel("Thaw")));
            copyPrefix.setDisable(!vm.copyPrefixActionProperty().get().enabled());
            copyId.setDisable(vm.selected().isEmpty());
        });
        return menu;
    }

    private void pushSelection() {
        if (restoringSelection || vm.isReplacingRows()) {
            return;
        }
        vm.select(new ArrayList<>(table.getSelectionModel().getSelectedItems()),
                table.getSelectionModel().getSelectedItem());
    }

    /** After a reload, selects again the keys that were selected (the model kept them by id). */
    private void restoreSelection() {
        List<KeyRow> wanted = vm.selected();
        restoringSelection = true;
        try {
            table.getSelectionModel().clearSelection();
            if (wanted.isEmpty()) {
                return;
            }
            Set<KeyRow> want = Collections.newSetFromMap(new IdentityHashMap<>());
            want.addAll(wanted);
            List<KeyRow> items = table.getItems();
            List<Integer> indices = new ArrayList<>();
            int focusIndex = -1;
            KeyRow focused = vm.focusedProperty().get();
            for (int i = 0; i < items.size(); i++) {
                KeyRow row = items.get(i);
                if (want.contains(row)) {
                    indices.add(i);
                    if (row == focused) {
                        focusIndex = i;
                    }
                }
            }
            if (indices.isEmpty()) {
                return;
            }
            int[] rest = indices.stream().skip(1).mapToInt(Integer::intValue).toArray();
            table.getSelectionModel().selectIndices(indices.get(0), rest);
            if (focusIndex >= 0) {
                table.getFocusModel().focus(focusIndex);
            }
        } finally {
            restoringSelection = false;
        }
        pushSelection();
    }

    private void setUpStates() {
        loadingPane.visibleProperty().bind(
                vm.stateProperty().isEqualTo(KeyTableViewModel.LoadState.LOADING).or(revoke.busyProperty()));
        loadingProgress.progressProperty().bind(javafx.beans.binding.Bindings.when(revoke.busyProperty())
                .then(revoke.progressProperty()).otherwise(vm.progressProperty()));
        loadingLabel.textProperty().bind(javafx.beans.binding.Bindings.when(revoke.busyProperty())
                .then(revoke.progressMessageProperty()).otherwise(vm.progressMessageProperty()));
        emptyPane.visibleProperty().bind(vm.emptyProperty());
        idlePane.visibleProperty().bind(vm.stateProperty().isEqualTo(KeyTableViewModel.LoadState.IDLE));
        noMatchPane.visibleProperty().bind(vm.noMatchesProperty());
        cancelledPane.visibleProperty().bind(vm.stateProperty().isEqualTo(KeyTableViewModel.LoadState.CANCELLED));
        errorPane.visibleProperty().bind(vm.stateProperty().isEqualTo(KeyTableViewModel.LoadState.ERROR));
        vm.errorProperty().addListener((obs, old, message) -> showError(message));
        showError(vm.errorProperty().get());
        cancelLoadButton.setGraphic(Icons.icon(Icons.CLEAR));
        errorPane.getStyleClass().add(Styles.OVERLAY);
        emptyPane.getStyleClass().add(Styles.MUTED);
    }

    private void showError(UserMessage message) {
        errorTitle.setText(message == null ? "" : message.title());
        errorWhat.setText(message == null ? "" : message.whatHappened());
        errorSafe.setText(message == null || message.whatIsSafe() == null ? "" : message.whatIsSafe());
        errorToDo.setText(message == null || message.whatToDo() == null ? "" : message.whatToDo());
        errorRequestId.setText(message == null || message.requestId() == null ? ""
                : "Request id: " + message.requestId());
    }
}
