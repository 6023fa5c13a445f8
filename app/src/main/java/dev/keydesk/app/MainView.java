package dev.keydesk.app;

import dev.keydesk.app.common.AppSettings;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.Theme;
import dev.keydesk.app.connection.ConnectionManager;
import dev.keydesk.app.keys.ActionState;
import dev.keydesk.app.keys.KeyTableView;
import dev.keydesk.app.keys.KeyTableViewModel;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.MenuItem;
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
 * The main window's controller: menus and shortcuts forward to the key workspace, the badge and
 * the status bar sit in their slots, the title follows the connection.
 */
public final class MainView {

    private final MainViewModel vm;
    private final ConnectionManager connections;
    private final AppSettings settings;
    private final DialogService dialogs;
    private final ClipboardSettingViewModel clipboardSetting;
    private final Node badge;
    private final Node statusBar;
    private final Consumer<Instant> lastRefreshSink;

    @FXML private BorderPane root;
    @FXML private StackPane badgeSlot;
    @FXML private StackPane statusSlot;
    @FXML private KeyTableView keysController;
    @FXML private MenuItem newKeyItem;
    @FXML private MenuItem editKeyItem;
    @FXML private MenuItem revokeItem;
    @FXML private MenuItem rotateItem;
    @FXML private MenuItem revokeAllShownItem;
    @FXML private MenuItem copyPrefixItem;
    @FXML private MenuItem copyIdItem;
    @FXML private MenuItem refreshItem;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;

    /**
     * @param badge the environment badge (always visible, top right)
     * @param statusBar the status bar node
     * @param lastRefreshSink told when the key list was last loaded (the status bar shows it)
     */
    public MainView(MainViewModel vm, ConnectionManager connections, AppSettings settings, DialogService dialogs,
                    ClipboardSettingViewModel clipboardSetting, Node badge, Node statusBar,
                    Consumer<Instant> lastRefreshSink) {
        this.vm = vm;
        this.connections = connections;
        this.settings = settings;
        this.dialogs = dialogs;
        this.clipboardSetting = clipboardSetting;
        this.badge = badge;
        this.statusBar = statusBar;
        this.lastRefreshSink = lastRefreshSink;
    }

    @FXML
    private void initialize() {
        badgeSlot.getChildren().setAll(badge);
        statusSlot.getChildren().setAll(statusBar);

        KeyTableViewModel keys = keysController.viewModel();
        gate(newKeyItem, keys.createActionProperty(), new SimpleStringProperty(newKeyItem.getText()));
        gate(editKeyItem, keys.editActionProperty(), new SimpleStringProperty(editKeyItem.getText()));
        gate(revokeItem, keys.revokeActionProperty(), javafx.beans.binding.Bindings.createStringBinding(
                () -> "_" + keys.revokeLabel() + "    (Delete)", keys.selected()));
        gate(refreshItem, keys.refreshActionProperty(), new SimpleStringProperty(refreshItem.getText()));
        gate(rotateItem, keys.rotateActionProperty(), new SimpleStringProperty(rotateItem.getText()));
        gate(revokeAllShownItem, keys.revokeAllShownActionProperty(), javafx.beans.binding.Bindings.createStringBinding(
                () -> keys.visibleRows().size() == keys.rows().size()
                        ? "Revoke _all " + keys.rows().size() + " keys…"
                        : "Revoke _all " + keys.visibleRows().size() + " shown keys…",
                keys.visibleRows(), keys.rows()));
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
        keysController.focusFilter();
    }

    @FXML
    private void clearFilters() {
        keysController.clearFilters();
    }

    @FXML
    private void refresh() {
        keysController.refresh();
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
                Ctrl+K   Connections""");
    }

    @FXML
    private void about() {
        dialogs.showInfo("About KeyDesk", "KeyDesk " + Version.current(),
                "A desktop console for the administrators of an API-key service.\n"
                        + "Secrets are shown once, never stored by the app.");
    }
}
