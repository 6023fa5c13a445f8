package dev.keydesk.core.connection;

import dev.keydesk.client.Secret;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A keyring in memory; {@link #unavailable()} makes one that fails like a machine without D-Bus. */
public final class FakeKeyring implements KeyringAccess {

    public final Map<String, String> entries = new HashMap<>();
    private final boolean available;

    private FakeKeyring(boolean available) {
        this.available = available;
    }

    public static FakeKeyring working() {
        return new FakeKeyring(true);
    }

    public static FakeKeyring unavailable() {
        return new FakeKeyring(false);
    }

    private void check() throws KeyringUnavailableException {
        if (!available) {
            throw new KeyringUnavailableException("No OS keyring is available on this machine.", null);
        }
    }

    @Override
    public Optional<Secret> read(String account) throws KeyringUnavailableException {
        check();
        return Optional.ofNullable(entries.get(account)).map(Secret::of);
    }

    @Override
    public void write(String account, Secret secret) throws KeyringUnavailableException {
        check();
        entries.put(account, secret.reveal());
    }

    @Override
    public void delete(String account) throws KeyringUnavailableException {
        check();
        entries.remove(account);
    }
}
