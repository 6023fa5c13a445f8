package dev.keydesk.app.keys;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Binds a button to an {@link ActionState}: disabled with a tooltip that says why. JavaFX shows no
 * tooltip on a disabled control, so the button sits in a wrapper that carries the "why" tooltip
 * while the button is disabled (and lets the mouse through to it).
 */
public final class GatedButton {

    private GatedButton() {
    }

    public static void bind(Region wrapper, Button button, ObservableValue<ActionState> state, String enabledTip) {
        Tooltip enabledTooltip = new Tooltip(enabledTip);
        Tooltip blockedTooltip = new Tooltip();
        Runnable apply = () -> {
            ActionState s = state.getValue();
            boolean enabled = s != null && s.enabled();
            button.setDisable(!enabled);
            // A disabled button is mouse-transparent so the wrapper is picked and shows its tooltip.
            button.setMouseTransparent(!enabled);
            button.setTooltip(enabled ? enabledTooltip : null);
            if (enabled || s == null || s.reason() == null) {
                Tooltip.uninstall(wrapper, blockedTooltip);
            } else {
                blockedTooltip.setText(s.reason());
                Tooltip.install(wrapper, blockedTooltip);
            }
            button.setAccessibleHelp(enabled ? enabledTip : s == null ? null : s.reason());
        };
        state.addListener((obs, old, value) -> apply.run());
        apply.run();
    }
}
