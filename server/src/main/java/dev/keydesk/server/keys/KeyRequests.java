package dev.keydesk.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.http.ApiError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Validation of the fields of create and update bodies, with the contract's error codes. */
final class KeyRequests {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    static final long MAX_LIFETIME_SECONDS = 365L * 86_400;

    private KeyRequests() {}

    static String name(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw ApiError.param(422, "invalid_name", "name must be a string of 1 to 100 characters.", "name");
        }
        String name = node.textValue();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME || name.isBlank()) {
            throw ApiError.param(422, "invalid_name", "name must be 1 to 100 characters long.", "name");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiError.param(422, "invalid_name", "name must not contain control characters.", "name");
        }
        return name;
    }

    static String description(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.param(422, "validation_failed", "description must be a string.", "description");
        }
        String d = node.textValue();
        if (d.codePointCount(0, d.length()) > MAX_DESCRIPTION) {
            throw ApiError.param(422, "validation_failed", "description must be at most 500 characters.", "description");
        }
        return d;
    }

    static List<String> permissions(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiError.param(422, "invalid_permissions", "permissions must be a non-empty array of strings.",
                    "permissions");
        }
        if (node.size() > 500) {
            throw ApiError.param(422, "invalid_permissions", "Too many permissions.", "permissions");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isTextual()) {
                throw ApiError.param(422, "invalid_permissions", "permissions must be strings.", "permissions");
            }
            String s = p.textValue();
            if (!Catalog.isKnown(s)) {
                unknown.add(s.length() > 60 ? s.substring(0, 60) + "..." : s);
            }
            out.add(s);
        }
        if (!unknown.isEmpty()) {
            throw ApiError.param(422, "invalid_permissions",
                    "Unknown permission or access not supported by the resource: " + String.join(", ", unknown) + ".",
                    "permissions");
        }
        return List.copyOf(out);
    }

    /** The expiry as Unix seconds, empty for "never"; checked against the policy. */
    static Optional<Long> expiresAt(JsonNode node, long now, boolean expirationRequired) {
        if (node == null || node.isNull()) {
            if (expirationRequired) {
                throw ApiError.param(422, "invalid_expiration", "expires_at is required: keys must expire.",
                        "expires_at");
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiError.param(422, "invalid_expiration", "expires_at must be an RFC 3339 timestamp.", "expires_at");
        }
        long at;
        try {
            at = OffsetDateTime.parse(node.textValue()).toInstant().getEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(node.textValue()).getEpochSecond();
            } catch (DateTimeParseException e2) {
                throw ApiError.param(422, "invalid_expiration", "expires_at must be an RFC 3339 timestamp.",
                        "expires_at");
            }
        }
        if (at <= now) {
            throw ApiError.param(422, "invalid_expiration", "expires_at must be in the future.", "expires_at");
        }
        if (at > now + MAX_LIFETIME_SECONDS) {
            throw ApiError.param(422, "invalid_expiration", "expires_at must be at most 365 days from now.",
                    "expires_at");
        }
        return Optional.of(at);
    }

    static String type(JsonNode node) {
        if (node == null || node.isNull()) {
            return "live";
        }
        if (node.isTextual() && (node.textValue().equals("live") || node.textValue().equals("test"))) {
            return node.textValue();
        }
        throw ApiError.param(422, "validation_failed", "type must be \"live\" or \"test\".", "type");
    }

    static String status(JsonNode node) {
        if (node != null && node.isTextual()
                && (node.textValue().equals("active") || node.textValue().equals("disabled"))) {
            return node.textValue();
        }
        throw ApiError.param(422, "validation_failed", "status must be \"active\" or \"disabled\".", "status");
    }
}
