package dev.keydesk.core.connection;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.keydesk.client.Secret;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link KeyringAccess} over java-keyring (Secret Service, macOS Keychain, Windows Credential
 * Manager). The library only speaks {@code String}, so the key exists as a string for the moment
 * of the call; that is the price of the OS store, and far better than a file.
 */
public final class OsKeyring implements KeyringAccess {

    /** The calls KeyDesk makes on the library's {@link Keyring}; a stand-in in tests. */
    interface Backend {
        String getPassword(String service, String account) throws PasswordAccessException;

        void setPassword(String service, String account, String password) throws PasswordAccessException;

        void deletePassword(String service, String account) throws PasswordAccessException;
    }

    /** Opens the OS keyring; fails where there is none (e.g. no D-Bus session on Linux). */
    @FunctionalInterface
    interface Opener {
        Backend open() throws BackendNotSupportedException;
    }

    private final Opener opener;
    private Backend keyring;
    // Remembered so that a machine without a keyring pays the ~100 ms probe once, not per call.
    private KeyringUnavailableException unavailable;

    public OsKeyring() {
        this(OsKeyring::openSystemKeyring);
    }

    OsKeyring(Opener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    @Override
    public synchronized Optional<Secret> read(String account) throws KeyringUnavailableException {
        Backend k = keyring();
        String value;
        try {
            value = k.getPassword(SERVICE, account);
        } catch (PasswordAccessException e) {
            // The library reports a missing entry and a refused access alike; both mean "ask for the key".
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new KeyringUnavailableException("The OS keyring failed: " + e.getClass().getSimpleName(), null);
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(value));
    }

    @Override
    public synchronized void write(String account, Secret secret) throws KeyringUnavailableException {
        Backend k = keyring();
        try {
            k.setPassword(SERVICE, account, secret.reveal());
        } catch (PasswordAccessException | RuntimeException e) {
            // The cause is dropped on purpose: a library message might quote what it was given.
            throw new KeyringUnavailableException("The OS keyring refused to store the key.", null);
        }
    }

    @Override
    public synchronized void delete(String account) throws KeyringUnavailableException {
        Backend k = keyring();
        try {
            k.deletePassword(SERVICE, account);
        } catch (PasswordAccessException e) {
            // No entry: nothing to delete.
        } catch (RuntimeException e) {
            throw new KeyringUnavailableException("The OS keyring failed: " + e.getClass().getSimpleName(), null);
        }
    }

    private Backend keyring() throws KeyringUnavailableException {
        if (unavailable != null) {
            throw unavailable;
        }
        if (keyring == null) {
            try {
                keyring = opener.open();
            } catch (BackendNotSupportedException | RuntimeException | LinkageError e) {
                unavailable = new KeyringUnavailableException("No OS keyring is available on this machine.", e);
                throw unavailable;
            }
        }
        return keyring;
    }

    private static Backend openSystemKeyring() throws BackendNotSupportedException {
        Keyring keyring = Keyring.create();
        return new Backend() {
            @Override
            public String getPassword(String service, String account) throws PasswordAccessException {
                return keyring.getPassword(service, account);
            }

            @Override
            public void setPassword(String service, String account, String password) throws PasswordAccessException {
                keyring.setPassword(service, account, password);
            }

            @Override
            public void deletePassword(String service, String account) throws PasswordAccessException {
                keyring.deletePassword(service, account);
            }
        };
    }
}
