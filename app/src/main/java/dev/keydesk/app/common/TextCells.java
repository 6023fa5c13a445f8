package dev.keydesk.app.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.function.Function;

/**
 * Table columns whose cell value is the row itself: the cell shows a text computed from the row
 * and carries at most one style class chosen from it (a recycled cell drops the previous row's).
 * Sorting stays the column's business ({@link TableColumn#setComparator}), on the real values.
 */
public final class TextCells {

    private TextCells() {
    }

    /**
     * @param styleClass the row's style class, or null for none
     * @param withTooltip whether the cell also shows its text as a tooltip (for columns that may cut it)
     */
    public static <S> void bind(TableColumn<S, S> column, Function<S, String> text, Function<S, String> styleClass,
                                boolean withTooltip) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(S row, boolean empty) {
                super.updateItem(row, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                if (empty || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String shown = text.apply(row);
                setText(shown);
                setTooltip(withTooltip ? new Tooltip(shown) : null);
                String style = styleClass.apply(row);
                if (style != null) {
                    getStyleClass().add(style);
                    applied = style;
                }
            }
        });
    }
}
