package dev.keydesk.core.connection;

import dev.keydesk.client.Secret;

import java.util.Optional;

/**
 * The OS credential store, behind an interface so that tests use a fake (this machine has no
 * D-Bus, so the real one always fails). Calls block, sometimes for a while (a desktop may ask the
 * person to unlock the keyring): call them through the TaskRunner.
 */
public interface KeyringAccess {

    /** The service name under which KeyDesk's entries are kept; the account is the profile id. */
    String SERVICE = "KeyDesk";

    /** The stored key, or empty when there is no entry for {@code account}. */
    Optional<Secret> read(String account) throws KeyringUnavailableException;

    void write(String account, Secret secret) throws KeyringUnavailableException;

    /** Removes the entry; no error when there was none. */
    void delete(String account) throws KeyringUnavailableException;

    /** There is no usable keyring on this machine, or it refused access. Never carries a secret. */
    final class KeyringUnavailableException extends Exception {
        public KeyringUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
