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
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP surface: routes, request ids, JSON errors and the access log. */
public final class ApiServer {

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.keydesk.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String REQUEST_ID = "keydesk.requestId";
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiServer() {}

    /** The server, not started yet; {@code Javalin.start()} (no arguments) binds {@code host:port}. */
    public static Javalin create(Gate gate, KeyRoutes keys, AuditRoutes audit, boolean expirationRequired,
            String host, int port) {
        InfoRoutes info = new InfoRoutes(gate, expirationRequired);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = 1_000_000L;
            config.http.defaultContentType = "application/json";
            config.requestLogger.http(ApiServer::logAccess);
            JsonErrorHandler errors = new JsonErrorHandler();
            config.jetty.modifyHttpConfiguration(http -> {
                // Jetty keeps a per-connection cache of header fields and, by default, matches a
                // new header against it ignoring case: a case-changed secret on a keep-alive
                // connection came out as the previous request's exact one. No cache at all: every
                // header value reaches the authenticator as the client sent it.
                http.setHeaderCacheSize(0);
                http.setHeaderCacheCaseSensitive(true);
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new ClientFaultConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                return connector;
            });
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(errors));
        });

        app.before(ctx -> {
            String id = newRequestId();
            ctx.attribute(REQUEST_ID, id);
            ctx.header(REQUEST_ID_HEADER, id);
        });

        app.post("/v1/api-keys", gate.secured("access_tokens:write", keys::create));
        app.post("/v1/api-keys/identify", gate.secured("access_tokens:read", keys::identify));
        app.get("/v1/api-keys", gate.secured("access_tokens:read", keys::list));
        app.get("/v1/api-keys/{id}", gate.secured("access_tokens:read", keys::get));
        app.get("/v1/api-keys/{id}/usage", gate.secured("access_tokens:read", keys::usage));
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
            if (clientFault(e)) {
                render(ctx, ApiError.malformed("The request could not be read.", null));
                return;
            }
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

    /** Whether an exception that escaped an endpoint is Jetty refusing the client's bytes. */
    private static boolean clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.BadMessageException
                    || t instanceof java.nio.charset.IllegalCharsetNameException
                    || t instanceof java.nio.charset.UnsupportedCharsetException) {
                return true;
            }
        }
        return false;
    }

    static void render(Context ctx, ApiError e) {
        String rid = ctx.attribute(REQUEST_ID);
        if (rid == null) {
            rid = newRequestId();
            ctx.attribute(REQUEST_ID, rid);
            ctx.header(REQUEST_ID_HEADER, rid);
        }
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        ctx.attribute("keydesk.rendered", Boolean.TRUE);
        ctx.status(e.status()).contentType("application/json").result(errorJson(e, rid));
    }

    /** The contract's error object; the one place it is written, for Javalin's and Jetty's errors alike. */
    static String errorJson(ApiError e, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        body.put("request_id", requestId);
        if (e.param() != null) {
            body.put("param", e.param());
        }
        if (e.requiredPermission() != null) {
            body.put("required_permission", e.requiredPermission());
        }
        if (e.limitScope() != null) {
            body.put("limit_scope", e.limitScope());
        }
        return Json.write(body);
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
