package dev.keydesk.server.http;

import dev.keydesk.server.audit.AuditLog;
import dev.keydesk.server.auth.Authenticator;
import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.keys.KeyRecord;
import dev.keydesk.server.keys.KeyStore;
import dev.keydesk.server.keys.UsageBuffer;
import dev.keydesk.server.ratelimit.RateLimiter;
import dev.keydesk.server.storage.Database;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

/**
 * What every authenticated endpoint goes through, in order: authentication (401, or 429 for an
 * address with too many failures), the caller's rate limits (429, with the headers on every
 * answer), counting the use, then the permission the endpoint needs (403).
 */
public final class Gate {

    static final String CALLER = "keydesk.caller";
    private static final String EXERCISED = "keydesk.exercised";

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final Database db;
    private final Clock clock;
    private final UsageBuffer usage;

    public Gate(Authenticator authenticator, RateLimiter rateLimiter, Database db, UsageBuffer usage, Clock clock) {
        this.usage = usage;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.db = db;
        this.clock = clock;
    }

    public long now() {
        return clock.instant().getEpochSecond();
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The client's address as the socket sees it; forwarding headers are not trusted. */
    public static String ip(Context ctx) {
        String addr = ctx.req().getRemoteAddr();
        return addr == null ? "unknown" : addr;
    }

    public static KeyRecord caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /** 403 unless the caller holds {@code permission}; if it does, the request exercised it (usage per permission). */
    public static void require(Context ctx, String permission) {
        if (!Catalog.holds(caller(ctx).permissionSet(), permission)) {
            throw ApiError.insufficientPermission(permission);
        }
        ctx.attribute(EXERCISED, permission);
    }

    /** Wraps an endpoint; {@code permission} may be null for "any valid key". */
    public Handler secured(String permission, Handler endpoint) {
        return ctx -> {
            long now = now();
            String ip = ip(ctx);
            KeyRecord caller = authenticator.authenticate(authorizations(ctx), ip, now);
            ctx.attribute(CALLER, caller);
            RateLimiter.Decision d = rateLimiter.acquire(caller.id(), now);
            ctx.header("X-RateLimit-Limit", Long.toString(d.limit()));
            ctx.header("X-RateLimit-Remaining", Long.toString(d.remaining()));
            ctx.header("X-RateLimit-Reset", Long.toString(d.resetEpochSeconds()));
            ctx.header("X-RateLimit-Minute-Limit", Long.toString(d.minuteLimit()));
            ctx.header("X-RateLimit-Minute-Remaining", Long.toString(d.minuteRemaining()));
            ctx.header("X-RateLimit-Minute-Reset", Long.toString(d.minuteResetEpochSeconds()));
            if (!d.allowed()) {
                if (d.firstRejectionInWindow()) {
                    db.writeVoid(h -> AuditLog.record(h, now, AuditLog.RATE_LIMIT_EXCEEDED, caller.id(), caller.id(),
                            ip, Map.of("window", d.window())));
                }
                throw ApiError.rateLimited("Rate limit exceeded for this key (per " + d.window() + ").",
                        d.retryAfterSeconds(), d.scope());
            }
            recordUse(caller, ip, now);
            try {
                if (permission != null) {
                    require(ctx, permission);
                }
                endpoint.handle(ctx);
            } finally {
                String exercised = ctx.attribute(EXERCISED);
                if (exercised != null) {
                    usage.exercise(caller.id(), now, exercised);
                }
            }
        };
    }

    /** Every {@code Authorization} header of the request, in order (usually one). */
    private static List<String> authorizations(Context ctx) {
        Enumeration<String> values = ctx.req().getHeaders("Authorization");
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return all;
    }

    /** Counts the use (buffered, no write of its own) and audits a first use from a new address. */
    private void recordUse(KeyRecord caller, String ip, long now) {
        String previous = usage.lastIp(caller);
        usage.record(caller.id(), now, ip);
        if (!ip.equals(previous)) {
            db.writeVoid(h -> {
                boolean fresh = KeyStore.rememberAddress(h, caller.id(), ip, now);
                if (fresh && previous != null) {
                    AuditLog.record(h, now, AuditLog.KEY_USED_FROM_NEW_IP, caller.id(), caller.id(), ip,
                            Map.of("previous_ip", previous));
                }
            });
        }
    }
}
