package dev.keydesk.client.narrative;

import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.KeyPolicy;

import java.util.List;
import java.util.Set;

/**
 * What the client knows of Narrative's permissions and rules without asking (its API has no catalog
 * or policy endpoint).
 */
public final class NarrativeCatalog {

    /**
     * Resources that the Permissions Reference lists with a single access level, without it being
     * certain which one: the catalog offers the likelier one and says so.
     */
    private static final Set<String> SINGLE_LEVEL_UNCONFIRMED = Set.of("encryption_materials", "app_events",
            "profile_store_data", "users", "model_training", "attributes");

    private NarrativeCatalog() {
    }

    /**
     * The resources of Narrative's Permissions Reference in its six categories (Core Data,
     * Infrastructure, Applications, Identity &amp; Access, Automation, Schema &amp; Mapping), with read
     * and write as the grantable levels, and the product documentation's presets. Resource names in
     * snake_case, as the API's own enums spell them (the Reference's wire names are not confirmed).
     * Permissions a token holds beyond these (other resources, {@code admin}, {@code create},
     * {@code revise}) are kept and shown, never dropped.
     */
    public static Catalog builtIn() {
        Catalog reference = Catalog.builtIn();
        List<CatalogResource> resources = reference.resources().stream()
                .map(r -> SINGLE_LEVEL_UNCONFIRMED.contains(r.name())
                        ? new CatalogResource(r.name(), r.label(), r.category(),
                                r.description() + " (one access level; which one is not confirmed)", r.access())
                        : r)
                .toList();
        return new Catalog(reference.accessLevels(), resources, reference.presets());
    }

    /** Tokens last at most a year, always expire, and have no types. */
    public static KeyPolicy policy() {
        KeyPolicy defaults = KeyPolicy.defaults();
        return new KeyPolicy(365, defaults.defaultLifetimeDays(), true, List.of());
    }
}
