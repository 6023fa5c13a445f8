package dev.keydesk.client.model;

import java.util.List;
import java.util.Optional;

/**
 * Who is calling and what it may do.
 *
 * <p>In KeyDesk's dialect the server names the calling key ({@link #callingKey()}). Narrative's
 * {@code /whoami} names a user and a company instead, and nothing that identifies the token: then
 * {@code key} is null and {@link #userName()} / {@link #companyName()} say who it is.
 *
 * @param key the calling key; <b>null</b> where the server does not name it (prefer
 *     {@link #callingKey()})
 * @param permissions what the caller may do, flattened to {@code resource:access}; empty means the
 *     server did not say (see {@link #permissionsKnown()})
 * @param userName the user behind the credential, where the server names one
 * @param companyName the company the credential acts for, where the server names one
 */
public record WhoAmI(ApiKey key, List<Permission> permissions, String userName, String companyName) {

    public WhoAmI {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** The calling key and its permissions, as KeyDesk's dialect answers. */
    public WhoAmI(ApiKey key, List<Permission> permissions) {
        this(key, permissions, null, null);
    }

    public Optional<ApiKey> callingKey() {
        return Optional.ofNullable(key);
    }

    /** False when the server listed no permissions: they are then unknown, not none. */
    public boolean permissionsKnown() {
        return !permissions.isEmpty();
    }

    /**
     * Whether the caller may act as {@code wanted} needs. True when the permissions are unknown:
     * the server then decides, and its refusal is the answer.
     */
    public boolean holds(Permission wanted) {
        return !permissionsKnown() || Permission.holds(permissions, wanted);
    }

    /**
     * The caller for people: the key's name (and prefix) where the server names the key, else the
     * user and company, e.g. "John Doe · Narrative, Inc".
     */
    public String principalDescription() {
        if (key != null) {
            String name = key.name() == null || key.name().isBlank() ? key.id() : key.name();
            return key.prefix() == null ? name : name + " (" + key.prefix() + "…)";
        }
        boolean user = userName != null && !userName.isBlank();
        boolean company = companyName != null && !companyName.isBlank();
        if (user && company) {
            return userName + " · " + companyName;
        }
        return user ? userName : company ? companyName : "unknown caller";
    }
}
