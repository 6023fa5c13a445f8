package dev.keydesk.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answers to requests it rejects before (or outside) routing: malformed request lines,
 * header values, URIs and chunking, oversized headers. Instead of Jetty's HTML page, the
 * contract's JSON error with an {@code X-Request-Id}. Jetty's own reason text is not echoed: it
 * may quote bytes of the request, and a request may carry a secret.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** The answer to a request the HTTP parser could not accept (no servlet was involved). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = ApiServer.newRequestId();
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(ApiServer.REQUEST_ID_HEADER, id);
        return ByteBuffer.wrap(ApiServer.errorJson(forStatus(status), id).getBytes(StandardCharsets.UTF_8));
    }

    /** Errors Jetty raises while dispatching (ambiguous paths, bad URIs), for any method. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        String id = response.getHeader(ApiServer.REQUEST_ID_HEADER);
        if (id == null) {
            id = ApiServer.newRequestId();
        }
        int status = response.getStatus();
        ApiError error = forStatus(status);
        byte[] body = ApiServer.errorJson(error, id).getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(error.status());
        response.setHeader(ApiServer.REQUEST_ID_HEADER, id);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The contract's error for a status Jetty chose; a rejected request is the client's mistake. */
    static ApiError forStatus(int status) {
        return switch (status) {
            case 404 -> ApiError.notFound("No such endpoint.");
            case 405 -> ApiError.of(405, "method_not_allowed", "This method is not allowed here.");
            case 408 -> ApiError.of(408, "malformed_request", "The request was not received in time.");
            case 411 -> ApiError.of(411, "malformed_request", "The request needs a Content-Length.");
            case 413 -> ApiError.of(413, "malformed_request", "The request body is too large.");
            case 414 -> ApiError.of(414, "malformed_request", "The request URI is too long.");
            case 415 -> ApiError.of(415, "malformed_request", "The request body's media type is not supported.");
            case 431 -> ApiError.of(431, "malformed_request", "The request's headers are too large.");
            case 500, 503 -> ApiError.of(status, "internal_error", "Something went wrong on the server.");
            default -> ApiError.of(status >= 400 && status < 500 ? status : 400, "malformed_request",
                    "The request is not valid HTTP: malformed request line, header, path or body framing.");
        };
    }
}
