package dev.keydesk.client.http;

import okhttp3.Headers;

import java.util.Arrays;

/**
 * A response read to the end on the HTTP thread, so that the caller's thread only waits. For the
 * dialect packages of this library, which read their shapes from {@link #body()}.
 *
 * @param body the whole body, or null when it could not be read (an error status with a broken body)
 */
public record RawResponse(int code, String message, Headers headers, byte[] body) {

    public boolean isSuccessful() {
        return code >= 200 && code < 300;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** Overwrites the body, for responses that carried a secret. */
    public void wipe() {
        if (body != null) {
            Arrays.fill(body, (byte) 0);
        }
    }

    @Override
    public String toString() {
        // Never the body: a create response holds a secret.
        return "RawResponse[" + code + ", " + (body == null ? "unreadable" : body.length + " bytes") + "]";
    }
}
