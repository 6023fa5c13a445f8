package dev.keydesk.app.keys;

import dev.keydesk.client.model.ApiKey;
import javafx.stage.Window;

/**
 * Opens the create and edit flows (the editor feature implements it), so that the key table does
 * not depend on how they are built. Rotation is the review workspace's ({@link KeyReviews}).
 */
public interface KeyDialogs {

    /** Create a key; {@code onCreated} runs on the FX thread once a key exists (even a replayed one). */
    void openCreate(Window owner, Runnable onCreated);

    /**
     * The replacement of {@code revoked}, a key an incident revoked: the create form starts as its
     * copy (to review and narrow), titled with {@code position} ("2 of 5"), and the new secret is
     * shown once; {@code onCreated} runs once the replacement exists, {@code afterSecretStored}
     * once its copy-once dialog has closed (the next revoked key's form then follows).
     */
    void openReplacement(Window owner, ApiKey revoked, String position, Runnable onCreated,
                         Runnable afterSecretStored);

    /** Edit {@code key}; {@code onSaved} runs on the FX thread after a successful save. */
    void openEdit(Window owner, ApiKey key, Runnable onSaved);
}
