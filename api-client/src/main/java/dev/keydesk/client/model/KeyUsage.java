package dev.keydesk.client.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a key actually did ({@code GET /v1/api-keys/{id}/usage}), so that a reviewer can narrow it
 * before rotating it.
 *
 * @param since when the server started recording; null where it does not say
 * @param permissions every permission the key holds (a held one never used has a null
 *     {@code lastUsed}), plus, for {@code admin:*} keys, each concrete permission exercised
 * @param daily requests per day over the last 90 days; days without requests may be missing
 * @param addresses the client addresses seen over the last 90 days
 */
public record KeyUsage(String keyId, Instant since, List<PermissionUsage> permissions, List<DailyRequests> daily,
                       List<AddressUsage> addresses) {

    public KeyUsage {
        Objects.requireNonNull(keyId, "keyId");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        daily = daily == null ? List.of() : List.copyOf(daily);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /**
     * One permission's use.
     *
     * @param lastUsed null when it was never used
     * @param requests7d null when the server does not say (an extension of the local server)
     * @param requests30d as the contract says; 0 where the server left it out
     * @param requests90d null when the server does not say (an extension of the local server)
     */
    public record PermissionUsage(Permission permission, Instant lastUsed, Long requests7d, long requests30d,
                                  Long requests90d) {
        public PermissionUsage {
            Objects.requireNonNull(permission, "permission");
        }

        public boolean neverUsed() {
            return lastUsed == null;
        }
    }

    /** Requests on one day (UTC). */
    public record DailyRequests(LocalDate date, long requests) {
        public DailyRequests {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * One client address's use of the key.
     *
     * @param requests7d null when the server does not say
     * @param requests90d null when the server does not say
     */
    public record AddressUsage(String ip, Instant firstSeen, Instant lastSeen, Long requests7d, long requests30d,
                               Long requests90d) {
        public AddressUsage {
            Objects.requireNonNull(ip, "ip");
        }
    }
}
