package dev.keydesk.app.keys;

import dev.keydesk.client.model.Permission;

/**
 * Whether an action can run now, and if not, why (for the disabled control's tooltip), e.g.
 * "Needs the access_tokens:write permission, which this admin key lacks".
 *
 * @param missingPermission set when the admin key's own permissions are the reason, so that
 *     controls without tooltips (menu items) can still name it
 */
public record ActionState(boolean enabled, String reason, String missingPermission) {

    public static ActionState allowed() {
        return new ActionState(true, null, null);
    }

    public static ActionState blocked(String reason) {
        return new ActionState(false, reason, null);
    }

    /** Blocked because the connected admin key does not hold {@code permission}. */
    public static ActionState lacks(Permission permission) {
        return new ActionState(false,
                "Needs the " + permission.value() + " permission, which this admin key lacks", permission.value());
    }

    /** A menu item's text: {@code base}, plus the missing permission when that is why it is disabled. */
    public String menuText(String base) {
        return missingPermission == null ? base : base + "  (needs " + missingPermission + ")";
    }
}
