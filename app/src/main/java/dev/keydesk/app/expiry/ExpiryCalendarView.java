package dev.keydesk.app.expiry;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.keys.GatedButton;
import dev.keydesk.app.keys.KeyRow;
import dev.keydesk.core.expiry.ExpiryCalendar;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** Shows {@link ExpiryCalendarViewModel}: clusters, the twelve-month strip, the month, the day. */
public final class ExpiryCalendarView {

    /** A day of the month view; its user data is its {@link LocalDate}. */
    public static final String DAY_CELL = "calendar-day-cell";
    /** A day of the strip; its user data is its {@link LocalDate}. */
    public static final String STRIP_CELL = "strip-cell";
    private static final DateTimeFormatter MONTH_TITLE = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.getDefault());
    private static final DateTimeFormatter CLUSTER_DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.getDefault());

    private final ExpiryCalendarViewModel vm;

    @FXML private Label clustersTitle;
    @FXML private FlowPane clusterLinks;
    @FXML private HBox strip;
    @FXML private Button previousButton;
    @FXML private Label monthLabel;
    @FXML private Button nextButton;
    @FXML private GridPane monthGrid;
    @FXML private Label dayTitle;
    @FXML private ListView<KeyRow> dayKeys;
    @FXML private Button openButton;
    @FXML private StackPane spreadWrap;
    @FXML private Button spreadButton;

    public ExpiryCalendarView(ExpiryCalendarViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        previousButton.setGraphic(Icons.icon(Icons.PREVIOUS));
        nextButton.setGraphic(Icons.icon(Icons.NEXT));
        dayTitle.textProperty().bind(vm.dayTitleProperty());
        dayKeys.setItems(vm.dayRows());
        dayKeys.setPlaceholder(new Label(""));
        dayKeys.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(KeyRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.name() + "   " + (row.prefix().isEmpty() ? "" : row.prefix() + "   ") + row.expiresText()
                        + ("active".equals(row.status()) || row.status().isEmpty() ? "" : "   (" + row.status() + ")"));
            }
        });
        dayKeys.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        dayKeys.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
        openButton.disableProperty().bind(dayKeys.getSelectionModel().selectedItemProperty().isNull());
        openButton.setTooltip(new Tooltip("Select it in the table and show its details (Enter or double-click)"));
        spreadButton.setGraphic(Icons.icon(Icons.CALENDAR));
        spreadButton.textProperty().bind(vm.dayCountProperty().map(n -> "Spread " + n + " keys…"));
        GatedButton.bind(spreadWrap, spreadButton, vm.spreadActionProperty(),
                "Propose new dates across a range of days, preview them, then apply within the policy");
        vm.clusters().addListener((ListChangeListener<ExpiryCalendar.Cluster>) c -> showClusters());
        vm.versionProperty().addListener((obs, old, n) -> redraw());
        showClusters();
        redraw();
    }

    @FXML
    private void previousMonth() {
        vm.previousMonth();
    }

    @FXML
    private void nextMonth() {
        vm.nextMonth();
    }

    @FXML
    private void openSelected() {
        vm.open(dayKeys.getSelectionModel().getSelectedItem());
    }

    @FXML
    private void spread() {
        vm.spread(window());
    }

    private Window window() {
        return strip.getScene() == null ? null : strip.getScene().getWindow();
    }

    private void showClusters() {
        int n = vm.clusters().size();
        clustersTitle.setText(n == 0 ? "No clusters in the coming year"
                : n == 1 ? "1 cluster in the coming year:" : n + " clusters in the coming year:");
        clusterLinks.getChildren().clear();
        for (ExpiryCalendar.Cluster c : vm.clusters()) {
            Hyperlink link = new Hyperlink(CLUSTER_DAY.format(c.day()) + " — " + c.count() + " keys");
            link.getStyleClass().add("cluster-link");
            link.setOnAction(e -> vm.select(c.day()));
            link.setUserData(c.day());
            clusterLinks.getChildren().add(link);
        }
    }

    private void redraw() {
        drawStrip();
        drawMonth();
    }

    private void drawStrip() {
        strip.getChildren().clear();
        for (YearMonth m : vm.stripMonths()) {
            GridPane days = new GridPane();
            days.setHgap(1);
            days.setVgap(1);
            LocalDate first = m.atDay(1);
            int offset = first.getDayOfWeek().getValue() - 1;
            for (int d = 1; d <= m.lengthOfMonth(); d++) {
                LocalDate day = m.atDay(d);
                int index = offset + d - 1;
                Region cell = new Region();
                cell.getStyleClass().addAll(STRIP_CELL, levelClass(day));
                if (day.equals(vm.selectedDayProperty().get())) {
                    cell.getStyleClass().add("selected");
                }
                cell.setUserData(day);
                cell.setPrefSize(10, 10);
                cell.setMinSize(10, 10);
                Tooltip.install(cell, new Tooltip(vm.describe(day)));
                cell.setOnMouseClicked(e -> vm.select(day));
                days.add(cell, index % 7, index / 7);
            }
            int total = vm.total(m);
            Label name = new Label(m.getMonth().getDisplayName(TextStyle.SHORT, Locale.getDefault())
                    + (m.getMonthValue() == 1 || m.equals(vm.stripMonths().get(0)) ? " " + m.getYear() : ""));
            name.getStyleClass().add("strip-month-name");
            Label count = new Label(total == 0 ? "" : Integer.toString(total));
            count.getStyleClass().add("strip-month-count");
            HBox head = new HBox(4, name, count);
            VBox box = new VBox(2, head, days);
            box.getStyleClass().add("strip-month");
            HBox.setHgrow(box, javafx.scene.layout.Priority.ALWAYS);
            box.setMaxWidth(Double.MAX_VALUE);
            if (m.equals(vm.monthProperty().get())) {
                box.getStyleClass().add("shown");
            }
            box.setOnMouseClicked(e -> {
                if (!(e.getTarget() instanceof Region r && r.getStyleClass().contains(STRIP_CELL))) {
                    vm.monthProperty().set(m);
                }
            });
            Tooltip.install(box, new Tooltip(total + (total == 1 ? " key expires in " : " keys expire in ")
                    + MONTH_TITLE.format(m)));
            strip.getChildren().add(box);
        }
    }

    private void drawMonth() {
        YearMonth m = vm.monthProperty().get();
        monthLabel.setText(MONTH_TITLE.format(m));
        monthGrid.getChildren().clear();
        for (int i = 0; i < 7; i++) {
            Label head = new Label(DayOfWeek.of(i + 1).getDisplayName(TextStyle.SHORT, Locale.getDefault()));
            head.getStyleClass().add("calendar-weekday");
            head.setMaxWidth(Double.MAX_VALUE);
            head.setAlignment(Pos.CENTER);
            monthGrid.add(head, i, 0);
        }
        LocalDate first = m.atDay(1);
        int offset = first.getDayOfWeek().getValue() - 1;
        for (int d = 1; d <= m.lengthOfMonth(); d++) {
            LocalDate day = m.atDay(d);
            int index = offset + d - 1;
            monthGrid.add(dayCell(day), index % 7, 1 + index / 7);
        }
    }

    private Button dayCell(LocalDate day) {
        int n = vm.count(day);
        Label number = new Label(Integer.toString(day.getDayOfMonth()));
        number.getStyleClass().add("day-number");
        Label count = new Label(n == 0 ? "" : Integer.toString(n));
        count.getStyleClass().add("day-count");
        HBox content = new HBox(3, number, count);
        content.setAlignment(Pos.CENTER);
        Button cell = new Button(null, content);
        cell.getStyleClass().addAll(DAY_CELL, levelClass(day));
        if (day.equals(vm.today())) {
            cell.getStyleClass().add("today");
        }
        if (day.isBefore(vm.today())) {
            cell.getStyleClass().add("past");
        }
        if (day.equals(vm.selectedDayProperty().get())) {
            cell.getStyleClass().add("selected");
        }
        cell.setUserData(day);
        cell.setPrefSize(50, 28);
        cell.setMinSize(50, 28);
        cell.setAccessibleText(vm.describe(day));
        cell.setTooltip(new Tooltip(vm.describe(day)));
        cell.setOnAction(e -> vm.select(day));
        return cell;
    }

    private String levelClass(LocalDate day) {
        return "level-" + vm.level(day).name().toLowerCase(Locale.ROOT);
    }
}
