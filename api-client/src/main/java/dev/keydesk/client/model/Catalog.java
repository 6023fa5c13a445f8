package dev.keydesk.client.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The resources keys can be granted access to, the access levels, and the presets. */
public record Catalog(List<String> accessLevels, List<CatalogResource> resources, List<Preset> presets) {

    public Catalog {
        accessLevels = List.copyOf(accessLevels);
        resources = List.copyOf(resources);
        presets = List.copyOf(presets);
    }

    public Optional<CatalogResource> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The categories in catalog order. */
    public List<String> categories() {
        Set<String> seen = new LinkedHashSet<>();
        resources.forEach(r -> seen.add(r.category()));
        return List.copyOf(seen);
    }

    /** Whether the catalog knows this resource and the resource supports this access level. */
    public boolean supports(Permission permission) {
        return permission.isAdminAll()
                || resource(permission.resource()).map(r -> r.supports(permission.access())).orElse(false);
    }

    /** The preset whose permissions are exactly {@code selection}, if any. */
    public Optional<Preset> presetMatching(Set<Permission> selection) {
        return presets.stream().filter(p -> Set.copyOf(p.permissions()).equals(selection)).findFirst();
    }

    /**
     * The default catalog of {@code key-api.md} (the Narrative platform's Permissions Reference),
     * used when a server has no catalog endpoint.
     */
    public static Catalog builtIn() {
        List<CatalogResource> r = new ArrayList<>();
        String core = "Core Data";
        add(r, core, "datasets", "Datasets", "Datasets and their records", "rw");
        add(r, core, "data_streams", "Data streams", "Streams that feed datasets", "rw");
        add(r, core, "views", "Views", "Saved views over datasets", "rw");
        add(r, core, "queries", "Queries", "Queries and their results", "rw");
        add(r, core, "subscriptions", "Subscriptions", "Data subscriptions", "rw");
        String infra = "Infrastructure";
        add(r, infra, "data_planes", "Data planes", "Where data is stored and processed", "rw");
        add(r, infra, "connections", "Connections", "Connections to external systems", "rw");
        add(r, infra, "destinations", "Destinations", "Where data is delivered", "rw");
        add(r, infra, "resources", "Resources", "Compute and storage resources", "rw");
        add(r, infra, "encryption_materials", "Encryption materials", "Keys and certificates for encryption", "r");
        String apps = "Applications";
        add(r, apps, "apps", "Apps", "Applications", "rw");
        add(r, apps, "app_profiles", "App profiles", "Application profiles", "rw");
        add(r, apps, "installations", "Installations", "Installed applications", "rw");
        add(r, apps, "profile_store_schema", "Profile store schema", "Schema of the profile store", "rw");
        add(r, apps, "app_events", "App events", "Events sent by applications", "w");
        add(r, apps, "profile_store_data", "Profile store data", "Data written to the profile store", "w");
        String identity = "Identity & Access";
        add(r, identity, "access_tokens", "Access tokens", "API key management", "rw");
        add(r, identity, "company_info", "Company info", "Company details", "rw");
        add(r, identity, "users", "Users", "User accounts", "w");
        String automation = "Automation";
        add(r, automation, "jobs", "Jobs", "Jobs and their runs", "rw");
        add(r, automation, "workflows", "Workflows", "Workflow definitions and runs", "rw");
        add(r, automation, "webhooks", "Webhooks", "Webhook subscriptions", "rw");
        add(r, automation, "models", "Models", "Machine-learning models", "rw");
        add(r, automation, "model_training", "Model training", "Training runs", "w");
        String schema = "Schema & Mapping";
        add(r, schema, "mappings", "Mappings", "Mappings between schemas", "rw");
        add(r, schema, "schema_preset", "Schema presets", "Reusable schema presets", "rw");
        add(r, schema, "attributes", "Attributes", "Attribute definitions", "r");

        List<Preset> presets = List.of(
                new Preset("analytics", "Read-only analytics", "Read datasets, queries and subscriptions",
                        perms("datasets:read", "queries:read", "subscriptions:read")),
                new Preset("ingestion", "Data ingestion", "Write datasets and data streams",
                        perms("datasets:write", "data_streams:write")),
                new Preset("workflow_automation", "Workflow automation", "Run and manage workflows and jobs",
                        perms("workflows:read", "workflows:write", "jobs:read", "jobs:write")),
                new Preset("connector_delivery", "Connector delivery", "Manage connections and destinations",
                        perms("connections:read", "connections:write", "destinations:read", "destinations:write")),
                new Preset("sdk_development", "SDK development",
                        "Read and write on the resources the application uses (choose them)",
                        perms("apps:read", "apps:write", "app_profiles:read", "app_profiles:write",
                                "installations:read", "installations:write")));
        return new Catalog(List.of(Permission.READ, Permission.WRITE), r, presets);
    }

    private static void add(List<CatalogResource> into, String category, String name, String label,
                            String description, String levels) {
        List<String> access = new ArrayList<>();
        if (levels.contains("r")) {
            access.add(Permission.READ);
        }
        if (levels.contains("w")) {
            access.add(Permission.WRITE);
        }
        into.add(new CatalogResource(name, label, category, description, access));
    }

    private static List<Permission> perms(String... values) {
        return java.util.Arrays.stream(values).map(Permission::parse).toList();
    }
}
