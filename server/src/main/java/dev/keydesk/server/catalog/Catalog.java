package dev.keydesk.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The permission catalog: resources, the access levels each supports, and presets. */
public final class Catalog {

    public static final String ADMIN = "admin:*";
    public static final List<String> ACCESS_LEVELS = List.of("read", "write");

    public record Resource(String name, String label, String category, String description, List<String> access) {}

    public record Preset(String id, String name, String description, List<String> permissions) {}

    private static final List<String> RW = List.of("read", "write");
    private static final List<String> R = List.of("read");
    private static final List<String> W = List.of("write");

    private static final List<Resource> RESOURCES = List.of(
            new Resource("datasets", "Datasets", "Core Data", "Datasets: view, list and retrieve; create, update and delete.", RW),
            new Resource("data_streams", "Data streams", "Core Data", "Streams of records flowing into datasets.", RW),
            new Resource("views", "Views", "Core Data", "Saved views over datasets.", RW),
            new Resource("queries", "Queries", "Core Data", "Queries and their results.", RW),
            new Resource("subscriptions", "Subscriptions", "Core Data", "Data subscriptions.", RW),
            new Resource("data_planes", "Data planes", "Infrastructure", "Data planes where data is processed.", RW),
            new Resource("connections", "Connections", "Infrastructure", "Connections to external systems.", RW),
            new Resource("destinations", "Destinations", "Infrastructure", "Delivery destinations.", RW),
            new Resource("resources", "Resources", "Infrastructure", "Infrastructure resources.", RW),
            new Resource("encryption_materials", "Encryption materials", "Infrastructure", "Public encryption materials (read only).", R),
            new Resource("apps", "Apps", "Applications", "Applications.", RW),
            new Resource("app_profiles", "App profiles", "Applications", "Application profiles.", RW),
            new Resource("installations", "Installations", "Applications", "Application installations.", RW),
            new Resource("profile_store_schema", "Profile store schema", "Applications", "The profile store's schema.", RW),
            new Resource("app_events", "App events", "Applications", "Sending application events (write only).", W),
            new Resource("profile_store_data", "Profile store data", "Applications", "Writing profile store data (write only).", W),
            new Resource("access_tokens", "Access tokens", "Identity & Access", "API key management.", RW),
            new Resource("company_info", "Company info", "Identity & Access", "Company information.", RW),
            new Resource("users", "Users", "Identity & Access", "Inviting and managing users (write only).", W),
            new Resource("jobs", "Jobs", "Automation", "Jobs.", RW),
            new Resource("workflows", "Workflows", "Automation", "Workflows.", RW),
            new Resource("webhooks", "Webhooks", "Automation", "Webhooks.", RW),
            new Resource("models", "Models", "Automation", "Models.", RW),
            new Resource("model_training", "Model training", "Automation", "Starting model training (write only).", W),
            new Resource("mappings", "Mappings", "Schema & Mapping", "Attribute mappings.", RW),
            new Resource("schema_preset", "Schema presets", "Schema & Mapping", "Schema presets.", RW),
            new Resource("attributes", "Attributes", "Schema & Mapping", "Attributes (read only).", R));

    private static final List<Preset> PRESETS = List.of(
            new Preset("analytics", "Read-only analytics", "Read datasets, queries and subscriptions for reporting.",
                    List.of("datasets:read", "queries:read", "subscriptions:read")),
            new Preset("ingestion", "Data ingestion", "Write data into datasets and data streams.",
                    List.of("datasets:write", "data_streams:write")),
            new Preset("workflow_automation", "Workflow automation", "Run and manage workflows and jobs.",
                    List.of("workflows:read", "workflows:write", "jobs:read", "jobs:write")),
            new Preset("connector_delivery", "Connector delivery", "Manage connections and delivery destinations.",
                    List.of("connections:read", "connections:write", "destinations:read", "destinations:write")),
            new Preset("sdk_development", "SDK development",
                    "Read and write on the resources the application uses, chosen by the user; "
                            + "starts from apps, app profiles and installations.",
                    List.of("apps:read", "apps:write", "app_profiles:read", "app_profiles:write",
                            "installations:read", "installations:write")));

    private static final Map<String, Resource> BY_NAME = new LinkedHashMap<>();

    static {
        for (Resource r : RESOURCES) {
            BY_NAME.put(r.name(), r);
        }
    }

    private Catalog() {}

    public static List<Resource> resources() {
        return RESOURCES;
    }

    public static List<Preset> presets() {
        return PRESETS;
    }

    public static Optional<Resource> resource(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Whether {@code permission} is {@code admin:*} or a catalog resource with an access it supports. */
    public static boolean isKnown(String permission) {
        if (ADMIN.equals(permission)) {
            return true;
        }
        int colon = permission.indexOf(':');
        if (colon <= 0 || colon != permission.lastIndexOf(':')) {
            return false;
        }
        Resource r = BY_NAME.get(permission.substring(0, colon));
        return r != null && r.access().contains(permission.substring(colon + 1));
    }

    /** Whether a holder of {@code held} has {@code permission}. */
    public static boolean holds(Set<String> held, String permission) {
        return held.contains(ADMIN) || held.contains(permission);
    }

    /** The permissions among {@code wanted} that a holder of {@code held} lacks. */
    public static List<String> missing(Set<String> held, List<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String p : wanted) {
            if (!holds(held, p)) {
                out.add(p);
            }
        }
        return out;
    }
}
