package dev.keydesk.core.review;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a review proposes for one key, with the evidence: the permissions to keep, to remove (each
 * with why), what that drops in risk, and for {@code admin:*} keys the concrete permissions to
 * hold instead.
 *
 * @param proposed the permissions the key should hold; empty when nothing is proposed or the
 *     proposal is to revoke
 * @param keeps held now and proposed
 * @param removes held now and not proposed
 * @param adds proposed but not held by name (only when narrowing {@code admin:*} to what it did)
 * @param evidence every permission the server reported on (held ones first), in permission order
 * @param widenedTo the preset the used permissions were widened to, when that is clearly what the key is
 * @param closest the preset the key's grants (an admin key's exercised permissions) match or are closest to
 * @param summary one sentence for people: what is proposed and why
 * @param notes caveats: how much history there is, the window's edges
 */
public record Proposal(ApiKey key, ReviewWindow window, Kind kind, SortedSet<Permission> proposed,
                       SortedSet<Permission> keeps, SortedSet<Permission> removes, SortedSet<Permission> adds,
                       List<GrantEvidence> evidence, Optional<Preset> widenedTo, Optional<PresetMatch> closest,
                       String summary, List<String> notes) {

    /** The kinds of proposal. */
    public enum Kind {
        /** Some grants were not used in the window: hold only {@link #proposed()}. */
        NARROW("Narrow"),
        /** Every grant was used (or belongs to the preset the key clearly is): nothing to change. */
        KEEP("Keep as is"),
        /**
         * Not used at all in the 90 days the server keeps (or never), though old enough: revoke it
         * rather than rotate it, since a replacement would hand a new secret to nobody.
         */
        REVOKE("Revoke instead"),
        /** Not used in the window but used before it: nothing proposed; a wider window would say more. */
        NO_USE_IN_WINDOW("Nothing proposed"),
        /** The key, or the server's record of usage, is younger than the window: too little to judge. */
        TOO_LITTLE_HISTORY("Nothing proposed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Proposal {
        proposed = new TreeSet<>(proposed);
        keeps = new TreeSet<>(keeps);
        removes = new TreeSet<>(removes);
        adds = new TreeSet<>(adds);
        evidence = List.copyOf(evidence);
        notes = List.copyOf(notes);
    }

    /** Whether accepting it changes the key's permissions. */
    public boolean changesPermissions() {
        return kind == Kind.NARROW;
    }

    /** The removals that took write or admin access away: the risk the proposal drops. */
    public SortedSet<Permission> riskDropped() {
        SortedSet<Permission> risky = new TreeSet<>();
        removes.stream().filter(Permission::isRisky).forEach(risky::add);
        return risky;
    }

    /** "drops write access (datasets:write) and admin:*", or "" when nothing risky is removed. */
    public String riskText() {
        SortedSet<Permission> risky = riskDropped();
        if (risky.isEmpty()) {
            return "";
        }
        boolean admin = risky.contains(Permission.ADMIN_ALL);
        List<String> writes = risky.stream().filter(p -> !p.isAdminAll()).map(Permission::value).toList();
        StringBuilder b = new StringBuilder("Drops ");
        if (!writes.isEmpty()) {
            b.append(writes.size() == 1 ? "a write grant (" : writes.size() + " write grants (")
                    .append(String.join(", ", writes)).append(")");
        }
        if (admin) {
            b.append(writes.isEmpty() ? "" : " and ").append("admin:* (every permission)");
        }
        return b.toString();
    }

    /** The evidence for one permission, if the server reported on it. */
    public Optional<GrantEvidence> evidenceFor(Permission p) {
        return evidence.stream().filter(e -> e.permission().equals(p)).findFirst();
    }

    /** The permissions set after accepting: {@link #proposed()} for a narrowing, else what the key holds. */
    public Set<Permission> resultingPermissions() {
        return kind == Kind.NARROW ? proposed : new TreeSet<>(key.permissions());
    }
}
