package dev.keydesk.server.auth;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.http.ApiError;
import dev.keydesk.server.keys.KeyRecord;
import dev.keydesk.server.keys.KeyStore;
import dev.keydesk.server.ratelimit.FailedAuthLimiter;
import dev.keydesk.server.storage.Database;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@code Authorization} header into the calling key, or a 401 that says nothing about
 * which keys exist. Lookup is by the public prefix ({@link SecretFormat}); the keyed hash is then compared in constant
 * time. Failures are audited and counted per client address.
 */
public final class Authenticator {

    private final Database db;
    private final SecretHasher hasher;
    private final FailedAuthLimiter failedAuth;

    public Authenticator(Database db, SecretHasher hasher, FailedAuthLimiter failedAuth) {
        this.db = db;
        this.hasher = hasher;
        this.failedAuth = failedAuth;
    }

    /**
     * The calling key for the request's {@code Authorization} header values (as many as it sent).
     * More than one is a 400: one credential per request.
     */
    public KeyRecord authenticate(List<String> authorizations, String ip, long now) {
        long wait = failedAuth.retryAfter(ip, now);
        if (wait > 0) {
            throw ApiError.rateLimited("Too many failed authentication attempts from this address.", wait,
                    FailedAuthLimiter.SCOPE);
        }
        if (authorizations.size() > 1) {
            throw ApiError.malformed("Send exactly one Authorization header.", "Authorization");
        }
        String token = bearerToken(authorizations.isEmpty() ? null : authorizations.get(0));
        if (token == null) {
            throw fail(ip, now, null, "missing_credentials");
        }
        if (!wellFormed(token)) {
            // Not one of our secrets (a failed checksum among them): refused without a lookup.
            throw fail(ip, now, null, "malformed_key");
        }
        KeyRecord match = find(token);
        if (match == null) {
            throw fail(ip, now, null, "unknown_key");
        }
        if (match.revoked()) {
            throw fail(ip, now, match.id(), "revoked");
        }
        if (match.expired(now)) {
            throw fail(ip, now, match.id(), "expired");
        }
        if (!"active".equals(match.status())) {
            throw fail(ip, now, match.id(), "disabled");
        }
        return match;
    }

    /** Whether a token has the shape of a secret this server issues or issued. */
    public static boolean wellFormed(String token) {
        return SecretFormat.isValid(token) || SecretFormat.isLegacyShape(token);
    }

    /**
     * The key (in any state, revoked too) whose secret is exactly {@code token}, or null. Looks
     * up by the public prefix (a current key's 16 characters, else an older key's 12), then
     * compares keyed hashes in constant time; the token itself is neither logged nor stored.
     */
    public KeyRecord find(String token) {
        byte[] presented = hasher.hash(token);
        KeyRecord match = null;
        if (SecretFormat.isValid(token)) {
            match = matching(db.read(h -> KeyStore.byPrefix(h, SecretFormat.prefixOf(token))), presented);
        }
        if (match == null && SecretFormat.isLegacyShape(token)) {
            match = matching(db.read(h -> KeyStore.byPrefix(h, SecretFormat.legacyPrefixOf(token))), presented);
        }
        return match;
    }

    /** Counts a miss against the address, as a failed authentication is (identify uses it). */
    public void countMiss(String ip, long now) {
        failedAuth.recordFailure(ip, now);
    }

    private static KeyRecord matching(List<KeyRecord> candidates, byte[] presented) {
        KeyRecord match = null;
        for (KeyRecord k : candidates) {
            if (SecretHasher.matches(k.secretHash(), presented)) {
                match = k;
            }
        }
        return match;
    }

    /** The token after {@code Bearer } (scheme in any case); only surrounding spaces and tabs are ignored. */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = stripSpacesAndTabs(authorization);
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = stripSpacesAndTabs(value.substring(7));
        return token.isEmpty() ? null : token;
    }

    private static String stripSpacesAndTabs(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private ApiError fail(String ip, long now, String keyId, String reason) {
        failedAuth.recordFailure(ip, now);
        db.writeVoid(h -> AuditLog.record(h, now, AuditLog.AUTH_FAILED, null, keyId, ip, Map.of("reason", reason)));
        return ApiError.unauthorized();
    }
}
