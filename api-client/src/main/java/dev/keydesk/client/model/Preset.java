package dev.keydesk.client.model;

import java.util.List;

/** A named set of permissions for a common use case. */
public record Preset(String id, String name, String description, List<Permission> permissions) {

    public Preset {
        permissions = List.copyOf(permissions);
    }
}
