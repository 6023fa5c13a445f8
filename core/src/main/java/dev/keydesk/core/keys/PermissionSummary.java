package dev.keydesk.core.keys;

import dev.keydesk.client.model.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key's permissions in a table cell's (or a terminal column's) width: "datasets R·W, jobs R +3", or "admin:*", with the
 * risk that decides its colour.
 *
 * @param text the summary
 * @param risk how much the key may change
 */
public record PermissionSummary(String text, Risk risk) {

    /** How many resources are named before "+N". */
    static final int SHOWN = 2;

    /** Write and admin grants are the risky ones. */
    public enum Risk { ADMIN, WRITE, READ_ONLY }

    public static PermissionSummary of(List<Permission> permissions) {
        if (permissions.isEmpty()) {
            return new PermissionSummary("none", Risk.READ_ONLY);
        }
        if (permissions.contains(Permission.ADMIN_ALL)) {
            return new PermissionSummary(Permission.ADMIN_ALL.value(), Risk.ADMIN);
        }
        Map<String, List<String>> byResource = new LinkedHashMap<>();
        Risk risk = Risk.READ_ONLY;
        for (Permission p : permissions) {
            byResource.computeIfAbsent(p.resource(), r -> new ArrayList<>()).add(letter(p));
            if (p.isRisky()) {
                risk = Risk.WRITE;
            }
        }
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, List<String>> e : byResource.entrySet()) {
            if (shown == SHOWN) {
                break;
            }
            if (shown > 0) {
                text.append(", ");
            }
            text.append(e.getKey());
            List<String> levels = e.getValue();
            if (!(levels.size() == 1 && levels.get(0).isEmpty())) {
                levels.sort(PermissionSummary::compareLevels);
                text.append(' ').append(String.join("·", levels));
            }
            shown++;
        }
        int more = byResource.size() - shown;
        if (more > 0) {
            text.append(" +").append(more);
        }
        return new PermissionSummary(text.toString(), risk);
    }

    private static String letter(Permission p) {
        String access = p.access();
        if (Permission.READ.equals(access)) {
            return "R";
        }
        if (Permission.WRITE.equals(access)) {
            return "W";
        }
        return access;
    }

    /** R before W, then anything else alphabetically. */
    private static int compareLevels(String a, String b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(String level) {
        return switch (level) {
            case "R" -> 0;
            case "W" -> 1;
            default -> 2;
        };
    }
}
