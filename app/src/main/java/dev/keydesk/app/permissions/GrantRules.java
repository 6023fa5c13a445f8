package dev.keydesk.app.permissions;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.Permission;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a dialect lets a key be granted, beyond what the admin key holds: permissions a key may
 * carry but nobody can grant (kept exactly as they are, shown, never dropped), and whether
 * {@code admin:*} exists at all.
 *
 * @param keptAsIs permissions that are shown but cannot be ticked or unticked
 * @param keptAsIsReason why, for such a permission's tooltip
 * @param adminAllUnavailable why {@code admin:*} cannot be granted; null where it can
 */
public record GrantRules(Predicate<Permission> keptAsIs, Function<Permission, String> keptAsIsReason,
                         String adminAllUnavailable) {

    /** KeyDesk's own: every permission the catalog offers, and {@code admin:*}. */
    public static final GrantRules ANY = new GrantRules(p -> false, p -> "", null);

    public GrantRules {
        Objects.requireNonNull(keptAsIs, "keptAsIs");
        Objects.requireNonNull(keptAsIsReason, "keptAsIsReason");
    }

    /**
     * The rules of {@code capabilities}' dialect. Narrative grants read and write only: a token's
     * {@code admin}, {@code create} or {@code revise} access (its schema has them) is kept as it is,
     * and there is no {@code admin:*}.
     */
    public static GrantRules of(Capabilities capabilities, Catalog catalog) {
        if (capabilities.dialect() != Dialect.NARRATIVE) {
            return ANY;
        }
        String levels = String.join(" and ", catalog.accessLevels());
        return new GrantRules(
                p -> !p.isAdminAll() && p.isWellFormed() && !catalog.accessLevels().contains(p.access()),
                p -> "Narrative grants only " + levels + " access: " + p.value() + " is kept as it is",
                "Narrative has no admin:* permission: grant " + levels + " per resource");
    }

    public boolean isKeptAsIs(Permission p) {
        return keptAsIs.test(p);
    }

    /** Why {@code p} cannot be changed here, if it cannot. */
    public Optional<String> whyFixed(Permission p) {
        if (p.isAdminAll() && adminAllUnavailable != null) {
            return Optional.of(adminAllUnavailable);
        }
        return keptAsIs.test(p) ? Optional.of(keptAsIsReason.apply(p)) : Optional.empty();
    }
}
