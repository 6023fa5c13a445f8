package dev.keydesk.core.review;

import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The review's rules: from what a key did ({@link KeyUsage}) and the catalog's presets, what it
 * should hold.
 *
 * <ol>
 *   <li><b>Used</b>: a permission last used at most the window's days ago (exactly that long ago
 *       counts as inside). For {@code admin:*} keys, the concrete permissions it exercised.</li>
 *   <li><b>Widened to a preset</b> when that is clearly what the key is: every used permission is in
 *       the preset, the key holds all of the preset, and either it used more than half of the
 *       preset, or its grants are exactly the preset and what it did not use of it is read-only.
 *       Widening never adds a permission the key does not already hold (an {@code admin:*} key holds
 *       them all). Of several, the smallest preset wins.</li>
 *   <li><b>No use in the window</b>: nothing can be narrowed (a key needs a permission). When it
 *       was not used in the whole 90 days the server keeps, or never, and both the key and the
 *       server's record are older than the window, the proposal is to <em>revoke</em> it rather
 *       than rotate it: a replacement would hand a new secret to nobody. When it was used before
 *       the window, nothing is proposed (a wider window says what it does). When the key or the
 *       record is younger than the window, nothing is proposed either.</li>
 * </ol>
 */
public final class ProposalRules {

    private final Catalog catalog;

    public ProposalRules(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public Proposal propose(ApiKey key, KeyUsage usage, ReviewWindow window, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(usage, "usage");
        Set<Permission> granted = new TreeSet<>(key.permissions());
        boolean admin = granted.contains(Permission.ADMIN_ALL);
        Instant windowStart = now.minus(Duration.ofDays(window.days()));
        List<GrantEvidence> evidence = evidence(granted, usage, window, now, windowStart);

        // What it did in the window; admin:* itself is never exercised, only the permissions under it.
        SortedSet<Permission> used = evidence.stream().filter(GrantEvidence::usedInWindow)
                .map(GrantEvidence::permission).filter(p -> !p.isAdminAll())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Permission> exercisedEver = evidence.stream().filter(e -> !e.neverUsed())
                .map(GrantEvidence::permission).filter(p -> !p.isAdminAll()).collect(Collectors.toSet());
        Set<Permission> effective = new TreeSet<>(granted);
        if (admin) {
            effective.remove(Permission.ADMIN_ALL);
            effective.addAll(exercisedEver);
        }
        Optional<PresetMatch> closest = PresetMatch.closest(effective, catalog.presets());

        List<String> notes = new ArrayList<>();
        Instant recordingSince = usage.since();
        boolean shortRecord = recordingSince != null && recordingSince.isAfter(windowStart);
        boolean youngKey = key.createdAt() != null && key.createdAt().isAfter(windowStart);
        if (shortRecord) {
            notes.add("The server has recorded usage only since " + day(recordingSince) + " ("
                    + days(Duration.between(recordingSince, now).toDays()) + "): a grant used less often than that "
                    + "looks unused.");
        }
        evidence.stream().filter(e -> !e.usedInWindow() && !e.neverUsed() && e.daysSinceLastUse() == window.days())
                .forEach(e -> notes.add(e.permission().value() + " was last used just over " + window.label()
                        + " ago, at the window's edge: widen the window by a day to keep it."));

        if (used.isEmpty()) {
            return noUse(key, window, granted, evidence, closest, notes, shortRecord || youngKey, now);
        }

        Optional<Preset> widenedTo = widen(used, granted, admin);
        SortedSet<Permission> proposed = new TreeSet<>(used);
        widenedTo.ifPresent(p -> proposed.addAll(p.permissions()));
        SortedSet<Permission> removes = new TreeSet<>(granted);
        removes.removeAll(proposed);
        SortedSet<Permission> keeps = new TreeSet<>(granted);
        keeps.retainAll(proposed);
        SortedSet<Permission> adds = new TreeSet<>(proposed);
        adds.removeAll(granted);

        Proposal.Kind kind = removes.isEmpty() && adds.isEmpty() ? Proposal.Kind.KEEP : Proposal.Kind.NARROW;
        String summary;
        if (kind == Proposal.Kind.KEEP) {
            summary = widenedTo.map(p -> "Keep as is: it used " + used.size() + " of the " + p.permissions().size()
                            + " permissions of " + p.name() + " in the last " + window.label() + ", and is clearly that.")
                    .orElse("Keep as is: it used every permission it holds in the last " + window.label() + ".");
        } else if (admin) {
            summary = "Replace admin:* with the " + proposed.size() + " permission" + (proposed.size() == 1 ? "" : "s")
                    + " it used in the last " + window.label()
                    + widenedTo.map(p -> ", widened to " + p.name()).orElse("") + ".";
        } else {
            summary = "Remove " + removes.size() + " of " + granted.size() + " grants, unused in the last "
                    + window.label() + widenedTo.map(p -> "; keeps the preset " + p.name() + ", which it clearly is")
                    .orElse("") + ".";
        }
        return new Proposal(key, window, kind, proposed, keeps, removes, adds, evidence, widenedTo, closest, summary,
                notes);
    }

    private Proposal noUse(ApiKey key, ReviewWindow window, Set<Permission> granted, List<GrantEvidence> evidence,
                           Optional<PresetMatch> closest, List<String> notes, boolean tooLittleHistory, Instant now) {
        Optional<GrantEvidence> latest = evidence.stream().filter(e -> !e.neverUsed())
                .max(Comparator.comparing(GrantEvidence::lastUsed));
        boolean usedWithinKept = latest.isPresent()
                && !latest.get().lastUsed().isBefore(now.minus(Duration.ofDays(ReviewWindow.MAX_DAYS)));
        SortedSet<Permission> none = new TreeSet<>();
        Proposal.Kind kind;
        String summary;
        if (tooLittleHistory) {
            kind = Proposal.Kind.TOO_LITTLE_HISTORY;
            summary = "Not used in the last " + window.label() + ", but the key or the server's record of usage is "
                    + "younger than that: nothing proposed yet.";
        } else if (usedWithinKept) {
            GrantEvidence last = latest.get();
            kind = Proposal.Kind.NO_USE_IN_WINDOW;
            summary = "Not used in the last " + window.label() + "; it last used " + last.permission().value() + " "
                    + days(last.daysSinceLastUse()) + " ago. Nothing proposed: widen the window to at least "
                    + (last.daysSinceLastUse() + 1) + " days to see what it does.";
        } else {
            kind = Proposal.Kind.REVOKE;
            summary = latest.isPresent()
                    ? "Not used in the " + ReviewWindow.MAX_DAYS + " days the server keeps: revoke it rather than "
                    + "rotate it (a replacement would hand a new secret to nobody)."
                    : "Never used: revoke it rather than rotate it (a replacement would hand a new secret to nobody).";
        }
        return new Proposal(key, window, kind, none, new TreeSet<>(granted), none, none, evidence, Optional.empty(),
                closest, summary, notes);
    }

    /** The smallest preset the used permissions clearly are, within what the key holds. */
    private Optional<Preset> widen(Set<Permission> used, Set<Permission> granted, boolean admin) {
        return catalog.presets().stream()
                .filter(p -> !p.permissions().isEmpty())
                .filter(p -> {
                    Set<Permission> ps = new HashSet<>(p.permissions());
                    if (!ps.containsAll(used)) {
                        return false;
                    }
                    if (!ps.stream().allMatch(x -> admin || granted.contains(x))) {
                        return false;
                    }
                    if (2 * used.size() > ps.size()) {
                        return true;
                    }
                    Set<Permission> unusedOfPreset = new HashSet<>(ps);
                    unusedOfPreset.removeAll(used);
                    return ps.equals(granted) && unusedOfPreset.stream().noneMatch(Permission::isRisky);
                })
                .min(Comparator.comparingInt((Preset p) -> p.permissions().size()));
    }

    private static List<GrantEvidence> evidence(Set<Permission> granted, KeyUsage usage, ReviewWindow window,
                                                Instant now, Instant windowStart) {
        Map<Permission, KeyUsage.PermissionUsage> reported = new LinkedHashMap<>();
        usage.permissions().forEach(u -> reported.merge(u.permission(), u, ProposalRules::later));
        List<GrantEvidence> out = new ArrayList<>();
        for (Permission p : granted) {
            out.add(toEvidence(p, true, reported.get(p), window, now, windowStart));
        }
        reported.keySet().stream().filter(p -> !granted.contains(p)).sorted()
                .forEach(p -> out.add(toEvidence(p, false, reported.get(p), window, now, windowStart)));
        return out;
    }

    private static KeyUsage.PermissionUsage later(KeyUsage.PermissionUsage a, KeyUsage.PermissionUsage b) {
        if (a.lastUsed() == null) {
            return b;
        }
        return b.lastUsed() != null && b.lastUsed().isAfter(a.lastUsed()) ? b : a;
    }

    private static GrantEvidence toEvidence(Permission p, boolean granted, KeyUsage.PermissionUsage u,
                                            ReviewWindow window, Instant now, Instant windowStart) {
        Instant last = u == null ? null : u.lastUsed();
        boolean inWindow = last != null && !last.isBefore(windowStart);
        return new GrantEvidence(p, granted, last, u == null ? null : u.requests7d(), u == null ? 0 : u.requests30d(),
                u == null ? null : u.requests90d(), inWindow, window.days(), now);
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
