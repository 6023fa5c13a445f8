package dev.keydesk.client.http;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Names the client on every request ({@code KeyDesk/<version>}). */
final class UserAgentInterceptor implements Interceptor {

    private final String userAgent;

    UserAgentInterceptor(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build());
    }
}
