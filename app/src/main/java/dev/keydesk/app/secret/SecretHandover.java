package dev.keydesk.app.secret;

import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;

/**
 * Shows a new key's secret once, in the copy-once dialog, and wipes it when that closes. The create
 * form and a rotation hand their new secrets over through it; tests hand over to a recorder.
 */
public interface SecretHandover {

    /**
     * Shows {@code secret} of {@code key}; {@code afterClosed} runs on the FX thread once the dialog
     * has closed (not when the app quits with it open). The handover takes ownership of {@code secret}.
     */
    void showOnce(ApiKey key, Secret secret, Runnable afterClosed);
}
