package dev.keydesk.client.model;

import java.util.List;

/**
 * A resource that permissions name, and the access levels it supports.
 *
 * @param name the wire name, e.g. {@code data_streams}
 * @param label for people, e.g. "Data streams"
 */
public record CatalogResource(String name, String label, String category, String description, List<String> access) {

    public CatalogResource {
        access = List.copyOf(access);
    }

    public boolean supports(String accessLevel) {
        return access.contains(accessLevel);
    }
}
