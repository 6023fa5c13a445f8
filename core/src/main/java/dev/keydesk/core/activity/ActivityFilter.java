package dev.keydesk.core.activity;

import dev.keydesk.client.model.AuditEvent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the activity list is narrowed to. Every part that is null (or an empty set) lets every
 * event through. {@link #matches} is the whole rule; {@link AuditServerFilters} decides how much of
 * it the server can apply, and the rest is applied to what arrives.
 *
 * @param categories the kinds of event; empty for all
 * @param keyId the key the event is about
 * @param ip the caller's address, exactly
 * @param from events at or after this instant
 * @param until events before this instant
 */
public record ActivityFilter(Set<EventCategory> categories, String keyId, String ip, Instant from, Instant until) {

    public static final ActivityFilter NONE = new ActivityFilter(Set.of(), null, null, null, null);

    public ActivityFilter {
        categories = categories == null || categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        keyId = blankToNull(keyId);
        ip = blankToNull(ip);
    }

    public boolean isEmpty() {
        return categories.isEmpty() && keyId == null && ip == null && from == null && until == null;
    }

    public boolean matches(AuditEvent event) {
        if (!categories.isEmpty()) {
            if (EventCategory.of(event.type()).filter(categories::contains).isEmpty()) {
                return false;
            }
        }
        if (keyId != null && !keyId.equals(event.keyId())) {
            return false;
        }
        if (ip != null && !ip.equals(event.ip())) {
            return false;
        }
        if (from != null && (event.at() == null || event.at().isBefore(from))) {
            return false;
        }
        return until == null || event.at() != null && event.at().isBefore(until);
    }

    public ActivityFilter withCategories(Set<EventCategory> value) {
        return new ActivityFilter(value, keyId, ip, from, until);
    }

    public ActivityFilter withKey(String value) {
        return new ActivityFilter(categories, value, ip, from, until);
    }

    public ActivityFilter withIp(String value) {
        return new ActivityFilter(categories, keyId, value, from, until);
    }

    public ActivityFilter between(Instant fromValue, Instant untilValue) {
        return new ActivityFilter(categories, keyId, ip, fromValue, untilValue);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
