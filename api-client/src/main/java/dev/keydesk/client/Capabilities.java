package dev.keydesk.client;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one client, for its dialect and server, can do: a snapshot. Each capability is either
 * present or absent with a reason for people ("Narrative tokens cannot be disabled; only revoked.").
 */
public final class Capabilities {

    private final Dialect dialect;
    private final Map<Capability, String> absent;

    private Capabilities(Dialect dialect, Map<Capability, String> absent) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        EnumMap<Capability, String> copy = new EnumMap<>(Capability.class);
        copy.putAll(absent);
        this.absent = Collections.unmodifiableMap(copy);
    }

    /** Every capability present but those in {@code absent}, each with its reason. */
    public static Capabilities of(Dialect dialect, Map<Capability, String> absent) {
        absent.forEach((c, reason) -> {
            Objects.requireNonNull(c, "capability");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an absent capability needs a reason: " + c);
            }
        });
        return new Capabilities(dialect, absent);
    }

    /** The dialect this client speaks. */
    public Dialect dialect() {
        return dialect;
    }

    public boolean has(Capability capability) {
        return !absent.containsKey(capability);
    }

    /** Why {@code capability} is absent; empty when it is present. */
    public Optional<String> whyNot(Capability capability) {
        return Optional.ofNullable(absent.get(capability));
    }

    public Set<Capability> present() {
        EnumSet<Capability> present = EnumSet.allOf(Capability.class);
        present.removeAll(absent.keySet());
        return Collections.unmodifiableSet(present);
    }

    /** Each absent capability with its reason. */
    public Map<Capability, String> absent() {
        return absent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capabilities c && c.dialect == dialect && c.absent.equals(absent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dialect, absent);
    }

    @Override
    public String toString() {
        return "Capabilities[" + dialect + ", absent " + absent.keySet() + "]";
    }
}
