package dev.keydesk.server.http;

import dev.keydesk.server.catalog.Catalog;
import dev.keydesk.server.ratelimit.RateLimiter;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only endpoints: catalog, key policy, rate limit, and the demo resource endpoints. */
final class InfoRoutes {

    private final Gate gate;
    private final boolean expirationRequired;
    private final String permissionsJson;
    private final SecureRandom random = new SecureRandom();

    InfoRoutes(Gate gate, boolean expirationRequired) {
        this.gate = gate;
        this.expirationRequired = expirationRequired;
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("access_levels", Catalog.ACCESS_LEVELS);
        catalog.put("resources", Catalog.resources());
        catalog.put("presets", Catalog.presets());
        this.permissionsJson = Json.write(catalog);
    }

    void permissions(Context ctx) {
        ctx.contentType("application/json").result(permissionsJson);
    }

    void keyPolicy(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max_lifetime_days", 365);
        out.put("default_lifetime_days", 90);
        out.put("expiration_required", expirationRequired);
        out.put("key_types", List.of("live", "test"));
        ctx.contentType("application/json").result(Json.write(out));
    }

    void rateLimit(Context ctx) {
        RateLimiter.Decision d = gate.rateLimiter().peek(Gate.caller(ctx).id(), gate.now());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", d.limit());
        out.put("remaining", d.remaining());
        out.put("reset", d.resetEpochSeconds());
        out.put("reset_at", Json.time(d.resetEpochSeconds()));
        out.put("limit_per_minute", gate.rateLimiter().perMinute());
        ctx.contentType("application/json").result(Json.write(out));
    }

    /** {@code GET /v1/<resource>} (needs read) and {@code POST} (needs write): small plausible answers. */
    void resource(Context ctx) {
        String name = ctx.pathParam("resource");
        Catalog.Resource resource = Catalog.resource(name)
                .orElseThrow(() -> ApiError.notFound("No such endpoint: " + ctx.method() + " /v1/" + truncate(name) + "."));
        boolean write = "POST".equals(ctx.method().name());
        String access = write ? "write" : "read";
        if (!resource.access().contains(access)) {
            throw ApiError.of(405, "method_not_allowed",
                    "The resource " + name + " does not support " + access + " access.");
        }
        Gate.require(ctx, name + ":" + access);
        long now = gate.now();
        if (write) {
            String body = Bodies.read(ctx);
            if (!body.isBlank()) {
                Json.parseObject(body);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", singular(name) + "_" + Long.toString(Math.abs(random.nextLong()), 36));
            out.put("object", singular(name));
            out.put("status", "accepted");
            out.put("created_at", Json.time(now));
            ctx.status(201).contentType("application/json").result(Json.write(out));
        } else {
            List<Object> items = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", singular(name) + "_" + (1000 + i));
                item.put("name", resource.label() + " sample " + i);
                item.put("created_at", Json.time(now - i * 86_400L * 7));
                items.add(item);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("object", "list");
            out.put("resource", name);
            out.put("data", items);
            out.put("has_more", false);
            ctx.contentType("application/json").result(Json.write(out));
        }
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String truncate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
