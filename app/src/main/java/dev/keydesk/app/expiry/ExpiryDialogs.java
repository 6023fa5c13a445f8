package dev.keydesk.app.expiry;

import javafx.stage.Window;

/** Opens the extend and spread dialogs; tests pass one that only records what was asked. */
public interface ExpiryDialogs {

    void openExtend(Window owner, ExtendViewModel vm);

    void openSpread(Window owner, SpreadViewModel vm);
}
