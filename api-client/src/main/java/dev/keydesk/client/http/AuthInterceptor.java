package dev.keydesk.client.http;

import dev.keydesk.client.Secret;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/** Adds {@code Authorization: Bearer <secret>}, revealing the secret only for the header itself. */
final class AuthInterceptor implements Interceptor {

    static final String HEADER = "Authorization";

    private final Secret secret;

    AuthInterceptor(Secret secret) {
        this.secret = secret;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (secret.isWiped()) {
            throw new IOException("the client's API key has been wiped");
        }
        return chain.proceed(chain.request().newBuilder()
                .header(HEADER, "Bearer " + secret.reveal())
                .build());
    }
}
