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
 * which keys exist. Lookup is by the public prefix; the keyed hash is then compared in constant
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

    public KeyRecord authenticate(String authorization, String ip, long now) {
        long wait = failedAuth.retryAfter(ip, now);
        if (wait > 0) {
            throw ApiError.rateLimited("Too many failed authentication attempts from this address.", wait);
        }
        String token = bearerToken(authorization);
        if (token == null) {
            throw fail(ip, now, null, "missing_credentials");
        }
        if (!Secrets.looksLikeSecret(token)) {
            throw fail(ip, now, null, "malformed_key");
        }
        byte[] presented = hasher.hash(token);
        List<KeyRecord> candidates = db.read(h -> KeyStore.byPrefix(h, Secrets.prefixOf(token)));
        KeyRecord match = null;
        for (KeyRecord k : candidates) {
            if (SecretHasher.matches(k.secretHash(), presented)) {
                match = k;
            }
        }
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

    private static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private ApiError fail(String ip, long now, String keyId, String reason) {
        failedAuth.recordFailure(ip, now);
        db.writeVoid(h -> AuditLog.record(h, now, AuditLog.AUTH_FAILED, null, keyId, ip, Map.of("reason", reason)));
        return ApiError.unauthorized();
    }
}
