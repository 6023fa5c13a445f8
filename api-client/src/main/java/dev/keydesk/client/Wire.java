package dev.keydesk.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.WhoAmI;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The shapes on the wire where they differ from the models: optional fields a core server may leave
 * out, and values that arrive in more than one form. Each converts itself to the model.
 */
final class Wire {

    private Wire() {
    }

    /** {@code {"data": [...], "has_more": .., "next_cursor": ..}}; {@code data} alone is the whole list. */
    record ListOf<T>(List<T> data, Boolean hasMore, String nextCursor) {
        <R> Page<R> toPage(Function<T, R> convert) {
            Objects.requireNonNull(data, "data");
            List<R> items = data.stream().map(convert).toList();
            boolean more = Boolean.TRUE.equals(hasMore);
            return new Page<>(items, more, more ? nextCursor : null);
        }
    }

    record WhoAmIWire(ApiKey key, List<Permission> permissions) {
        WhoAmI toModel() {
            Objects.requireNonNull(key, "key");
            return new WhoAmI(key, permissions != null ? permissions : key.permissions());
        }
    }

    record CatalogWire(List<String> accessLevels, List<ResourceWire> resources, List<PresetWire> presets) {
        Catalog toModel() {
            Objects.requireNonNull(resources, "resources");
            List<String> levels = accessLevels != null ? accessLevels : List.of(Permission.READ, Permission.WRITE);
            return new Catalog(levels,
                    resources.stream().map(ResourceWire::toModel).toList(),
                    presets == null ? List.of() : presets.stream().map(PresetWire::toModel).toList());
        }
    }

    record ResourceWire(String name, String label, String category, String description, List<String> access) {
        CatalogResource toModel() {
            Objects.requireNonNull(name, "name");
            return new CatalogResource(name, label != null ? label : name, category != null ? category : "Other",
                    description != null ? description : "", access != null ? access : List.of());
        }
    }

    record PresetWire(String id, String name, String description, List<Permission> permissions) {
        Preset toModel() {
            Objects.requireNonNull(id, "id");
            return new Preset(id, name != null ? name : id, description != null ? description : "",
                    permissions != null ? permissions : List.of());
        }
    }

    record PolicyWire(Integer maxLifetimeDays, Integer defaultLifetimeDays, Boolean expirationRequired,
                      List<String> keyTypes) {
        KeyPolicy toModel() {
            KeyPolicy d = KeyPolicy.defaults();
            return new KeyPolicy(
                    maxLifetimeDays != null ? maxLifetimeDays : d.maxLifetimeDays(),
                    defaultLifetimeDays != null ? defaultLifetimeDays : d.defaultLifetimeDays(),
                    expirationRequired != null ? expirationRequired : d.expirationRequired(),
                    keyTypes != null ? keyTypes : d.keyTypes());
        }
    }

    /** {@code detail} may be a string or an object; either way it is kept as text. */
    record AuditEventWire(String id, Instant at, String type, String actorKeyId, String keyId, String ip,
                          JsonNode detail) {
        AuditEvent toModel() {
            String text = detail == null || detail.isNull() ? null
                    : detail.isTextual() ? detail.asText() : detail.toString();
            return new AuditEvent(id, at, type, actorKeyId, keyId, ip, text, summary(detail));
        }

        /** Top-level fields as "name: value"; arrays as their items joined by commas. */
        static String summary(JsonNode detail) {
            if (detail == null || detail.isNull()) {
                return "";
            }
            if (!detail.isObject()) {
                return plain(detail);
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            detail.fields().forEachRemaining(f -> parts.add(f.getKey() + ": " + plain(f.getValue())));
            return String.join("; ", parts);
        }

        private static String plain(JsonNode node) {
            if (node.isArray()) {
                java.util.List<String> items = new java.util.ArrayList<>();
                node.forEach(n -> items.add(plain(n)));
                return String.join(", ", items);
            }
            return node.isValueNode() ? node.asText() : node.toString();
        }
    }

    record RateLimitWire(Long limit, Long remaining, Long reset, Instant resetAt) {
        RateLimitStatus toModel(Instant observedAt) {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(remaining, "remaining");
            Instant at = resetAt != null ? resetAt : reset != null ? RateLimitHeaders.resetInstant(reset, observedAt) : null;
            return new RateLimitStatus(limit, remaining, at, observedAt);
        }
    }
}
