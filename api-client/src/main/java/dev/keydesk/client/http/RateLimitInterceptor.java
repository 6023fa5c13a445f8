package dev.keydesk.client.http;

import dev.keydesk.client.model.RateLimitStatus;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.time.Clock;

/** Reports the rate-limit headers of every response (each attempt, errors included) to the tracker. */
final class RateLimitInterceptor implements Interceptor {

    private final RateLimitTracker tracker;
    private final Clock clock;

    RateLimitInterceptor(RateLimitTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        RateLimitStatus status = RateLimitHeaders.parse(response.headers(), clock.instant());
        if (status != null) {
            tracker.observe(status);
        }
        return response;
    }
}
