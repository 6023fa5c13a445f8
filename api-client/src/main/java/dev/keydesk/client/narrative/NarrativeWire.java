package dev.keydesk.client.narrative;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Narrative's shapes on the wire (its public OpenAPI, access-token part), apart from the public
 * models. A token is {@code {"id","name","permissions":[{"access","resource"}],"expires_at"}}, all four
 * required; a list is {@code {"records":[...]}}, one token {@code {"record":{...}}}; create and update
 * answer with the bare token.
 */
final class NarrativeWire {

    private NarrativeWire() {
    }

    record TokenWire(String id, String name, List<PermissionWire> permissions, String expiresAt) {
        /** Only the four fields Narrative has; everything else of the key stays null. */
        ApiKey toModel() {
            Objects.requireNonNull(id, "id");
            // Required by the API, and a token without one is not "never expires": refuse to guess.
            Objects.requireNonNull(expiresAt, "expires_at");
            List<Permission> perms = permissions == null ? List.of()
                    : permissions.stream().filter(Objects::nonNull).map(PermissionWire::toModel).toList();
            return new ApiKey(id, name, null, perms, null, NarrativeTime.parse(expiresAt), null, null, null, null,
                    null, null, null);
        }
    }

    /**
     * {@code {"access":"read","resource":"datasets"}} ↔ {@code datasets:read}. Every access level
     * ({@code admin}, {@code create}, {@code revise}, …) and every resource is kept as it came.
     */
    record PermissionWire(String access, String resource) {
        Permission toModel() {
            return Permission.of(resource == null ? "" : resource.strip(), access == null ? "" : access.strip());
        }

        static ArrayNode toJson(List<Permission> permissions) {
            ArrayNode array = NarrativeJson.MAPPER.createArrayNode();
            for (Permission p : permissions) {
                ObjectNode o = array.addObject();
                o.put("access", p.access());
                o.put("resource", p.resource());
            }
            return array;
        }
    }

    record RecordsWire(List<TokenWire> records) {
        List<ApiKey> toModel() {
            Objects.requireNonNull(records, "records");
            return records.stream().map(TokenWire::toModel).toList();
        }
    }

    record RecordWire(TokenWire record) {
    }

    /**
     * {@code GET /whoami}: a user and a company, every field optional; the permissions grouped by
     * resource. Nothing in it identifies the calling token.
     */
    record WhoamiWire(Long userId, String name, List<Long> companyAccessList, CompanyWire currentCompanyScope,
                      List<ResourcePermissionsWire> permissions) {
        WhoAmI toModel() {
            List<Permission> flat = new ArrayList<>();
            if (permissions != null) {
                for (ResourcePermissionsWire group : permissions) {
                    if (group != null && group.resource() != null && group.access() != null) {
                        group.access().stream().filter(Objects::nonNull)
                                .forEach(a -> flat.add(Permission.of(group.resource().strip(), a.strip())));
                    }
                }
            }
            String company = currentCompanyScope == null ? null
                    : currentCompanyScope.name() != null ? currentCompanyScope.name() : currentCompanyScope.slug();
            return new WhoAmI(null, flat.stream().distinct().toList(), name, company);
        }
    }

    record CompanyWire(Long companyId, String slug, String name) {
    }

    record ResourcePermissionsWire(List<String> access, String resource) {
    }
}
