package dev.keydesk.app.review;

import dev.keydesk.app.permissions.PermissionMatrixViewModel.CellNote;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Permission;
import dev.keydesk.core.review.GrantEvidence;
import dev.keydesk.core.review.Proposal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The review's overlay on the permission matrix: under each granted (or, for {@code admin:*}
 * keys, exercised) cell, when it was used and how often — green within 7 days, blue within 30,
 * grey within 90 — and "never" on a red ground for a grant never used. Write and {@code admin:*}
 * grants get a frame: they are the risk a narrowing drops.
 */
final class UsageOverlay {

    static final String USED_7D = "usage-7d";
    static final String USED_30D = "usage-30d";
    static final String USED_90D = "usage-90d";
    static final String NEVER = "usage-never";
    static final String RISKY = "usage-risky";

    private UsageOverlay() {
    }

    static Map<Permission, CellNote> of(Proposal proposal, Instant now) {
        Map<Permission, CellNote> notes = new HashMap<>();
        for (GrantEvidence e : proposal.evidence()) {
            if (e.permission().isAdminAll()) {
                continue; // shown as the toolbar's admin:* box; its use is the concrete cells'
            }
            List<String> styles = new ArrayList<>();
            String text;
            if (e.neverUsed()) {
                styles.add(NEVER);
                text = e.granted() ? "never used" : "";
            } else {
                Duration ago = Duration.between(e.lastUsed(), now);
                styles.add(ago.compareTo(Duration.ofDays(7)) <= 0 ? USED_7D
                        : ago.compareTo(Duration.ofDays(30)) <= 0 ? USED_30D : USED_90D);
                text = "7d " + compact(e.requests7d()) + " · 30d " + compact(e.requests30d()) + " · 90d "
                        + compact(e.requests90d());
            }
            if (text.isEmpty()) {
                continue;
            }
            if (e.permission().isRisky()) {
                styles.add(RISKY);
            }
            String tooltip = e.describe() + (e.granted() ? "" : " (exercised through admin:*)")
                    + (e.permission().isRisky() ? ". Write access: it changes data." : "");
            notes.put(e.permission(), new CellNote(text, styles, tooltip));
        }
        return notes;
    }

    /** 1,234 → "1.2k"; unknown → "?". */
    static String compact(Long n) {
        if (n == null) {
            return "?";
        }
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, n < 10_000 ? "%.1fk" : "%.0fk", n / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
    }

    /** "203.0.113.7 — last 2 h ago, 30 d 4,100 (first seen 2026-10-01)". */
    static String address(KeyUsage.AddressUsage a, Instant now) {
        String last = a.lastSeen() == null ? "never" : ago(a.lastSeen(), now);
        return a.ip() + " — last " + last + ", 30 d " + String.format(Locale.ROOT, "%,d", a.requests30d())
                + (a.firstSeen() == null ? "" : " (first seen " + a.firstSeen().toString().substring(0, 10) + ")");
    }

    static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min ago";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h ago";
        }
        return d.toDays() == 1 ? "1 day ago" : d.toDays() + " days ago";
    }
}
