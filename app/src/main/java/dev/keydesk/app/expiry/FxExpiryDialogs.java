package dev.keydesk.app.expiry;

import javafx.stage.Window;

/** The app's {@link ExpiryDialogs}: the real extend and spread windows. */
public final class FxExpiryDialogs implements ExpiryDialogs {

    @Override
    public void openExtend(Window owner, ExtendViewModel vm) {
        ExpiryChangesDialog.open(owner, vm);
    }

    @Override
    public void openSpread(Window owner, SpreadViewModel vm) {
        ExpiryChangesDialog.open(owner, vm);
    }
}
