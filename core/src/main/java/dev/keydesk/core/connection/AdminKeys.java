package dev.keydesk.core.connection;

import dev.keydesk.client.Dialect;
import dev.keydesk.client.Secret;
import dev.keydesk.client.narrative.NarrativeEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds a profile's admin key where the profile says it lives: an environment variable, the OS
 * keyring, this session's memory, or the embedded server's bootstrap key file. Never in a config
 * file. When there is no keyring, a key meant for it is kept in memory for this session only, and
 * {@link StoreResult#message()} says so.
 *
 * <p>Methods may block (keyring, files): call them through the TaskRunner. Every returned
 * {@link Secret} is a fresh copy the caller owns and should wipe.
 */
public final class AdminKeys implements AutoCloseable {

    public static final String NO_KEYRING_MESSAGE = "No OS keyring is available on this machine; the key is "
            + "kept for this session only and will be asked again next time.";

    /** The variables Narrative's own tools read a token from. */
    static final Set<String> NARRATIVE_TOKEN_VARIABLES = Set.of(NarrativeEnvironment.API_KEY,
            NarrativeEnvironment.API_TOKEN);

    private final KeyringAccess keyring;
    private final Function<String, String> environment;
    private final Map<String, Secret> sessionKeys = new ConcurrentHashMap<>();

    /** @param environment {@code System::getenv} in the app; a map lookup in tests */
    public AdminKeys(KeyringAccess keyring, Function<String, String> environment) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Where a key ended up after {@link #store}. */
    public record StoreResult(Profile.KeySource source, String message) {
        public boolean sessionOnly() {
            return source == Profile.KeySource.SESSION_ONLY;
        }
    }

    /**
     * The admin key of a profile that is not the embedded one.
     *
     * @throws AdminKeyException when the key is not where the profile says, with a message that says what to do
     */
    public Secret resolve(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        String who = "“" + profile.name() + "”";
        switch (profile.keySource()) {
            case ENVIRONMENT -> {
                String name = profile.keyReference();
                if (name == null || name.isBlank()) {
                    throw new AdminKeyException("The profile " + who + " takes its admin key from an environment "
                            + "variable, but names none. Name the variable in Connections….");
                }
                if (profile.dialect() == Dialect.NARRATIVE && NARRATIVE_TOKEN_VARIABLES.contains(name.trim())) {
                    return narrativeToken(who);
                }
                String value = environment.apply(name.trim());
                if (value == null || value.isBlank()) {
                    throw new AdminKeyException("The environment variable " + name.trim() + " is not set, so there "
                            + "is no admin key for " + who + ". Set it before starting KeyDesk, or choose another "
                            + "key source in Connections….");
                }
                return Secret.of(value.trim());
            }
            case KEYRING -> {
                Optional<Secret> remembered = sessionCopy(profile.id());
                if (remembered.isPresent()) {
                    return remembered.get();
                }
                try {
                    return keyring.read(profile.id()).orElseThrow(() -> new AdminKeyException(
                            "The OS keyring holds no admin key for " + who + ". Enter the key in Connections…."));
                } catch (KeyringAccess.KeyringUnavailableException e) {
                    throw new AdminKeyException(NO_KEYRING_MESSAGE + " Enter the admin key for " + who
                            + " in Connections….");
                }
            }
            case SESSION_ONLY -> {
                return sessionCopy(profile.id()).orElseThrow(() -> new AdminKeyException(
                        "The admin key for " + who + " is kept for one session only and has not been entered "
                                + "since KeyDesk started. Enter it in Connections…."));
            }
            case EMBEDDED -> throw new IllegalArgumentException("the embedded profile's key comes from its key file");
            default -> throw new IllegalStateException("unknown key source " + profile.keySource());
        }
    }

    /**
     * Whether the environment variable {@code name} holds something (never what), e.g. to suggest
     * the variable a person already set.
     */
    public boolean isSet(String name) {
        String value = name == null || name.isBlank() ? null : environment.apply(name.trim());
        return value != null && !value.isBlank();
    }

    /**
     * A Narrative profile that names either of Narrative's token variables takes the token by
     * Narrative's own rule ({@link NarrativeEnvironment#token}): {@code NARRATIVE_API_KEY}, else
     * {@code NARRATIVE_API_TOKEN}; both set to different tokens is refused, since which was meant is unknown.
     */
    private Secret narrativeToken(String who) {
        try {
            return NarrativeEnvironment.token(environment).orElseThrow(() -> new AdminKeyException(
                    "Neither " + NarrativeEnvironment.API_KEY + " nor " + NarrativeEnvironment.API_TOKEN
                            + " is set, so there is no Narrative token for " + who + ". Set one of them before "
                            + "starting KeyDesk, or choose another key source in Connections…."));
        } catch (IllegalArgumentException e) {
            throw new AdminKeyException(e.getMessage());
        }
    }

    /** The embedded server's bootstrap admin key. */
    public Secret readKeyFile(Path keyFile) {
        try {
            String text = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                throw new AdminKeyException("The local server's admin key file " + keyFile + " is empty.");
            }
            return Secret.of(text);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the local server's admin key file " + keyFile, e);
        }
    }

    /**
     * Keeps {@code key} where {@code profile} says: the keyring (falling back to this session's
     * memory when there is none), or memory for {@link Profile.KeySource#SESSION_ONLY}. Takes a
     * copy; the caller still owns {@code key}.
     */
    public StoreResult store(Profile profile, Secret key) {
        Objects.requireNonNull(key, "key");
        switch (profile.keySource()) {
            case KEYRING -> {
                try {
                    keyring.write(profile.id(), key);
                    forgetSessionKey(profile.id());
                    return new StoreResult(Profile.KeySource.KEYRING, "The key was stored in the OS keyring.");
                } catch (KeyringAccess.KeyringUnavailableException e) {
                    rememberForSession(profile.id(), key);
                    return new StoreResult(Profile.KeySource.SESSION_ONLY, NO_KEYRING_MESSAGE);
                }
            }
            case SESSION_ONLY -> {
                rememberForSession(profile.id(), key);
                return new StoreResult(Profile.KeySource.SESSION_ONLY,
                        "The key is kept for this session only and will be asked again next time.");
            }
            default -> throw new IllegalArgumentException("keys of source " + profile.keySource() + " are not stored");
        }
    }

    /** Forgets a deleted profile's key, in memory and in the keyring (best effort). */
    public void forget(String profileId) {
        forgetSessionKey(profileId);
        try {
            keyring.delete(profileId);
        } catch (KeyringAccess.KeyringUnavailableException e) {
            // Nothing can be in a keyring that does not exist.
        }
    }

    /** Whether a key for this profile was entered in this session. */
    public boolean hasSessionKey(String profileId) {
        return sessionKeys.containsKey(profileId);
    }

    /** Wipes every key held in memory. */
    @Override
    public void close() {
        sessionKeys.values().forEach(Secret::wipe);
        sessionKeys.clear();
    }

    private void rememberForSession(String profileId, Secret key) {
        Secret previous = sessionKeys.put(profileId, Secret.ofChars(key.copyChars()));
        if (previous != null) {
            previous.wipe();
        }
    }

    private void forgetSessionKey(String profileId) {
        Secret previous = sessionKeys.remove(profileId);
        if (previous != null) {
            previous.wipe();
        }
    }

    private Optional<Secret> sessionCopy(String profileId) {
        Secret held = sessionKeys.get(profileId);
        return held == null ? Optional.empty() : Optional.of(Secret.ofChars(held.copyChars()));
    }
}
