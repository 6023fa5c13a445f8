package dev.keydesk.client.http;

import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Logs each attempt at DEBUG (method, path, status, time, request id) and the headers at TRACE,
 * with the {@code Authorization} header redacted. Never logs a body: a create response holds a secret.
 * Placed after the auth interceptor, so that what it redacts is what is really sent.
 */
final class LoggingInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger("dev.keydesk.client.http");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!LOG.isDebugEnabled()) {
            return chain.proceed(request);
        }
        if (LOG.isTraceEnabled()) {
            LOG.trace("--> {} {} {}", request.method(), request.url().encodedPath(), redacted(request.headers()));
        }
        long start = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.debug("{} {} -> {} in {} ms (request id {})", request.method(), request.url().encodedPath(),
                    response.code(), ms, response.header("X-Request-Id", "none"));
            if (LOG.isTraceEnabled()) {
                LOG.trace("<-- {}", redacted(response.headers()));
            }
            return response;
        } catch (IOException e) {
            LOG.debug("{} {} failed: {}", request.method(), request.url().encodedPath(), e.toString());
            throw e;
        }
    }

    static String redacted(Headers headers) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean sensitive = lower.equals("authorization") || lower.equals("cookie") || lower.equals("set-cookie")
                    || lower.equals("proxy-authorization");
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name).append(": ").append(sensitive ? "[redacted]" : headers.value(i));
        }
        return sb.append(']').toString();
    }
}
