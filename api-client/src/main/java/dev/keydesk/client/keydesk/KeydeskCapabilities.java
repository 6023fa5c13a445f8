package dev.keydesk.client.keydesk;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.http.HttpTransport;
import dev.keydesk.client.http.RawResponse;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.Page;
import okhttp3.Request;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a server of KeyDesk's dialect can do. Version 1's core is there by contract; the optional
 * endpoints are probed once, the first time {@link #snapshot} is asked, with one cheap request each
 * (no retries, so a probe never waits), and the verdicts kept. Calls made meanwhile also settle
 * them: a missing optional endpoint turns its capability off, a working one on.
 *
 * <p>The probes:
 * <ul>
 *   <li>{@link Capability#AUDIT_LOG}: {@code GET /v1/audit-events?limit=1}. 2xx or 403 (the endpoint
 *       exists; this key may not read it): present. 404, 405, 501: absent.</li>
 *   <li>{@link Capability#USAGE}: {@code GET /v1/api-keys/key_capability_probe/usage}, a key that
 *       does not exist. 404 {@code key_not_found} (the endpoint looked for the key), 2xx or 403:
 *       present. Any other 404, 405, 501: absent.</li>
 *   <li>{@link Capability#IDENTIFY}: {@code POST /v1/api-keys/identify} with {@code {}}, which holds
 *       no secret (so it cannot count as a miss). 400 or 422 (the endpoint read the body), 2xx, 403
 *       or 404 {@code key_not_found}: present. Any other 404, 405, 501: absent.</li>
 *   <li>{@link Capability#REVOKED_LIST}: {@code GET /v1/api-keys?status=revoked&limit=1}. An answer
 *       whose keys are all revoked: present; an empty one too (a server that ignored the filter
 *       would list at least the caller's own key). A key that is not revoked: absent (the server
 *       ignored {@code status}). 400 or 422: absent (it refuses the filter).</li>
 *   <li>{@link Capability#WHOAMI_NAMES_KEY}: {@code GET /v1/whoami}; 404 or 405: absent.</li>
 *   <li>{@link Capability#NEVER_EXPIRES} and {@link Capability#KEY_TYPES}: from
 *       {@code GET /v1/key-policy} (or its defaults where the server has none).</li>
 *   <li>{@link Capability#AUDIT_REASON} cannot be probed without changing a key: it is taken as
 *       present when any other 1.1 extension is (a 1.0 server silently ignores the header).</li>
 * </ul>
 * A 401 ends the probing with that exception (the key itself is refused). Any other failure (429,
 * 5xx, no connection) leaves the capability reported absent "for now" and probed again next time.
 */
final class KeydeskCapabilities {

    static final String PROBE_KEY_ID = "key_capability_probe";
    static final String REVOKED_LIST_IGNORED = "This server does not list revoked keys: it ignores "
            + "?status=revoked and answers with keys that are not revoked (it needs version 1.1 of the key API).";
    static final String WHOAMI_ABSENT = "This server has no whoami endpoint, so the client cannot tell which key "
            + "is its own.";

    /** Present whatever the server: version 1's core. */
    private static final Set<Capability> CORE = EnumSet.of(Capability.PAGING, Capability.ETAG, Capability.FREEZE,
            Capability.PREFIXES, Capability.DESCRIPTIONS, Capability.CREATED_AT, Capability.LAST_USED,
            Capability.USAGE_COUNTS, Capability.IDEMPOTENT_CREATE, Capability.MOVE_EXPIRY,
            Capability.RATE_LIMIT_STATUS);
    private static final List<Capability> EXTENSIONS_1_1 = List.of(Capability.USAGE, Capability.IDENTIFY,
            Capability.REVOKED_LIST);

    /** Capabilities whose verdict is known: present unless in {@link #absent}. */
    private final Set<Capability> settled = EnumSet.copyOf(CORE);
    private final Map<Capability, String> absent = new EnumMap<>(Capability.class);

    /** Runs the probes still needed (through a no-retry view of {@code api}) and tells what is known. */
    synchronized Capabilities snapshot(KeydeskKeyApi api) {
        KeydeskKeyApi probe = api.withRetryPolicy(RetryPolicy.none());
        if (!settled.contains(Capability.WHOAMI_NAMES_KEY)) {
            run(() -> probe.whoami(), Capability.WHOAMI_NAMES_KEY);
        }
        if (!settled.contains(Capability.NEVER_EXPIRES) || !settled.contains(Capability.KEY_TYPES)) {
            run(() -> probe.policy(), Capability.NEVER_EXPIRES, Capability.KEY_TYPES);
        }
        if (!settled.contains(Capability.AUDIT_LOG)) {
            run(() -> endpoint(Capability.AUDIT_LOG, probe,
                    HttpTransport.get(probe.url("audit-events").addQueryParameter("limit", "1")), false),
                    Capability.AUDIT_LOG);
        }
        if (!settled.contains(Capability.USAGE)) {
            run(() -> endpoint(Capability.USAGE, probe,
                    HttpTransport.get(probe.url("api-keys", PROBE_KEY_ID, "usage")), false), Capability.USAGE);
        }
        if (!settled.contains(Capability.IDENTIFY)) {
            run(() -> endpoint(Capability.IDENTIFY, probe,
                    HttpTransport.request(probe.url("api-keys", "identify"))
                            .post(HttpTransport.json("{}".getBytes(StandardCharsets.UTF_8))).build(), true),
                    Capability.IDENTIFY);
        }
        if (!settled.contains(Capability.REVOKED_LIST)) {
            run(() -> revokedList(probe), Capability.REVOKED_LIST);
        }
        Map<Capability, String> reported = new EnumMap<>(absent);
        inferAuditReason(reported);
        return Capabilities.of(Dialect.KEYDESK, reported);
    }

    synchronized void turnOff(Capability capability, String reason) {
        settled.add(capability);
        absent.put(capability, reason);
    }

    synchronized void turnOn(Capability capability) {
        settled.add(capability);
        absent.remove(capability);
    }

    /** What a policy (the server's, or the defaults where it has none) says about expiries and types. */
    synchronized void observe(KeyPolicy policy) {
        if (policy.expirationRequired()) {
            turnOff(Capability.NEVER_EXPIRES, "The server's key policy requires every key to expire (within "
                    + policy.maxLifetimeDays() + " days).");
        } else {
            turnOn(Capability.NEVER_EXPIRES);
        }
        if (policy.keyTypes().isEmpty()) {
            turnOff(Capability.KEY_TYPES, "The server's key policy names no key types.");
        } else {
            turnOn(Capability.KEY_TYPES);
        }
    }

    private void inferAuditReason(Map<Capability, String> reported) {
        if (EXTENSIONS_1_1.stream().anyMatch(c -> settled.contains(c) && !absent.containsKey(c))) {
            return;
        }
        boolean allKnownAbsent = EXTENSIONS_1_1.stream().allMatch(c -> settled.contains(c) && absent.containsKey(c));
        reported.put(Capability.AUDIT_REASON, allKnownAbsent
                ? "This server shows none of the version 1.1 extensions, so it would ignore a reason sent with a "
                        + "change; the change itself still goes ahead."
                : "Not known yet whether this server keeps a reason sent with a change (it could not be checked).");
    }

    // ---- the probes ----

    @FunctionalInterface
    private interface Probe {
        void run();
    }

    /** Runs one probe; what it could not settle of {@code decides} is reported absent "for now". */
    private void run(Probe probe, Capability... decides) {
        try {
            probe.run();
        } catch (UnauthorizedException e) {
            throw e;
        } catch (KeyApiException e) {
            for (Capability capability : decides) {
                if (!settled.contains(capability)) {
                    absent.put(capability, "Could not be checked yet (" + e.getMessage()
                            + ") — asked again next time.");
                }
            }
        }
    }

    /** One optional endpoint: does it exist? */
    private void endpoint(Capability capability, KeydeskKeyApi probe, Request request, boolean readsBody) {
        try {
            probe.transport().send(request);
            turnOn(capability);
        } catch (PermissionDeniedException e) {
            turnOn(capability);
        } catch (ValidationException e) {
            if (readsBody) {
                turnOn(capability);
            } else {
                throw e;
            }
        } catch (NotFoundException e) {
            if (e.code().filter(KeydeskKeyApi.KEY_NOT_FOUND::equals).isPresent()
                    && capability != Capability.AUDIT_LOG) {
                turnOn(capability);
            } else {
                turnOff(capability, absentReason(capability, e.status()));
            }
        } catch (UnexpectedStatusException | ServerException e) {
            if (saysEndpointMissing(e)) {
                turnOff(capability, absentReason(capability, e.status()));
            } else {
                throw e;
            }
        }
    }

    private void revokedList(KeydeskKeyApi probe) {
        try {
            RawResponse r = probe.transport().send(HttpTransport.get(probe.url("api-keys")
                    .addQueryParameter("status", "revoked").addQueryParameter("limit", "1")));
            Page<ApiKey> page = probe.read(r, KeydeskKeyApi.KEY_LIST, l -> l.toPage(KeydeskWire.KeyWire::toModel),
                    "a list of keys");
            if (page.data().stream().allMatch(ApiKey::isRevoked)) {
                turnOn(Capability.REVOKED_LIST);
            } else {
                turnOff(Capability.REVOKED_LIST, REVOKED_LIST_IGNORED);
            }
        } catch (ValidationException e) {
            turnOff(Capability.REVOKED_LIST, "This server does not list revoked keys: it refuses ?status=revoked ("
                    + e.getMessage() + ").");
        }
    }

    static boolean saysEndpointMissing(KeyApiException e) {
        return (e instanceof NotFoundException && e.code().filter(KeydeskKeyApi.KEY_NOT_FOUND::equals).isEmpty())
                || (e instanceof UnexpectedStatusException && e.status() == 405)
                || (e instanceof ServerException && e.status() == 501);
    }

    private static String absentReason(Capability capability, int status) {
        return switch (capability) {
            case AUDIT_LOG -> auditAbsent(status);
            case USAGE -> usageAbsent(status);
            case IDENTIFY -> identifyAbsent(status);
            default -> capability.label() + " is not offered by this server (HTTP " + status + ").";
        };
    }

    static String auditAbsent(int status) {
        return "This server has no audit log (GET /v1/audit-events answered HTTP " + status + ").";
    }

    static String usageAbsent(int status) {
        return "This server does not report usage per permission (GET /v1/api-keys/{id}/usage answered HTTP "
                + status + "; it needs version 1.1 of the key API).";
    }

    static String identifyAbsent(int status) {
        return "This server cannot identify a leaked secret (POST /v1/api-keys/identify answered HTTP " + status
                + "; it needs version 1.1 of the key API).";
    }
}
