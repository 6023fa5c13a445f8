package dev.keydesk.server.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.Authenticator;
import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.http.ApiError;
import dev.keydesk.server.http.Bodies;
import dev.keydesk.server.http.Gate;
import dev.keydesk.server.http.Json;
import dev.keydesk.server.http.Paging;
import dev.keydesk.server.storage.Database;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@code /v1/api-keys} endpoints and {@code /v1/whoami}. */
public final class KeyRoutes {

    private static final long IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600;
    private static final List<String> UPDATABLE = List.of("name", "description", "permissions", "expires_at", "status");

    private final Database db;
    private final SecretHasher hasher;
    private final Gate gate;
    private final boolean expirationRequired;
    private final UsageBuffer usage;

    public KeyRoutes(Database db, SecretHasher hasher, Gate gate, UsageBuffer usage, boolean expirationRequired) {
        this.usage = usage;
        this.db = db;
        this.hasher = hasher;
        this.gate = gate;
        this.expirationRequired = expirationRequired;
    }

    private record Outcome(KeyRecord key, String secret, boolean replayed) {}

    public void create(Context ctx) {
        JsonNode body = Json.parseObject(Bodies.read(ctx));
        KeyRecord caller = Gate.caller(ctx);
        String idempotencyKey = ctx.header("Idempotency-Key");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ApiError.malformed("Idempotency-Key must be 1 to 255 characters.", "Idempotency-Key");
        }
        long now = gate.now();
        String ip = Gate.ip(ctx);
        String requestHash = idempotencyKey == null ? null : canonicalHash(body);

        Outcome outcome = db.write(h -> {
            if (idempotencyKey != null) {
                h.createUpdate("DELETE FROM idempotency_records WHERE created_at <= :cutoff")
                        .bind("cutoff", now - IDEMPOTENCY_WINDOW_SECONDS).execute();
                Optional<Map<String, Object>> previous = h.createQuery(
                                "SELECT request_hash, key_id FROM idempotency_records "
                                        + "WHERE caller_key_id = :caller AND idempotency_key = :ikey")
                        .bind("caller", caller.id()).bind("ikey", idempotencyKey).mapToMap().findOne();
                if (previous.isPresent()) {
                    if (!requestHash.equals(previous.get().get("request_hash"))) {
                        throw ApiError.param(422, "idempotency_key_reused",
                                "This Idempotency-Key was already used with a different request body.",
                                "Idempotency-Key");
                    }
                    KeyRecord existing = KeyStore.byId(h, (String) previous.get().get("key_id"))
                            .map(usage::overlay).orElseThrow(ApiError::keyNotFound);
                    return new Outcome(existing, null, true);
                }
            }
            String name = KeyRequests.name(body.get("name"));
            List<String> permissions = KeyRequests.permissions(body.get("permissions"));
            List<String> missing = Catalog.missing(caller.permissionSet(), permissions);
            if (!missing.isEmpty()) {
                throw escalation(missing);
            }
            Long expiresAt = KeyRequests.expiresAt(body.get("expires_at"), now, expirationRequired).orElse(null);
            String description = KeyRequests.description(body.get("description"));
            String type = KeyRequests.type(body.get("type"));

            NewKey minted = NewKey.mint(hasher, name, description, type, permissions, now, caller.id(), expiresAt);
            KeyStore.insert(h, minted.record());
            if (idempotencyKey != null) {
                h.createUpdate("INSERT INTO idempotency_records (caller_key_id, idempotency_key, request_hash, key_id, "
                                + "created_at) VALUES (:caller, :ikey, :hash, :keyId, :now)")
                        .bind("caller", caller.id()).bind("ikey", idempotencyKey).bind("hash", requestHash)
                        .bind("keyId", minted.record().id()).bind("now", now).execute();
            }
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("name", name);
            detail.put("type", type);
            detail.put("permissions", String.join(" ", permissions));
            AuditLog.record(h, now, AuditLog.KEY_CREATED, caller.id(), minted.record().id(), ip, detail);
            KeyRecord stored = KeyStore.byId(h, minted.record().id()).orElseThrow();
            return new Outcome(stored, minted.secret(), false);
        });

        Map<String, Object> json = outcome.key().toJson(now);
        ctx.header("ETag", outcome.key().etag());
        if (outcome.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
            ctx.status(200);
        } else {
            json.put("key", outcome.secret());
            ctx.status(201);
        }
        ctx.contentType("application/json").result(Json.write(json));
    }

    /**
     * {@code GET /v1/api-keys}: unrevoked keys newest first; with {@code status} only those in that
     * state, and {@code status=revoked} the revoked ones, latest revocation first.
     */
    public void list(Context ctx) {
        int limit = Paging.limit(ctx);
        String status = ctx.queryParam("status");
        if (status != null && !LIST_STATUSES.contains(status)) {
            throw ApiError.malformed("status must be one of active, disabled, expired, revoked.", "status");
        }
        long now = gate.now();
        boolean revoked = "revoked".equals(status);
        long[] position = revoked ? revokedPosition(ctx) : new long[] {Paging.cursor(ctx, "k")};
        List<KeyRecord> rows = usage.read(() -> db.read(h -> revoked
                        ? KeyStore.revokedPage(h, position[0], position[1], limit + 1)
                        : KeyStore.page(h, status, now, position[0], limit + 1)).stream()
                .map(usage::overlay).toList());
        boolean hasMore = rows.size() > limit;
        List<KeyRecord> page = hasMore ? rows.subList(0, limit) : rows;
        List<Object> data = new ArrayList<>(page.size());
        for (KeyRecord k : page) {
            data.add(k.toJson(now));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", data);
        out.put("has_more", hasMore);
        String next = null;
        if (hasMore) {
            KeyRecord last = page.get(page.size() - 1);
            next = revoked ? Paging.encode("r", last.revokedAt() + ":" + last.seq()) : Paging.encode("k", last.seq());
        }
        out.put("next_cursor", next);
        ctx.contentType("application/json").result(Json.write(out));
    }

    private static final Set<String> LIST_STATUSES = Set.of("active", "disabled", "expired", "revoked");

    /** A revoked-list cursor's (revoked_at, seq), or the end of time for the first page. */
    private static long[] revokedPosition(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isEmpty()) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
        String[] parts = Paging.decode(raw, "r").split(":");
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        throw Paging.badCursor();
    }

    /**
     * {@code POST /v1/api-keys/identify}: which key, in any state, has this secret. Keyed hashes
     * are compared, the secret is neither logged nor kept, and a miss counts against the caller's
     * address like a failed authentication (so this is no oracle for guessing secrets).
     */
    public void identify(Context ctx) {
        JsonNode body = Json.parseObject(Bodies.read(ctx));
        JsonNode secret = body.get("secret");
        if (secret == null || !secret.isTextual() || secret.textValue().isEmpty()) {
            throw ApiError.param(422, "validation_failed", "secret must be the full secret, as a string.", "secret");
        }
        long now = gate.now();
        String token = secret.textValue().strip();
        KeyRecord found = Authenticator.wellFormed(token)
                ? usage.read(() -> Optional.ofNullable(gate.authenticator().find(token))
                        .flatMap(k -> db.read(h -> KeyStore.byId(h, k.id()))).map(usage::overlay).orElse(null))
                : null;
        if (found == null) {
            gate.authenticator().countMiss(Gate.ip(ctx), now);
            throw ApiError.keyNotFound();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", found.toJson(now));
        ctx.contentType("application/json").result(Json.write(out));
    }

    public void get(Context ctx) {
        KeyRecord key = usage.read(() -> db.read(h -> KeyStore.unrevokedById(h, ctx.pathParam("id"))).map(usage::overlay))
                .orElseThrow(ApiError::keyNotFound);
        ctx.header("ETag", key.etag());
        ctx.contentType("application/json").result(Json.write(key.toJson(gate.now())));
    }

    public void update(Context ctx) {
        JsonNode body = Json.parseObject(Bodies.read(ctx));
        boolean any = false;
        for (String field : UPDATABLE) {
            any |= body.has(field);
        }
        if (!any) {
            throw ApiError.of(422, "validation_failed",
                    "Nothing to change: send at least one of name, description, permissions, expires_at, status.");
        }
        KeyRecord caller = Gate.caller(ctx);
        String ifMatch = ctx.header("If-Match");
        long now = gate.now();
        String ip = Gate.ip(ctx);
        String id = ctx.pathParam("id");

        String reason = AuditReason.of(ctx);

        KeyRecord updated = usage.read(() -> db.write(h -> {
            KeyRecord current = KeyStore.unrevokedById(h, id).orElseThrow(ApiError::keyNotFound);
            if (ifMatch != null && !etagMatches(ifMatch, current.etag())) {
                throw ApiError.of(412, "precondition_failed",
                        "The key changed since it was read (If-Match does not match its ETag); nothing was changed.");
            }
            String name = body.has("name") ? KeyRequests.name(body.get("name")) : current.name();
            String description = body.has("description")
                    ? KeyRequests.description(body.get("description")) : current.description();
            List<String> permissions = body.has("permissions")
                    ? KeyRequests.permissions(body.get("permissions")) : current.permissions();
            Long expiresAt = body.has("expires_at")
                    ? KeyRequests.expiresAt(body.get("expires_at"), now, expirationRequired).orElse(null)
                    : current.expiresAt();
            String status = body.has("status") ? KeyRequests.status(body.get("status")) : current.status();
            judge(caller, current, name, description, permissions, expiresAt, status);

            KeyRecord next = new KeyRecord(current.seq(), current.id(), name, description, current.prefix(),
                    current.secretHash(), current.type(), status, permissions, current.createdAt(),
                    current.createdBy(), expiresAt, null, null, current.lastUsed(), current.lastUsedIp(),
                    current.usageDay(), current.requestsToday(), current.usageMonth(), current.requestsThisMonth(),
                    current.version());
            KeyStore.update(h, next);

            List<String> changed = new ArrayList<>();
            if (!name.equals(current.name())) {
                changed.add("name");
            }
            if (!Objects.equals(description, current.description())) {
                changed.add("description");
            }
            if (!permissions.equals(current.permissions())) {
                changed.add("permissions");
            }
            if (!Objects.equals(expiresAt, current.expiresAt())) {
                changed.add("expires_at");
            }
            if (!changed.isEmpty() || status.equals(current.status())) {
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("fields", String.join(",", changed));
                putReason(detail, reason);
                AuditLog.record(h, now, AuditLog.KEY_UPDATED, caller.id(), id, ip, detail);
            }
            if (!status.equals(current.status())) {
                Map<String, String> detail = new LinkedHashMap<>();
                putReason(detail, reason);
                AuditLog.record(h, now, "disabled".equals(status) ? AuditLog.KEY_DISABLED : AuditLog.KEY_ENABLED,
                        caller.id(), id, ip, detail);
            }
            return usage.overlay(KeyStore.byId(h, id).orElseThrow());
        }));
        ctx.header("ETag", updated.etag());
        ctx.contentType("application/json").result(Json.write(updated.toJson(now)));
    }

    /**
     * Who may change what, judged on the whole PATCH before anything is written. Nobody gives a
     * key a permission they lack. A key holding a permission the caller lacks may still be
     * stopped (disabled) or narrowed (permissions removed) by any caller with access_tokens:write,
     * so a responder can always stop a leaked key; every other change to it (name, description,
     * expiry, re-enabling, adding permissions) is a 403 too: no lateral moves.
     */
    static void judge(KeyRecord caller, KeyRecord current, String name, String description,
            List<String> permissions, Long expiresAt, String status) {
        Set<String> held = caller.permissionSet();
        // What the new set grants that the key did not already hold (narrowing admin:* to a
        // concrete permission adds nothing).
        List<String> added = Catalog.missing(current.permissionSet(), permissions);
        List<String> notHeld = Catalog.missing(held, added);
        if (!notHeld.isEmpty()) {
            throw escalation(notHeld);
        }
        List<String> beyond = Catalog.missing(held, current.permissions());
        if (beyond.isEmpty()) {
            return;
        }
        List<String> refused = new ArrayList<>();
        if (!name.equals(current.name())) {
            refused.add("name");
        }
        if (!Objects.equals(description, current.description())) {
            refused.add("description");
        }
        if (!Objects.equals(expiresAt, current.expiresAt())) {
            refused.add("expires_at");
        }
        if ("active".equals(status) && !"active".equals(current.status())) {
            refused.add("status");
        }
        if (!added.isEmpty()) {
            refused.add("permissions");
        }
        if (!refused.isEmpty()) {
            throw ApiError.param(403, "permission_escalation", "This key holds permissions the calling key lacks ("
                    + String.join(", ", beyond) + "): the caller may revoke it, disable it or remove permissions "
                    + "from it, but not change its " + String.join(", ", refused) + ". Nothing was changed.",
                    refused.get(0));
        }
    }

    private static void putReason(Map<String, String> detail, String reason) {
        if (reason != null) {
            detail.put("reason", reason);
        }
    }

    /** Revoking never grants anything: any caller with access_tokens:write may revoke any key. */
    public void revoke(Context ctx) {
        KeyRecord caller = Gate.caller(ctx);
        long now = gate.now();
        String ip = Gate.ip(ctx);
        String id = ctx.pathParam("id");
        String reason = AuditReason.of(ctx);
        db.writeVoid(h -> {
            KeyRecord current = KeyStore.unrevokedById(h, id).orElseThrow(ApiError::keyNotFound);
            KeyStore.revoke(h, current.id(), now, caller.id());
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("name", current.name());
            putReason(detail, reason);
            AuditLog.record(h, now, AuditLog.KEY_REVOKED, caller.id(), id, ip, detail);
        });
        ctx.status(204);
    }

    /** {@code GET /v1/api-keys/{id}/usage}: also for a revoked key, whose history matters in an incident. */
    public void usage(Context ctx) {
        long now = gate.now();
        KeyRecord key = db.read(h -> KeyStore.byId(h, ctx.pathParam("id"))).orElseThrow(ApiError::keyNotFound);
        ctx.contentType("application/json").result(Json.write(UsageStore.usage(db, usage, key, now)));
    }

    public void whoami(Context ctx) {
        KeyRecord caller = Gate.caller(ctx);
        KeyRecord fresh = usage.read(() -> db.read(h -> KeyStore.byId(h, caller.id())).map(usage::overlay))
                .orElse(caller);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", fresh.toJson(gate.now()));
        out.put("permissions", fresh.permissions());
        ctx.contentType("application/json").result(Json.write(out));
    }

    private static ApiError escalation(List<String> missing) {
        return ApiError.param(403, "permission_escalation",
                "A key can only grant permissions it holds itself; this key lacks " + String.join(", ", missing) + ".",
                "permissions");
    }

    static boolean etagMatches(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** A hash of the body that does not depend on the order of its fields or its whitespace. */
    static String canonicalHash(JsonNode body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(Json.write(canonical(body)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                sorted.put(e.getKey(), canonical(e.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(n -> items.add(canonical(n)));
            return items;
        }
        return node;
    }
}
