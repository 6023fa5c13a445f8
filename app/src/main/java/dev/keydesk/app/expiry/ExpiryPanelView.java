package dev.keydesk.app.expiry;

import dev.keydesk.app.common.Icons;
import dev.keydesk.app.incident.GroupIncident;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.GatedButton;
import dev.keydesk.core.expiry.ExpiryGroup;
import dev.keydesk.core.expiry.ExpiryRules;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shows {@link ExpiryPanelViewModel}: a tile per group, folded to a line on request. */
public final class ExpiryPanelView {

    public static final String TILE = "expiry-tile";

    private final ExpiryPanelViewModel vm;

    @FXML private VBox calendar;
    @FXML private Button collapseButton;
    @FXML private Label summaryLabel;
    @FXML private FlowPane tiles;
    @FXML private Pane spacer;
    @FXML private ToggleButton calendarButton;
    @FXML private Button rulesButton;
    @FXML private HBox runBox;
    @FXML private javafx.scene.control.ProgressBar runProgress;
    @FXML private Label runMessage;
    @FXML private Button runCancel;

    private final Map<ExpiryGroup, Tile> tileByGroup = new EnumMap<>(ExpiryGroup.class);

    public ExpiryPanelView(ExpiryPanelViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        for (ExpiryGroup group : ExpiryGroup.values()) {
            Tile tile = new Tile(group);
            tileByGroup.put(group, tile);
            tiles.getChildren().add(tile.box);
        }
        tiles.visibleProperty().bind(vm.collapsedProperty().not());
        tiles.managedProperty().bind(tiles.visibleProperty());
        spacer.visibleProperty().bind(tiles.visibleProperty().not());
        spacer.managedProperty().bind(spacer.visibleProperty());
        summaryLabel.visibleProperty().bind(vm.collapsedProperty());
        summaryLabel.managedProperty().bind(summaryLabel.visibleProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());
        collapseButton.graphicProperty().bind(vm.collapsedProperty().map(c -> Icons.icon(c ? Icons.EXPAND : Icons.COLLAPSE)));
        collapseButton.setTooltip(new Tooltip("Fold or unfold the expiry panel (Ctrl+Shift+E)"));

        calendarButton.setGraphic(Icons.icon(Icons.CALENDAR));
        calendarButton.selectedProperty().bindBidirectional(vm.calendarShownProperty());
        calendarButton.setTooltip(new Tooltip("How many keys expire each day (Ctrl+Shift+L)"));
        calendar.visibleProperty().bind(vm.calendarShownProperty().and(vm.collapsedProperty().not()));
        calendar.managedProperty().bind(calendar.visibleProperty());

        rulesButton.setGraphic(Icons.icon(Icons.SETTINGS));
        rulesButton.setTooltip(new Tooltip("Rotation ages and unused days…"));

        GroupIncident incident = vm.incident();
        runBox.visibleProperty().bind(incident.busyProperty());
        runBox.managedProperty().bind(runBox.visibleProperty());
        runProgress.progressProperty().bind(incident.progressProperty());
        runMessage.textProperty().bind(incident.messageProperty());
        runCancel.setGraphic(Icons.icon(Icons.CLEAR));
        incident.busyProperty().addListener((obs, old, now) -> refreshTiles());

        vm.overviewProperty().addListener((obs, old, o) -> refreshTiles());
        vm.activeGroupProperty().addListener((obs, old, g) -> refreshTiles());
        vm.actionsChangedProperty().addListener((obs, old, n) -> refreshTiles());
        refreshTiles();
    }

    @FXML
    public void toggleCollapsed() {
        vm.collapsedProperty().set(!vm.collapsedProperty().get());
    }

    public void toggleCalendar() {
        if (vm.collapsedProperty().get()) {
            vm.collapsedProperty().set(false);
            vm.calendarShownProperty().set(true);
        } else {
            vm.calendarShownProperty().set(!vm.calendarShownProperty().get());
        }
    }

    @FXML
    private void cancelRun() {
        vm.incident().cancel();
    }

    @FXML
    public void editRules() {
        Optional<ExpiryRules> chosen = ExpiryRulesDialog.ask(window(), vm.rulesProperty().get());
        chosen.ifPresent(vm::setRules);
    }

    public ExpiryPanelViewModel viewModel() {
        return vm;
    }

    private Window window() {
        return tiles.getScene() == null ? null : tiles.getScene().getWindow();
    }

    private void refreshTiles() {
        tileByGroup.values().forEach(Tile::refresh);
    }

    /** One group: its count and name (a click filters the table), and its actions. */
    private final class Tile {
        private final ExpiryGroup group;
        private final VBox box = new VBox(4);
        private final Button show = new Button();
        private final Label count = new Label();
        private final Label name = new Label();
        private final Tooltip tip = new Tooltip();
        private final Map<GroupAction, javafx.beans.property.ObjectProperty<ActionState>> states =
                new EnumMap<>(GroupAction.class);

        Tile(ExpiryGroup group) {
            this.group = group;
            count.getStyleClass().add("tile-count");
            name.getStyleClass().add("tile-name");
            HBox head = new HBox(6, count, name);
            head.setAlignment(Pos.BASELINE_LEFT);
            show.setGraphic(head);
            show.getStyleClass().addAll("flat", "tile-show");
            show.setMaxWidth(Double.MAX_VALUE);
            show.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            show.setAlignment(Pos.CENTER_LEFT);
            show.setOnAction(e -> vm.show(group));
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            show.setTooltip(tip);
            HBox actionRow = new HBox(4);
            for (GroupAction action : GroupAction.forGroup(group)) {
                Button b = new Button(action.label());
                b.getStyleClass().addAll("small", "tile-action");
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                b.setAccessibleText(action.label() + " " + group.label());
                b.setOnAction(e -> vm.run(group, action, window()));
                StackPane wrap = new StackPane(b);
                var state = new javafx.beans.property.SimpleObjectProperty<>(ActionState.blocked(""));
                states.put(action, state);
                GatedButton.bind(wrap, b, state, actionTip(action));
                actionRow.getChildren().add(wrap);
            }
            box.getChildren().addAll(show, actionRow);
            box.getStyleClass().addAll(TILE, "tile-" + group.name().toLowerCase(java.util.Locale.ROOT));
            box.setUserData(group);
        }

        void refresh() {
            int n = vm.count(group);
            // A group the server cannot tell (Narrative: no last use) shows "—", not a count of 0.
            count.setText(vm.unknown(group).isPresent() ? "—" : Integer.toString(n));
            name.setText(vm.tileLabel(group));
            tip.setText(vm.label(group) + ": " + vm.describe(group) + (n == 0 ? "" : "\nClick to show " + (n == 1 ? "it" : "them")
                    + " in the table; again (or Esc) to show every key."));
            show.setAccessibleText(n + " keys: " + vm.label(group) + ". Show them in the table.");
            List<String> severity = List.of("tile-danger", "tile-warning", "tile-empty", "active");
            box.getStyleClass().removeAll(severity);
            if (n == 0) {
                box.getStyleClass().add("tile-empty");
            } else if (group == ExpiryGroup.EXPIRED || group == ExpiryGroup.WITHIN_WEEK) {
                box.getStyleClass().add("tile-danger");
            } else if (group == ExpiryGroup.WITHIN_MONTH) {
                box.getStyleClass().add("tile-warning");
            }
            if (vm.activeGroupProperty().get() == group) {
                box.getStyleClass().add("active");
            }
            states.forEach((action, state) -> state.set(vm.actionState(group, action)));
        }

        private String actionTip(GroupAction action) {
            return switch (action) {
                case EXTEND -> "Extend these keys within the policy: preview each key's new expiry first";
                case ROTATE -> "Rotate these keys";
                case REVOKE -> "Revoke these keys through the incident engine (asks first; cannot be undone)";
                case FREEZE -> "Freeze (disable) these keys through the incident engine; reversible";
            };
        }
    }

    /** The tile of {@code group} (tests and the screenshot find it by its user data). */
    Node tile(ExpiryGroup group) {
        return tileByGroup.get(group).box;
    }
}
