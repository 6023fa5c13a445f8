package dev.keydesk.server.http;

import dev.keydesk.server.audit.AuditRoutes;
import dev.keydesk.server.keys.KeyRecord;
import dev.keydesk.server.keys.KeyRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP surface: routes, request ids, JSON errors and the access log. */
public final class ApiServer {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.keydesk.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String REQUEST_ID = "keydesk.requestId";
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiServer() {}

    public static Javalin create(Gate gate, KeyRoutes keys, AuditRoutes audit, boolean expirationRequired) {
        InfoRoutes info = new InfoRoutes(gate, expirationRequired);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = 1_000_000L;
            config.http.defaultContentType = "application/json";
            config.requestLogger.http(ApiServer::logAccess);
        });

        app.before(ctx -> {
            String id = newRequestId();
            ctx.attribute(REQUEST_ID, id);
            ctx.header("X-Request-Id", id);
        });

        app.post("/v1/api-keys", gate.secured("access_tokens:write", keys::create));
        app.get("/v1/api-keys", gate.secured("access_tokens:read", keys::list));
        app.get("/v1/api-keys/{id}", gate.secured("access_tokens:read", keys::get));
        app.patch("/v1/api-keys/{id}", gate.secured("access_tokens:write", keys::update));
        app.delete("/v1/api-keys/{id}", gate.secured("access_tokens:write", keys::revoke));
        app.get("/v1/whoami", gate.secured(null, keys::whoami));
        app.get("/v1/permissions", gate.secured(null, info::permissions));
        app.get("/v1/key-policy", gate.secured(null, info::keyPolicy));
        app.get("/v1/rate-limit", gate.secured(null, info::rateLimit));
        app.get("/v1/audit-events", gate.secured("access_tokens:read", audit::list));
        app.get("/v1/{resource}", gate.secured(null, info::resource));
        app.post("/v1/{resource}", gate.secured(null, info::resource));

        app.exception(ApiError.class, (e, ctx) -> render(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> render(ctx, fromJavalin(e.getStatus(), ctx)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure on {} {} (request {}): {}", ctx.method(), ctx.path(),
                    (Object) ctx.attribute(REQUEST_ID), e.getClass().getName(), e);
            render(ctx, ApiError.of(500, "internal_error", "Something went wrong on the server."));
        });
        // Answers that Javalin itself produced without going through an exception handler.
        app.error(404, ctx -> {
            if (ctx.attribute("keydesk.rendered") == null) {
                render(ctx, fromJavalin(404, ctx));
            }
        });
        app.error(405, ctx -> {
            if (ctx.attribute("keydesk.rendered") == null) {
                render(ctx, fromJavalin(405, ctx));
            }
        });
        return app;
    }

    private static ApiError fromJavalin(int status, Context ctx) {
        return switch (status) {
            case 404 -> ApiError.notFound("No such endpoint: " + ctx.method() + " " + ctx.path() + ".");
            case 405 -> ApiError.of(405, "method_not_allowed",
                    "The method " + ctx.method() + " is not allowed on " + ctx.path() + ".");
            case 413 -> ApiError.of(413, "malformed_request", "The request body is too large.");
            default -> status >= 500
                    ? ApiError.of(status, "internal_error", "Something went wrong on the server.")
                    : ApiError.of(status, "malformed_request", "The request could not be understood.");
        };
    }

    static void render(Context ctx, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        Object rid = ctx.attribute(REQUEST_ID);
        if (rid == null) {
            rid = newRequestId();
            ctx.attribute(REQUEST_ID, rid);
            ctx.header("X-Request-Id", (String) rid);
        }
        body.put("request_id", rid);
        if (e.param() != null) {
            body.put("param", e.param());
        }
        if (e.requiredPermission() != null) {
            body.put("required_permission", e.requiredPermission());
        }
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        ctx.attribute("keydesk.rendered", Boolean.TRUE);
        ctx.status(e.status()).contentType("application/json").result(Json.write(body));
    }

    private static void logAccess(Context ctx, Float ms) {
        KeyRecord caller = ctx.attribute(Gate.CALLER);
        ACCESS.info("{} {} {} key={} request_id={} {}ms", ctx.method(), ctx.path(), ctx.statusCode(),
                caller == null ? "-" : caller.id() + "/" + caller.prefix(), ctx.attribute(REQUEST_ID),
                String.format("%.1f", ms));
    }

    static String newRequestId() {
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return "req_" + new String(out);
    }
}
