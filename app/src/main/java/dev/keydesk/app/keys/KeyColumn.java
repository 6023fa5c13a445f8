package dev.keydesk.app.keys;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The key table's columns, each with the capability whose data it shows (null: every dialect has
 * it). A column whose data the server never sends is hidden rather than shown empty: an empty
 * "Last used" would read as "never used".
 */
public enum KeyColumn {
    NAME("Name", null),
    PREFIX("Prefix", Capability.PREFIXES),
    TYPE("Type", Capability.KEY_TYPES),
    STATUS("Status", null),
    PERMISSIONS("Permissions", null),
    CREATED("Created", Capability.CREATED_AT),
    EXPIRES("Expires", null),
    LAST_USED("Last used", Capability.LAST_USED),
    TODAY("Today", Capability.USAGE_COUNTS),
    MONTH("Month", Capability.USAGE_COUNTS);

    private final String header;
    private final Capability needs;

    KeyColumn(String header, Capability needs) {
        this.header = header;
        this.needs = needs;
    }

    public String header() {
        return header;
    }

    /** The columns that have data on a server that can do {@code capabilities}, in table order. */
    public static Set<KeyColumn> shown(Capabilities capabilities) {
        Set<KeyColumn> shown = EnumSet.noneOf(KeyColumn.class);
        for (KeyColumn c : values()) {
            if (c.needs == null || capabilities.has(c.needs)) {
                shown.add(c);
            }
        }
        return shown;
    }

    /**
     * What the table says about the columns it hides, e.g. "Prefix, Type, Created, Last used, Today
     * and Month are hidden: this server does not send them."; empty when none is hidden.
     */
    public static String hiddenNote(Capabilities capabilities) {
        List<String> hidden = new ArrayList<>();
        for (KeyColumn c : values()) {
            if (c.needs != null && !capabilities.has(c.needs)) {
                hidden.add(c.header);
            }
        }
        if (hidden.isEmpty()) {
            return "";
        }
        String names = hidden.size() == 1 ? hidden.get(0)
                : String.join(", ", hidden.subList(0, hidden.size() - 1)) + " and " + hidden.get(hidden.size() - 1);
        return names + (hidden.size() == 1 ? " is" : " are") + " hidden: this server does not send "
                + (hidden.size() == 1 ? "it." : "them.");
    }

    /** Why each hidden column is hidden, one reason per line, as the dialect says it. */
    public static String hiddenReasons(Capabilities capabilities) {
        Set<String> reasons = new LinkedHashSet<>();
        for (KeyColumn c : values()) {
            if (c.needs != null) {
                capabilities.whyNot(c.needs).ifPresent(reasons::add);
            }
        }
        return String.join("\n", reasons);
    }
}
