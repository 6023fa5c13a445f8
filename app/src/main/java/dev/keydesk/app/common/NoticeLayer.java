package dev.keydesk.app.common;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Shows {@link Notices} as small cards in the bottom-right corner, over the workspace: the rest of
 * the window stays usable (the layer lets clicks through where it has no card).
 */
public final class NoticeLayer extends VBox {

    public static final String STYLE_CLASS = "notice-layer";

    public NoticeLayer(Notices notices) {
        getStyleClass().add(STYLE_CLASS);
        setAlignment(Pos.BOTTOM_RIGHT);
        setSpacing(8);
        setPickOnBounds(false);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        notices.shown().addListener((ListChangeListener<Notices.Notice>) c -> show(notices));
        show(notices);
    }

    private void show(Notices notices) {
        getChildren().setAll(notices.shown().stream().map(n -> card(notices, n)).toList());
    }

    private static VBox card(Notices notices, Notices.Notice notice) {
        Label title = new Label(notice.title(), Icons.icon(Icons.WARNING));
        title.getStyleClass().add("notice-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button(null, Icons.icon(Icons.CLEAR));
        close.getStyleClass().addAll(atlantafx.base.theme.Styles.FLAT, "notice-close");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setAccessibleText("Dismiss the notice");
        close.setOnAction(e -> notices.dismiss(notice));
        HBox head = new HBox(6, title, grow, close);
        head.setAlignment(Pos.CENTER_LEFT);
        Label text = new Label(notice.text());
        text.setWrapText(true);
        VBox card = new VBox(6, head, text);
        if (notice.actionLabel() != null) {
            Button action = new Button(notice.actionLabel());
            action.getStyleClass().add("notice-action");
            action.setOnAction(e -> notices.act(notice));
            card.getChildren().add(action);
        }
        card.getStyleClass().add("notice");
        card.setMaxWidth(360);
        card.setPrefWidth(340);
        card.setAccessibleRole(javafx.scene.AccessibleRole.TEXT);
        card.setAccessibleText(notice.title() + ". " + notice.text());
        return card;
    }
}
