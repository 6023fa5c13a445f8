package dev.keydesk.client.keydesk;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.keydesk.client.http.HttpTransport;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.AuditEvent;
import dev.keydesk.client.model.Catalog;
import dev.keydesk.client.model.CatalogResource;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.Page;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.Preset;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.Usage;
import dev.keydesk.client.model.WhoAmI;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * This dialect's shapes on the wire ({@code key-api.md}), apart from the public models: optional
 * fields a core server may leave out, values that arrive in more than one form, and version 1.1
 * additions. Each converts itself to the model; a required field that is missing fails the
 * conversion (the caller reports the answer as malformed).
 */
final class KeydeskWire {

    private KeydeskWire() {
    }

    /** The key object; {@code revoked_at}/{@code revoked_by} only in revoked lists and identify answers. */
    record KeyWire(String id, String name, String prefix, List<String> permissions, Instant createdAt,
                   Instant expiresAt, Instant lastUsed, UsageWire usage, String description, String type,
                   String status, String createdBy, String lastUsedIp, Instant revokedAt, String revokedBy) {
        ApiKey toModel() {
            Objects.requireNonNull(id, "id");
            return new ApiKey(id, name, prefix, toPermissions(permissions), createdAt, expiresAt, lastUsed,
                    usage == null ? Usage.NONE : usage.toModel(), description, type, status, createdBy, lastUsedIp,
                    revokedAt, revokedBy);
        }
    }

    record UsageWire(Long requestsToday, Long requestsThisMonth) {
        Usage toModel() {
            return new Usage(requestsToday == null ? 0 : requestsToday,
                    requestsThisMonth == null ? 0 : requestsThisMonth);
        }
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

    record WhoAmIWire(KeyWire key, List<String> permissions) {
        WhoAmI toModel() {
            Objects.requireNonNull(key, "key");
            ApiKey k = key.toModel();
            return new WhoAmI(k, permissions != null ? toPermissions(permissions) : k.permissions());
        }
    }

    /** {@code POST /v1/api-keys/identify} → {@code {"key": <key object>}}. */
    record IdentifyWire(KeyWire key) {
        ApiKey toModel() {
            Objects.requireNonNull(key, "key");
            return key.toModel();
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

    record PresetWire(String id, String name, String description, List<String> permissions) {
        Preset toModel() {
            Objects.requireNonNull(id, "id");
            return new Preset(id, name != null ? name : id, description != null ? description : "",
                    toPermissions(permissions));
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
            List<String> parts = new ArrayList<>();
            detail.fields().forEachRemaining(f -> parts.add(f.getKey() + ": " + plain(f.getValue())));
            return String.join("; ", parts);
        }

        private static String plain(JsonNode node) {
            if (node.isArray()) {
                List<String> items = new ArrayList<>();
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
            Instant at = resetAt != null ? resetAt
                    : reset != null ? HttpTransport.resetInstant(reset, observedAt) : null;
            return new RateLimitStatus(limit, remaining, at, observedAt);
        }
    }

    /** {@code GET /v1/api-keys/{id}/usage}; the {@code _7d} and {@code _90d} counts are the local server's extension. */
    record UsageReportWire(String keyId, Instant since, List<PermissionUsageWire> permissions, List<DailyWire> daily,
                           List<AddressWire> addresses) {
        KeyUsage toModel(String askedFor) {
            return new KeyUsage(keyId != null ? keyId : askedFor, since,
                    permissions == null ? List.of() : permissions.stream().filter(Objects::nonNull)
                            .map(PermissionUsageWire::toModel).toList(),
                    daily == null ? List.of() : daily.stream().filter(Objects::nonNull).map(DailyWire::toModel).toList(),
                    addresses == null ? List.of() : addresses.stream().filter(Objects::nonNull)
                            .map(AddressWire::toModel).toList());
        }
    }

    record PermissionUsageWire(String permission, Instant lastUsed,
                               @JsonProperty("requests_7d") Long requests7d,
                               @JsonProperty("requests_30d") Long requests30d,
                               @JsonProperty("requests_90d") Long requests90d) {
        KeyUsage.PermissionUsage toModel() {
            Objects.requireNonNull(permission, "permission");
            return new KeyUsage.PermissionUsage(Permission.parse(permission), lastUsed, requests7d,
                    requests30d == null ? 0 : requests30d, requests90d);
        }
    }

    record DailyWire(LocalDate date, Long requests) {
        KeyUsage.DailyRequests toModel() {
            return new KeyUsage.DailyRequests(date, requests == null ? 0 : requests);
        }
    }

    record AddressWire(String ip, Instant firstSeen, Instant lastSeen,
                       @JsonProperty("requests_7d") Long requests7d,
                       @JsonProperty("requests_30d") Long requests30d,
                       @JsonProperty("requests_90d") Long requests90d) {
        KeyUsage.AddressUsage toModel() {
            return new KeyUsage.AddressUsage(ip, firstSeen, lastSeen, requests7d,
                    requests30d == null ? 0 : requests30d, requests90d);
        }
    }

    /** Every string kept as it came (unknown permissions survive and can be shown); nulls dropped. */
    static List<Permission> toPermissions(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(Permission::parse).toList();
    }
}
