package dev.keydesk.app.activity;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.keys.Choice;
import dev.keydesk.core.activity.ActivitySummary;
import dev.keydesk.core.activity.EventCategory;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Shows {@link ActivityViewModel}. Owns the poll timer: it runs only while the view is seen (its
 * tab in front, the window showing and not minimised), waiting what the view model says between
 * polls.
 */
public final class ActivityView {

    /** A summary tile; its user data is its {@link EventCategory}. */
    public static final String TILE = "activity-tile";
    /** A category toggle of the toolbar; its user data is its {@link EventCategory}. */
    public static final String CATEGORY_TOGGLE = "category-toggle";
    static final javafx.util.Duration FILTER_DELAY = javafx.util.Duration.millis(300);

    private final ActivityViewModel vm;
    private final Workspaces workspaces;

    @FXML private BorderPane root;
    @FXML private HBox categoryToggles;
    @FXML private ComboBox<Choice<String>> keyFilter;
    @FXML private TextField ipFilter;
    @FXML private ComboBox<ActivityViewModel.Range> rangeFilter;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker untilPicker;
    @FXML private Button clearButton;
    @FXML private Button refreshButton;
    @FXML private ToggleButton dayToggle;
    @FXML private ToggleButton weekToggle;
    @FXML private HBox tiles;
    @FXML private Label addressesTitle;
    @FXML private ListView<ActivitySummary.AddressCount> addressList;
    @FXML private Label filterNote;
    @FXML private TableView<ActivityViewModel.Row> events;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> whenColumn;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> whatColumn;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> keyColumn;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> addressColumn;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> actorColumn;
    @FXML private TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> detailColumn;
    @FXML private Label emptyLabel;
    @FXML private Label listMessage;
    @FXML private Button loadMoreButton;
    @FXML private Label pollStatus;

    private final PauseTransition pollTimer = new PauseTransition();
    private final PauseTransition ipDelay = new PauseTransition(FILTER_DELAY);
    private final Map<EventCategory, Tile> tileByCategory = new EnumMap<>(EventCategory.class);

    public ActivityView(ActivityViewModel vm, Workspaces workspaces) {
        this.vm = vm;
        this.workspaces = workspaces;
    }

    @FXML
    private void initialize() {
        setUpFilters();
        setUpSummary();
        setUpTable();
        setUpPolling();
        refreshButton.setGraphic(Icons.icon(Icons.REFRESH));
        refreshButton.setTooltip(new Tooltip("Reload the activity (F5)"));
        clearButton.setTooltip(new Tooltip("Show every event (Esc)"));
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.hasFilters()) {
                clearFilters();
                e.consume();
            }
        });
    }

    // ---- actions (also from the main window's menu) --------------------------------------------

    @FXML
    public void refresh() {
        vm.refresh();
    }

    @FXML
    public void clearFilters() {
        ipDelay.stop();
        vm.clearFilters();
    }

    /** Ctrl+F in this workspace: the address field (the most typed filter). */
    public void focusFilter() {
        ipFilter.requestFocus();
        ipFilter.selectAll();
    }

    @FXML
    private void loadMore() {
        vm.loadMore();
    }

    public ActivityViewModel viewModel() {
        return vm;
    }

    // ---- set-up --------------------------------------------------------------------------------

    private void setUpFilters() {
        for (EventCategory c : EventCategory.values()) {
            ToggleButton toggle = new ToggleButton(shortLabel(c));
            toggle.getStyleClass().addAll(CATEGORY_TOGGLE, "category-" + c.name().toLowerCase(Locale.ROOT));
            toggle.setUserData(c);
            toggle.setTooltip(new Tooltip(c.label() + " (" + String.join(", ", c.types()) + ")"));
            toggle.setAccessibleText("Show " + c.label().toLowerCase(Locale.ROOT));
            toggle.selectedProperty().bindBidirectional(vm.categoryProperty(c));
            categoryToggles.getChildren().add(toggle);
        }
        keyFilter.setItems(vm.keyChoices());
        keyFilter.setVisibleRowCount(14);
        keyFilter.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Choice<String> c) {
                return c == null ? "" : c.label();
            }

            @Override
            public Choice<String> fromString(String typed) {
                String t = typed == null ? "" : typed.trim();
                return t.isEmpty() ? null : vm.keyChoices().stream().filter(c -> c.label().equals(t)).findFirst()
                        .orElse(new Choice<>(t, t));
            }
        });
        keyFilter.valueProperty().addListener((obs, old, c) -> vm.keyFilterProperty().set(c == null ? "" : c.value()));
        vm.keyFilterProperty().addListener((obs, old, id) -> {
            Choice<String> shown = keyFilter.getValue();
            if (id == null || id.isEmpty()) {
                if (shown != null) {
                    keyFilter.setValue(null);
                }
            } else if (shown == null || !id.equals(shown.value())) {
                keyFilter.setValue(vm.keyChoices().stream().filter(c -> id.equals(c.value())).findFirst()
                        .orElse(new Choice<>(id, id)));
            }
        });

        ipDelay.setOnFinished(e -> vm.ipFilterProperty().set(ipFilter.getText().trim()));
        ipFilter.textProperty().addListener((obs, old, text) -> ipDelay.playFromStart());
        vm.ipFilterProperty().addListener((obs, old, ip) -> {
            if (!ip.equals(ipFilter.getText().trim())) {
                ipDelay.stop();
                ipFilter.setText(ip);
                ipDelay.stop();
            }
        });

        rangeFilter.getItems().setAll(ActivityViewModel.Range.values());
        rangeFilter.valueProperty().bindBidirectional(vm.rangeProperty());
        fromPicker.valueProperty().bindBidirectional(vm.fromDateProperty());
        untilPicker.valueProperty().bindBidirectional(vm.untilDateProperty());
        var between = vm.rangeProperty().isEqualTo(ActivityViewModel.Range.BETWEEN);
        fromPicker.visibleProperty().bind(between);
        fromPicker.managedProperty().bind(between);
        untilPicker.visibleProperty().bind(between);
        untilPicker.managedProperty().bind(between);
        filterNote.textProperty().bind(vm.filterNoteProperty());
        filterNote.visibleProperty().bind(vm.filterNoteProperty().isNotEmpty());
        filterNote.managedProperty().bind(filterNote.visibleProperty());
    }

    static String shortLabel(EventCategory c) {
        return switch (c) {
            case FAILED_AUTH -> "Failed auth";
            case RATE_LIMIT -> "Rate limits";
            case NEW_ADDRESS -> "New address";
            case KEY_CHANGES -> "Key changes";
            case REVOCATIONS -> "Revocations";
        };
    }

    private void setUpSummary() {
        ToggleGroup windows = new ToggleGroup();
        dayToggle.setToggleGroup(windows);
        weekToggle.setToggleGroup(windows);
        (vm.windowProperty().get() == ActivityViewModel.Window.DAY ? dayToggle : weekToggle).setSelected(true);
        windows.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                old.setSelected(true); // one of the two is always on
            } else {
                vm.windowProperty().set(t == weekToggle ? ActivityViewModel.Window.WEEK : ActivityViewModel.Window.DAY);
            }
        });
        for (EventCategory c : EventCategory.values()) {
            Tile tile = new Tile(c);
            tileByCategory.put(c, tile);
            tiles.getChildren().add(tile.box);
        }
        vm.summaryProperty().addListener((obs, old, s) -> redrawTiles());
        vm.windowProperty().addListener((obs, old, w) -> redrawTiles());
        for (EventCategory c : EventCategory.values()) {
            vm.categoryProperty(c).addListener((obs, old, on) -> redrawTiles());
        }
        redrawTiles();
        // No audit log on this server (Narrative): no week of zeros that would read as a quiet week.
        for (javafx.scene.Node n : new javafx.scene.Node[]{tiles, addressesTitle, addressList, dayToggle, weekToggle}) {
            n.visibleProperty().bind(vm.auditLogAvailableProperty());
            n.managedProperty().bind(n.visibleProperty());
        }

        addressList.setItems(vm.topAddresses());
        addressList.setPlaceholder(new Label("No failed authentications this week"));
        addressList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ActivitySummary.AddressCount a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText(String.format(Locale.ROOT, "%-15s %,5d  %s", a.ip(), a.count(), vm.relative(a.last())));
                    setTooltip(new Tooltip("Click to list the failed authentications from " + a.ip()));
                }
            }
        });
        addressList.getStyleClass().add("monospace");
        addressList.setOnMouseClicked(e -> {
            ActivitySummary.AddressCount a = addressList.getSelectionModel().getSelectedItem();
            if (a != null && e.getButton() == MouseButton.PRIMARY) {
                vm.failuresFrom(a.ip());
            }
        });
        addressList.setOnKeyPressed(e -> {
            ActivitySummary.AddressCount a = addressList.getSelectionModel().getSelectedItem();
            if (a != null && e.getCode() == KeyCode.ENTER) {
                vm.failuresFrom(a.ip());
                e.consume();
            }
        });
    }

    private void redrawTiles() {
        tileByCategory.values().forEach(Tile::redraw);
    }

    /** One kind of event: its counts for the day and the week, and a small chart per hour. */
    private final class Tile {
        private final EventCategory category;
        private final VBox box = new VBox(2);
        private final Label title = new Label();
        private final Label counts = new Label();
        private final NumberAxis x = new NumberAxis();
        private final NumberAxis y = new NumberAxis();
        private final AreaChart<Number, Number> chart = new AreaChart<>(x, y);
        private final XYChart.Series<Number, Number> series = new XYChart.Series<>();

        Tile(EventCategory category) {
            this.category = category;
            title.setText(shortLabel(category));
            title.getStyleClass().add("tile-title");
            counts.getStyleClass().add("tile-counts");
            x.setAutoRanging(false);
            x.setTickLabelsVisible(false);
            x.setTickMarkVisible(false);
            x.setMinorTickVisible(false);
            y.setTickLabelsVisible(false);
            y.setTickMarkVisible(false);
            y.setMinorTickVisible(false);
            y.setForceZeroInRange(true);
            chart.setAnimated(false);
            chart.setLegendVisible(false);
            chart.setCreateSymbols(false);
            chart.setHorizontalGridLinesVisible(false);
            chart.setVerticalGridLinesVisible(false);
            chart.setHorizontalZeroLineVisible(false);
            chart.setVerticalZeroLineVisible(false);
            chart.setPrefSize(140, 52);
            chart.setMinSize(120, 52);
            chart.getStyleClass().add("activity-chart");
            chart.getData().add(series);
            chart.setMouseTransparent(true);
            box.getChildren().addAll(title, counts, chart);
            box.getStyleClass().addAll(TILE, "category-" + category.name().toLowerCase(Locale.ROOT));
            box.setUserData(category);
            HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
            box.setMaxWidth(Double.MAX_VALUE);
            box.setOnMouseClicked(e -> vm.only(category));
            Tooltip.install(box, new Tooltip(category.label() + ". Click to list only these; again to list every kind"));
        }

        void redraw() {
            counts.setText("24 h  " + vm.countText(category, ActivityViewModel.Window.DAY) + "    7 d  "
                    + vm.countText(category, ActivityViewModel.Window.WEEK));
            int[] hours = vm.perHour(category);
            x.setLowerBound(-(hours.length - 1));
            x.setUpperBound(0);
            x.setTickUnit(Math.max(1, hours.length / 4.0));
            var points = new java.util.ArrayList<XYChart.Data<Number, Number>>(hours.length);
            for (int i = 0; i < hours.length; i++) {
                points.add(new XYChart.Data<>(i - (hours.length - 1), hours[i]));
            }
            series.getData().setAll(points);
            box.getStyleClass().remove("selected");
            if (vm.categoryProperty(category).get()) {
                box.getStyleClass().add("selected");
            }
            int total = 0;
            for (int h : hours) {
                total += h;
            }
            box.setAccessibleText(category.label() + ": " + counts.getText() + (total == 0 ? "" : ", per hour in the chart"));
        }
    }

    private void setUpTable() {
        column(whenColumn, ActivityViewModel.Row::when, Comparator.comparing(ActivityViewModel.Row::at,
                Comparator.nullsFirst(Comparator.naturalOrder())));
        whenColumn.setSortType(TableColumn.SortType.DESCENDING);
        column(whatColumn, ActivityViewModel.Row::what, Comparator.comparing(ActivityViewModel.Row::what));
        column(keyColumn, ActivityViewModel.Row::key, Comparator.comparing(ActivityViewModel.Row::key,
                String.CASE_INSENSITIVE_ORDER));
        column(addressColumn, ActivityViewModel.Row::address, Comparator.comparing(ActivityViewModel.Row::address));
        column(actorColumn, ActivityViewModel.Row::actor, Comparator.comparing(ActivityViewModel.Row::actor));
        column(detailColumn, ActivityViewModel.Row::detail, Comparator.comparing(ActivityViewModel.Row::detail));
        addressColumn.getStyleClass().add("monospace");
        javafx.collections.transformation.SortedList<ActivityViewModel.Row> sorted =
                new javafx.collections.transformation.SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(events.comparatorProperty());
        events.setItems(sorted);
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        events.setPlaceholder(new Label(""));
        events.setRowFactory(t -> {
            TableRow<ActivityViewModel.Row> row = new TableRow<>() {
                @Override
                protected void updateItem(ActivityViewModel.Row item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("activity-new-address", "activity-failed-auth");
                    if (empty || item == null) {
                        setTooltip(null);
                        return;
                    }
                    if (item.newAddress()) {
                        getStyleClass().add("activity-new-address");
                    } else if (item.failedAuth()) {
                        getStyleClass().add("activity-failed-auth");
                    }
                    setTooltip(new Tooltip(item.exact() + "\n" + item.event().type()
                            + (item.event().keyId() == null ? "" : "\nKey " + item.event().keyId())
                            + "\nEnter or double-click opens the key"));
                    // Near the end of what is loaded: ask for the next chunk in the background.
                    vm.shown(getIndex());
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        events.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && events.getSelectionModel().getSelectedItem() != null) {
                vm.open(events.getSelectionModel().getSelectedItem());
                e.consume();
            }
        });
        events.setContextMenu(contextMenu());

        emptyLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.rows().isEmpty() ? vm.listMessageProperty().get() : "", vm.rows(), vm.listMessageProperty()));
        listMessage.textProperty().bind(vm.listMessageProperty());
        loadMoreButton.visibleProperty().bind(vm.hasMoreProperty()
                .and(vm.listStateProperty().isEqualTo(ActivityViewModel.ListState.READY)));
        loadMoreButton.managedProperty().bind(loadMoreButton.visibleProperty());
        pollStatus.textProperty().bind(vm.pollStatusProperty());
    }

    private ContextMenu contextMenu() {
        MenuItem open = new MenuItem("Open key");
        open.setOnAction(e -> vm.open(events.getSelectionModel().getSelectedItem()));
        MenuItem keyEvents = new MenuItem("Only this key's events");
        keyEvents.setOnAction(e -> {
            ActivityViewModel.Row r = events.getSelectionModel().getSelectedItem();
            if (r != null && r.event().keyId() != null) {
                vm.eventsOf(r.event().keyId());
            }
        });
        MenuItem fromAddress = new MenuItem("Failed authentications from this address");
        fromAddress.setOnAction(e -> {
            ActivityViewModel.Row r = events.getSelectionModel().getSelectedItem();
            if (r != null && !r.address().isEmpty()) {
                vm.failuresFrom(r.address());
            }
        });
        MenuItem copyAddress = new MenuItem("Copy address", Icons.icon(Icons.COPY));
        copyAddress.setOnAction(e -> {
            ActivityViewModel.Row r = events.getSelectionModel().getSelectedItem();
            if (r != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(r.address());
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        ContextMenu menu = new ContextMenu(open, keyEvents, fromAddress, copyAddress);
        menu.setOnShowing(e -> {
            ActivityViewModel.Row r = events.getSelectionModel().getSelectedItem();
            boolean key = r != null && r.event().keyId() != null;
            open.setDisable(r == null);
            keyEvents.setDisable(!key);
            fromAddress.setDisable(r == null || r.address().isEmpty());
            copyAddress.setDisable(r == null || r.address().isEmpty());
        });
        return menu;
    }

    private static void column(TableColumn<ActivityViewModel.Row, ActivityViewModel.Row> column,
                               Function<ActivityViewModel.Row, String> text,
                               Comparator<ActivityViewModel.Row> order) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setComparator(order);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ActivityViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
    }

    // ---- polling -------------------------------------------------------------------------------

    /** Seen = the Activity tab in front, in a window that shows and is not minimised. */
    private void setUpPolling() {
        pollTimer.setOnFinished(e -> {
            vm.poll();
            if (!vm.pollingProperty().get()) {
                schedulePoll();
            }
        });
        vm.pollingProperty().addListener((obs, was, now) -> {
            if (!now) {
                schedulePoll();
            }
        });
        ChangeListener<Object> seen = (obs, old, now) -> updateVisible();
        workspaces.currentProperty().addListener(seen);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o, w0, w) -> watchWindow(w));
                watchWindow(scene.getWindow());
            }
            updateVisible();
        });
    }

    private Window watched;

    private void watchWindow(Window window) {
        if (window == null || window == watched) {
            return;
        }
        watched = window;
        window.showingProperty().addListener((obs, old, now) -> updateVisible());
        if (window instanceof javafx.stage.Stage stage) {
            stage.iconifiedProperty().addListener((obs, old, now) -> updateVisible());
        }
        updateVisible();
    }

    private void updateVisible() {
        Scene scene = root.getScene();
        Window window = scene == null ? null : scene.getWindow();
        boolean seen = workspaces.current() == Workspaces.Workspace.ACTIVITY && window != null && window.isShowing()
                && !(window instanceof javafx.stage.Stage s && s.isIconified());
        if (seen != vm.visibleProperty().get()) {
            vm.setVisible(seen);
            if (seen) {
                schedulePoll();
            } else {
                pollTimer.stop();
            }
        }
    }

    private void schedulePoll() {
        pollTimer.stop();
        if (vm.visibleProperty().get()) {
            pollTimer.setDuration(javafx.util.Duration.millis(vm.nextPollProperty().get().toMillis()));
            pollTimer.playFromStart();
        }
    }

    /** Stops the poll timer (the app is closing). */
    public void dispose() {
        pollTimer.stop();
    }
}
