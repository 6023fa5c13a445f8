package dev.keydesk.client.model;

import java.util.List;

/** The calling key and what it may do. */
public record WhoAmI(ApiKey key, List<Permission> permissions) {

    public WhoAmI {
        permissions = List.copyOf(permissions);
    }

    public boolean holds(Permission wanted) {
        return Permission.holds(permissions, wanted);
    }
}
