package dev.keydesk.core.review;

import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The preset a set of permissions matches, or the one it is closest to: the most permissions in
 * common for the fewest differences (Jaccard similarity), ties to the smaller preset.
 *
 * @param inCommon how many of the preset's permissions the set holds
 * @param extra how many of the set's permissions the preset does not have
 */
public record PresetMatch(Preset preset, boolean exact, int inCommon, int extra) {

    /** The closest preset to {@code set} among {@code presets}; empty when none shares a permission. */
    public static Optional<PresetMatch> closest(Collection<Permission> set, List<Preset> presets) {
        Set<Permission> s = new HashSet<>(set);
        PresetMatch best = null;
        double bestScore = 0;
        for (Preset p : presets) {
            Set<Permission> ps = new HashSet<>(p.permissions());
            if (ps.isEmpty()) {
                continue;
            }
            Set<Permission> common = new HashSet<>(ps);
            common.retainAll(s);
            if (common.isEmpty()) {
                continue;
            }
            Set<Permission> union = new HashSet<>(ps);
            union.addAll(s);
            double score = (double) common.size() / union.size();
            if (best == null || score > bestScore
                    || score == bestScore && ps.size() < best.preset().permissions().size()) {
                best = new PresetMatch(p, ps.equals(s), common.size(), s.size() - common.size());
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "Matches the preset Read-only analytics" or "Closest preset: Read-only analytics (2 of its 3, 1 other)". */
    public String describe() {
        if (exact) {
            return "Matches the preset " + preset.name();
        }
        int size = preset.permissions().size();
        return "Closest preset: " + preset.name() + " (" + inCommon + " of its " + size
                + (extra == 0 ? "" : ", " + extra + (extra == 1 ? " other grant" : " other grants")) + ")";
    }
}
