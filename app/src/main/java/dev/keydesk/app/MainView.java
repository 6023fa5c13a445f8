package dev.keydesk.app;

import dev.keydesk.app.activity.ActivityView;
import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.Icons;
import dev.keydesk.app.common.Theme;
import dev.keydesk.app.common.Workspaces;
import dev.keydesk.app.common.Workspaces.Workspace;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.expiry.ExpiryPanelView;
import dev.keydesk.app.incident.IncidentView;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyTableView;
import dev.keydesk.app.keys.KeyTableViewModel;
import dev.keydesk.app.review.ReviewView;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The main window's controller: the workspaces as tabs (following {@link Workspaces}), menus and
 * shortcuts forwarded to the workspace they act on, the badge, the notices and the status bar in
 * their slots, the title following the connection.
 */
public final class MainView {

    private final MainViewModel vm;
    private final ConnectionManager connections;
    private final AppSettings settings;
    private final DialogService dialogs;
    private final ClipboardSettingViewModel clipboardSetting;
    private final Node badge;
    private final Node statusBar;
    private final Node notices;
    private final Workspaces workspaces;
    private final Consumer<Instant> lastRefreshSink;

    @FXML private BorderPane root;
    @FXML private StackPane badgeSlot;
    @FXML private StackPane statusSlot;
    @FXML private StackPane noticeSlot;
    @FXML private TabPane workspaceTabs;
    @FXML private Tab keysTab;
    @FXML private Tab activityTab;
    @FXML private Tab incidentTab;
    @FXML private ActivityView activityController;
    @FXML private IncidentView incidentController;
    @FXML private KeyTableView keysController;
    @FXML private Tab reviewTab;
    @FXML private ReviewView reviewController;
    @FXML private MenuItem reviewItem;
    @FXML private ExpiryPanelView expiryPanelController;
    @FXML private CheckMenuItem expiryPanelItem;
    @FXML private MenuItem extendItem;
    @FXML private CheckMenuItem expiryCalendarItem;
    @FXML private MenuItem newKeyItem;
    @FXML private MenuItem editKeyItem;
    @FXML private MenuItem revokeItem;
    @FXML private MenuItem rotateItem;
    @FXML private MenuItem revokeAllShownItem;
    @FXML private MenuItem copyPrefixItem;
    @FXML private MenuItem copyIdItem;
    @FXML private MenuItem refreshItem;
    @FXML private MenuItem incidentFromSelectionItem;
    @FXML private MenuItem freezeItem;
    @FXML private MenuItem thawItem;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;

    /**
     * @param badge the environment badge (always visible, top right)
     * @param statusBar the status bar node
     * @param notices the notice layer (bottom right, over the workspace)
     * @param workspaces which workspace is in front; the tabs follow it
     * @param lastRefreshSink told when the key list was last loaded (the status bar shows it)
     */
    public MainView(MainViewModel vm, ConnectionManager connections, AppSettings settings, DialogService dialogs,
                    ClipboardSettingViewModel clipboardSetting, Node badge, Node statusBar, Node notices,
                    Workspaces workspaces, Consumer<Instant> lastRefreshSink) {
        this.vm = vm;
        this.connections = connections;
        this.settings = settings;
        this.dialogs = dialogs;
        this.clipboardSetting = clipboardSetting;
        this.badge = badge;
        this.statusBar = statusBar;
        this.notices = notices;
        this.workspaces = workspaces;
        this.lastRefreshSink = lastRefreshSink;
    }

    @FXML
    private void initialize() {
        badgeSlot.getChildren().setAll(badge);
        statusSlot.getChildren().setAll(statusBar);
        noticeSlot.getChildren().setAll(notices);
        StackPane.setAlignment(notices, javafx.geometry.Pos.BOTTOM_RIGHT);
        // During an incident the corner notices (keys expiring soon) would cover the run's buttons;
        // they wait, and show again in the other workspaces.
        noticeSlot.visibleProperty().bind(workspaces.currentProperty().isNotEqualTo(Workspace.INCIDENT));
        setUpWorkspaces();

        KeyTableViewModel keys = keysController.viewModel();
        gate(newKeyItem, keys.createActionProperty(), new SimpleStringProperty(newKeyItem.getText()));
        gate(editKeyItem, keys.editActionProperty(), new SimpleStringProperty(editKeyItem.getText()));
        gate(revokeItem, keys.revokeActionProperty(), javafx.beans.binding.Bindings.createStringBinding(
                () -> "_" + keys.revokeLabel() + "    (Delete)", keys.selected()));
        gate(refreshItem, keys.refreshActionProperty(), new SimpleStringProperty(refreshItem.getText()));
        gate(rotateItem, keys.rotateActionProperty(), new SimpleStringProperty(rotateItem.getText()));
        gate(reviewItem, keys.reviewActionProperty(), new SimpleStringProperty(reviewItem.getText()));
        gate(revokeAllShownItem, keys.revokeAllShownActionProperty(), javafx.beans.binding.Bindings.createStringBinding(
                () -> keys.visibleRows().size() == keys.rows().size()
                        ? "Revoke _all " + keys.rows().size() + " keys…"
                        : "Revoke _all " + keys.visibleRows().size() + " shown keys…",
                keys.visibleRows(), keys.rows()));
        gate(incidentFromSelectionItem, keys.incidentActionProperty(),
                new SimpleStringProperty(incidentFromSelectionItem.getText()));
        gate(freezeItem, keys.freezeActionProperty(), new SimpleStringProperty(freezeItem.getText()));
        gate(thawItem, keys.thawActionProperty(), new SimpleStringProperty(thawItem.getText()));
        gate(copyPrefixItem, keys.copyPrefixActionProperty(), new SimpleStringProperty(copyPrefixItem.getText()));
        copyIdItem.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(keys.selected()));
        keys.lastRefreshProperty().addListener((obs, old, at) -> {
            if (at != null) {
                lastRefreshSink.accept(at);
            }
        });

        ToggleGroup themes = new ToggleGroup();
        lightThemeItem.setToggleGroup(themes);
        darkThemeItem.setToggleGroup(themes);
        (settings.theme() == Theme.DARK ? darkThemeItem : lightThemeItem).setSelected(true);
        lightThemeItem.setOnAction(e -> settings.themeProperty().set(Theme.LIGHT));
        darkThemeItem.setOnAction(e -> settings.themeProperty().set(Theme.DARK));

        // Second shortcuts for the same actions (a menu item holds one accelerator).
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                        this::refresh);
            }
        });
    }

    /**
     * The tabs and {@link Workspaces} follow each other; each tab's header says its shortcut.
     * Tabs are found by their {@link Workspace} (user data), so others can add theirs in the FXML.
     */
    private void setUpWorkspaces() {
        keysTab.setUserData(Workspace.KEYS);
        keysTab.setGraphic(Icons.icon(Icons.KEY));
        activityTab.setUserData(Workspace.ACTIVITY);
        activityTab.setGraphic(Icons.icon(Icons.ACTIVITY));
        incidentTab.setUserData(Workspace.INCIDENT);
        incidentTab.setGraphic(Icons.icon(Icons.INCIDENT));
        reviewTab.setUserData(Workspace.REVIEW);
        reviewTab.setGraphic(Icons.icon(Icons.REVIEW));
        for (Tab tab : workspaceTabs.getTabs()) {
            if (tab.getUserData() instanceof Workspace w) {
                tab.setTooltip(new Tooltip(w.label() + " (Ctrl+" + w.shortcut() + ")"));
            }
        }
        selectTab(workspaces.current());
        workspaces.currentProperty().addListener((obs, old, w) -> selectTab(w));
        workspaceTabs.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null && tab.getUserData() instanceof Workspace w) {
                workspaces.show(w);
            }
        });

        var panel = expiryPanelController.viewModel();
        var extendState = javafx.beans.binding.Bindings.createObjectBinding(panel::extendSelectedState,
                panel.actionsChangedProperty(), keysController.viewModel().selected(),
                keysController.viewModel().showingRevokedProperty());
        gate(extendItem, extendState, new SimpleStringProperty(extendItem.getText()));
        expiryPanelItem.setSelected(!panel.collapsedProperty().get());
        panel.collapsedProperty().addListener((obs, old, c) -> expiryPanelItem.setSelected(!c));
        expiryPanelItem.setOnAction(e -> {
            panel.collapsedProperty().set(!expiryPanelItem.isSelected());
            workspaces.show(Workspace.KEYS);
        });
        Runnable calendarShown = () -> expiryCalendarItem.setSelected(
                panel.calendarShownProperty().get() && !panel.collapsedProperty().get());
        panel.calendarShownProperty().addListener((obs, old, now) -> calendarShown.run());
        panel.collapsedProperty().addListener((obs, old, now) -> calendarShown.run());
        calendarShown.run();
        expiryCalendarItem.setOnAction(e -> {
            expiryPanelController.toggleCalendar();
            calendarShown.run(); // the item shows the panel's state, whatever the click did to it
            workspaces.show(Workspace.KEYS);
        });
    }

    private void selectTab(Workspace workspace) {
        for (Tab tab : workspaceTabs.getTabs()) {
            if (tab.getUserData() == workspace && workspaceTabs.getSelectionModel().getSelectedItem() != tab) {
                workspaceTabs.getSelectionModel().select(tab);
            }
        }
    }

    @FXML
    private void showKeys() {
        workspaces.show(Workspace.KEYS);
    }

    @FXML
    private void showActivity() {
        workspaces.show(Workspace.ACTIVITY);
    }

    @FXML
    private void showIncident() {
        workspaces.show(Workspace.INCIDENT);
    }

    @FXML
    private void incidentFromSelection() {
        keysController.incidentFromSelection();
    }

    @FXML
    private void freezeSelected() {
        keysController.freezeSelected();
    }

    @FXML
    private void thawSelected() {
        keysController.thawSelected();
    }

    @FXML
    private void thawFromReport() {
        incidentController.thawFromReport();
    }

    @FXML
    private void identifySecret() {
        incidentController.identifySecret();
    }

    @FXML
    private void exportInventory() {
        incidentController.exportInventory();
    }

    @FXML
    private void showReview() {
        workspaces.show(Workspace.REVIEW);
    }

    @FXML
    private void reviewKeys() {
        keysController.reviewSelected();
    }

    @FXML
    private void extendSelected() {
        workspaces.show(Workspace.KEYS);
        expiryPanelController.viewModel().extendSelected(root.getScene().getWindow());
    }

    @FXML
    private void editExpiryRules() {
        workspaces.show(Workspace.KEYS);
        expiryPanelController.editRules();
    }

    /** Disabled while the action can't run; a menu item has no tooltip, so its text names a missing permission. */
    private static void gate(MenuItem item, ObservableValue<ActionState> state, ObservableValue<String> text) {
        item.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> state.getValue() == null || !state.getValue().enabled(), state));
        item.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> state.getValue() == null ? text.getValue() : state.getValue().menuText(text.getValue()),
                state, text));
    }

    /** The window title; the app binds the stage's title to it. */
    public ObservableValue<String> titleProperty() {
        return vm.titleProperty();
    }

    @FXML
    private void newKey() {
        keysController.newKey();
    }

    @FXML
    private void editKey() {
        keysController.editSelected();
    }

    @FXML
    private void rotateKey() {
        keysController.rotateSelected();
    }

    @FXML
    private void revokeAllShown() {
        keysController.revokeAllShown();
    }

    @FXML
    private void revokeKeys() {
        keysController.revokeSelected();
    }

    @FXML
    private void copyPrefix() {
        keysController.copySelectedPrefix();
    }

    @FXML
    private void copyId() {
        keysController.copySelectedId();
    }

    @FXML
    private void focusFilter() {
        if (workspaces.current() == Workspace.REVIEW) {
            reviewController.focusList();
        } else if (workspaces.current() == Workspace.ACTIVITY) {
            activityController.focusFilter();
        } else {
            workspaces.show(Workspace.KEYS);
            keysController.focusFilter();
        }
    }

    @FXML
    private void clearFilters() {
        if (workspaces.current() == Workspace.ACTIVITY) {
            activityController.clearFilters();
        } else {
            keysController.clearFilters();
        }
    }

    /** F5, Ctrl+R, View → Refresh: the workspace in front reloads. */
    @FXML
    private void refresh() {
        if (workspaces.current() == Workspace.REVIEW) {
            reviewController.refresh();
        } else if (workspaces.current() == Workspace.ACTIVITY) {
            activityController.refresh();
        } else if (workspaces.current() == Workspace.INCIDENT) {
            incidentController.refresh();
        } else {
            keysController.refresh();
        }
    }

    @FXML
    private void changeClipboardClearAfter() {
        clipboardSetting.change();
    }

    @FXML
    private void openConnections() {
        connections.openProfiles(root.getScene().getWindow());
    }

    @FXML
    private void reconnect() {
        connections.reconnect();
    }

    @FXML
    private void quit() {
        // Closing the window runs the same shutdown as the window's close button (Application.stop).
        Platform.exit();
    }

    @FXML
    private void showShortcuts() {
        dialogs.showInfo("Keyboard shortcuts", "Keyboard shortcuts", """
                Ctrl+N   New key
                Ctrl+E / Enter   Edit the selected key
                Delete   Revoke the selected keys
                F5 / Ctrl+R   Refresh
                Ctrl+F   Filter
                Esc   Clear the filter
                Ctrl+Shift+C   Copy the selected key's prefix
                Ctrl+K   Connections
                Ctrl+Shift+X   Extend the selected keys' expiry (preview first)
                Ctrl+1 / Ctrl+2 / Ctrl+3 / Ctrl+4   Keys / Activity / Incident / Review workspace
                Ctrl+I   Incident from the selected keys
                Ctrl+Shift+F / Ctrl+Shift+T   Freeze / thaw the selected keys (asks first)
                Ctrl+Shift+I   Identify a leaked secret
                Ctrl+Shift+S   Export the key inventory
                Esc (Incident workspace)   Cancel the run
                Alt+A / Alt+K / Alt+S   Review: accept the proposal / keep the grants / skip the key
                Ctrl+Shift+E   Fold or unfold the expiry panel
                Ctrl+Shift+L   Expiry calendar""");
    }

    @FXML
    private void about() {
        dialogs.showInfo("About KeyDesk", "KeyDesk " + Version.current(),
                "A desktop console for the administrators of an API-key service.\n"
                        + "Secrets are shown once, never stored by the app.");
    }
}
