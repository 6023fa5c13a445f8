package dev.keydesk.core.review;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyUsage;
import dev.keydesk.client.model.VersionedKey;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Loads what a review needs of each key, one key after another: the key fresh with its version tag
 * (so a narrowing can send {@code If-Match} for exactly what the reviewer saw) and its usage. One
 * request at a time keeps well inside the server's rate limit; when the server still says 429 (after
 * the client's own retries), the loader waits as long as it asks, up to {@link #MAX_WAIT}, and goes
 * on with the same key. A key that is gone or refused is reported and the rest go on; any other
 * failure (no usage endpoint, the connection, 401, 5xx, a longer wait) stops the load, since every
 * later key would fail the same way.
 */
public final class UsageLoader {

    /** The longest wait for the rate limit before the load stops and says so. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(2);

    /** One key's material for the review. */
    public record Loaded(VersionedKey key, KeyUsage usage) {
    }

    /** Told as the load goes; asked whether to stop. Called on the loading thread. */
    public interface Listener {
        /** Before key {@code index} (0-based) of {@code total}. */
        void loading(int index, int total, ApiKey key);

        void loaded(ApiKey key, Loaded loaded);

        /** This key failed (gone, refused); the load goes on. */
        void failed(ApiKey key, Throwable error);

        /** The server asked to wait; the load goes on afterwards with the same key. */
        void waiting(Duration wait);

        boolean isCancelled();
    }

    private final KeyApi api;
    private final RetryPolicy.Sleeper sleeper;

    public UsageLoader(KeyApi api, RetryPolicy.Sleeper sleeper) {
        this.api = Objects.requireNonNull(api, "api");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Loads {@code keys} in order.
     *
     * @return null when every key was tried, or the failure that stopped the load
     */
    public Throwable load(List<ApiKey> keys, Listener listener) throws InterruptedException {
        for (int i = 0; i < keys.size(); i++) {
            ApiKey key = keys.get(i);
            if (listener.isCancelled()) {
                throw new InterruptedException("cancelled");
            }
            listener.loading(i, keys.size(), key);
            while (true) {
                try {
                    VersionedKey fresh = api.getKey(key.id());
                    KeyUsage usage = api.usage(key.id());
                    listener.loaded(key, new Loaded(fresh, usage));
                    break;
                } catch (RateLimitedException e) {
                    Duration wait = e.retryAfter().orElse(Duration.ofSeconds(5));
                    if (wait.compareTo(MAX_WAIT) > 0 || e.isAddressBlocked()) {
                        return e;
                    }
                    listener.waiting(wait);
                    sleeper.sleep(wait);
                } catch (NotFoundException | PermissionDeniedException e) {
                    listener.failed(key, e);
                    break;
                } catch (CancelledException e) {
                    throw new InterruptedException("cancelled");
                } catch (RuntimeException e) {
                    return e;
                }
            }
        }
        return null;
    }
}
