package dev.keydesk.app.incident;

import dev.keydesk.core.incident.TargetRule;

import java.util.Optional;

/**
 * The rule editor's choices: one per kind of {@link TargetRule}, with what a person reads and the
 * hint for the value it takes. {@link #code()} is the rule's {@link TargetRule#kind()}, so a rule
 * read from a plan (a retry, a report) shows as its kind again.
 */
public enum RuleKind {
    ALL("all", "All keys", null),
    TYPE("type", "Type is", "live or test"),
    PERMISSION("permission", "Holds the permission", "e.g. datasets:write"),
    RESOURCE("resource", "Any permission on", "a resource, e.g. datasets"),
    CREATED_BEFORE("created-before", "Created before", "a date, 2026-10-14"),
    CREATED_AFTER("created-after", "Created on or after", "a date, 2026-10-14"),
    CREATED_BY("created-by", "Created by the key", "a key id"),
    LAST_USED_FROM("last-used-from", "Last used from", "an address, e.g. 203.0.113.7"),
    UNUSED_FOR("unused-days", "Unused for at least", "days (never used keys too)"),
    NEVER_USED("never-used", "Never used", null),
    NAME_MATCHES("name", "Name matches", "a pattern, e.g. ci-* (* any text, ? one character)"),
    EXPIRING_WITHIN("expiring-days", "Expiring within", "days");

    private final String code;
    private final String label;
    private final String hint;

    RuleKind(String code, String label, String hint) {
        this.code = code;
        this.label = label;
        this.hint = hint;
    }

    /** The rule's kind as the engine and the report name it. */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** What the value is, for the field's prompt; null when the rule takes none. */
    public String hint() {
        return hint;
    }

    public boolean takesValue() {
        return hint != null;
    }

    /** Whether the value is a number of days (the field says "days" after it). */
    public boolean takesDays() {
        return this == UNUSED_FOR || this == EXPIRING_WITHIN;
    }

    /** The kind of {@code rule}. */
    public static RuleKind of(TargetRule rule) {
        for (RuleKind k : values()) {
            if (k.code.equals(rule.kind())) {
                return k;
            }
        }
        throw new IllegalArgumentException("no editor for rule kind " + rule.kind());
    }

    /**
     * The rule this kind makes of {@code value}, or why it cannot: "Type a number of days", "“x” is
     * not a date…". Days must be a whole number from 0 to 3650.
     */
    public Result build(String value) {
        String v = value == null ? "" : value.strip();
        if (takesValue() && v.isEmpty()) {
            return Result.problem(label + ": " + hint + ".");
        }
        if (takesDays()) {
            int days;
            try {
                days = Integer.parseInt(v.replaceAll("(?i)\\s*days?$", ""));
            } catch (NumberFormatException e) {
                return Result.problem(label + ": type a number of days.");
            }
            if (days < 0 || days > 3650) {
                return Result.problem(label + ": from 0 to 3650 days.");
            }
            v = Integer.toString(days);
        }
        if (this == TYPE && !v.equalsIgnoreCase("live") && !v.equalsIgnoreCase("test")) {
            return Result.problem("Type is: live or test.");
        }
        if (this == PERMISSION && !dev.keydesk.client.model.Permission.parse(v).isWellFormed()) {
            return Result.problem(label + ": resource:access, e.g. datasets:write.");
        }
        try {
            return new Result(TargetRule.parse(code, v), null);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "not valid" : e.getMessage();
            return Result.problem(label + ": " + why + (why.endsWith(".") ? "" : "."));
        }
    }

    /** A rule, or the problem that kept it from being one. */
    public record Result(TargetRule rule, String problem) {
        static Result problem(String problem) {
            return new Result(null, problem);
        }

        public Optional<TargetRule> value() {
            return Optional.ofNullable(rule);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
