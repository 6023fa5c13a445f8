package dev.keydesk.app.keys;

/**
 * Whether an action can run now, and if not, why (for the disabled control's tooltip), e.g.
 * "Needs the access_tokens:write permission, which this admin key lacks".
 */
public record ActionState(boolean enabled, String reason) {

    public static ActionState allowed() {
        return new ActionState(true, null);
    }

    public static ActionState blocked(String reason) {
        return new ActionState(false, reason);
    }
}
