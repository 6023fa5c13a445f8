package dev.keydesk.client.http;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One attempt of one request, run on OkHttp's dispatcher while the calling thread waits
 * interruptibly: interrupting the caller cancels the OkHttp call (connect, headers and body alike),
 * which a blocking {@code Call.execute()} cannot offer because socket reads ignore interrupts.
 */
final class InterruptibleExchange {

    /** More than any page of keys; a body beyond it is not an answer of this API. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    /** Tells each {@link Attempt} how far its call got; installed on the transport's one OkHttp client. */
    static final EventListener.Factory ATTEMPT_EVENTS = call -> {
        Attempt attempt = call.request().tag(Attempt.class);
        return attempt == null ? EventListener.NONE : new AttemptEvents(attempt);
    };

    /**
     * How far one attempt got, so that a failure can say whether the server may have acted on it:
     * a request whose headers never started out (refused, unresolvable, TLS handshake failed) did not
     * reach it.
     */
    static final class Attempt {
        private volatile boolean connected;
        private volatile boolean sending;

        /** After an I/O failure: whether the request had started to go out. */
        boolean mayHaveBeenSent() {
            return sending;
        }

        /** After a cancel, which races the sending: whether it had a connection to send on. */
        boolean mayHaveBeenSentBeforeCancel() {
            return connected || sending;
        }
    }

    private static final class AttemptEvents extends EventListener {
        private final Attempt attempt;

        AttemptEvents(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            attempt.connected = true;
        }

        @Override
        public void requestHeadersStart(Call call) {
            attempt.sending = true;
        }
    }

    private final OkHttpClient http;

    InterruptibleExchange(OkHttpClient http) {
        this.http = http;
    }

    /**
     * @param attempt told how far the request got
     * @throws IOException the connection failed, timed out, or a 2xx body broke off
     *     ({@link BodyReadException})
     * @throws InterruptedException the calling thread was interrupted; the call is cancelled
     */
    RawResponse execute(Request request, Attempt attempt) throws IOException, InterruptedException {
        Call call = http.newCall(request.newBuilder().tag(Attempt.class, attempt).build());
        CompletableFuture<RawResponse> result = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    result.complete(readFully(response));
                } catch (IOException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(new IOException("could not read the response", e));
                }
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            call.cancel();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("the HTTP call failed", cause);
        }
    }

    private static RawResponse readFully(Response response) throws IOException {
        byte[] body;
        try {
            body = readBounded(response.body());
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException e) {
            if (response.isSuccessful()) {
                // The answer itself broke off: worth another attempt where the request is safe to repeat.
                throw new BodyReadException(response.code(), e);
            }
            // An error status says enough on its own; its broken body is not worth a retry.
            body = null;
        }
        return new RawResponse(response.code(), response.message(), response.headers(), body);
    }

    private static byte[] readBounded(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, 64 * 1024) != -1) {
            if (buffer.size() > MAX_BODY_BYTES) {
                throw new BodyTooLargeException();
            }
        }
        return buffer.readByteArray();
    }

    /** A 2xx answer whose body broke off before its end. */
    static final class BodyReadException extends IOException {
        private final int status;

        BodyReadException(int status, IOException cause) {
            super("the response body broke off", cause);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** A body too large to be an answer of this API; not retried. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("the response body is larger than " + MAX_BODY_BYTES + " bytes");
        }
    }
}
