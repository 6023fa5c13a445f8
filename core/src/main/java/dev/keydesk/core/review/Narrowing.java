package dev.keydesk.core.review;

import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.PreconditionFailedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.VersionedKey;
import dev.keydesk.core.common.ErrorMessages;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Narrows one reviewed key in place: one {@code PATCH permissions} with {@code If-Match} for the
 * version the reviewer saw, and {@code Audit-Reason}. Someone else's change since then is a
 * conflict and changes nothing (412, or, against a server without ETags, the permissions read
 * again differ from those reviewed), as in the editor.
 */
public final class Narrowing {

    /** The audit log's reason for a narrowing. */
    public static final String REASON = "review: narrowed to the permissions in use";

    /** The message of a conflict: the editor's own words. */
    public static final String CONFLICT = "Someone else changed this key since you reviewed it. Nothing was saved.";

    public enum Result { NARROWED, CONFLICT, REFUSED, GONE, FAILED }

    /**
     * @param key the key as the server now holds it (NARROWED only)
     * @param message why, for anything but NARROWED
     */
    public record Outcome(String keyId, Result result, VersionedKey key, String message, Throwable error) {
    }

    private Narrowing() {
    }

    /**
     * Sends the narrowing; blocks. Failures about the connection itself (401, a 429 the client gave
     * up on, 5xx, no answer) are thrown, since every later key would fail the same way.
     *
     * @param reviewed the key with the version tag the reviewer saw
     */
    public static Outcome apply(KeyApi api, VersionedKey reviewed, Collection<Permission> permissions) {
        Objects.requireNonNull(reviewed, "reviewed");
        ApiKey key = reviewed.key();
        List<Permission> wanted = List.copyOf(new TreeSet<>(permissions));
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one permission");
        }
        try {
            if (reviewed.etag() == null) {
                ApiKey now = api.getKey(key.id()).key();
                if (!Set.copyOf(now.permissions()).equals(Set.copyOf(key.permissions()))) {
                    return new Outcome(key.id(), Result.CONFLICT, null, CONFLICT, null);
                }
            }
            VersionedKey saved = api.updateKey(key.id(), KeyUpdateParams.builder().permissions(wanted).build(),
                    reviewed.etag(), ChangeOptions.reason(REASON));
            return new Outcome(key.id(), Result.NARROWED, saved, null, null);
        } catch (CancelledException e) {
            throw e;
        } catch (PreconditionFailedException e) {
            return new Outcome(key.id(), Result.CONFLICT, null, CONFLICT, e);
        } catch (PermissionDeniedException e) {
            return new Outcome(key.id(), Result.REFUSED, null, e.isEscalation()
                    ? "refused: the new set holds a permission your admin key lacks" : "refused by the server", e);
        } catch (NotFoundException e) {
            return new Outcome(key.id(), Result.GONE, null, "the key is gone (revoked meanwhile?)", e);
        } catch (ValidationException e) {
            return new Outcome(key.id(), Result.FAILED, null, ErrorMessages.describe(e).whatHappened(), e);
        } catch (KeyApiException e) {
            throw e;
        }
    }
}
