package dev.keydesk.core.rotation;

import dev.keydesk.client.model.ApiKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One rotation to follow until the old key is gone: which key replaced which, when, and until when
 * the old one works. Kept in the app's data folder (see {@link CutoverStore}); it names keys by id,
 * name and prefix only, never a secret.
 *
 * @param profileId the connection profile the keys belong to
 * @param oldName the old key's name without the marker
 * @param graceEndsAt when the old key stops working (its expiry); null when it has none
 * @param baselineDay the UTC day of {@code baselineRequests}; null where the server has no usage
 * @param baselineRequests the old key's requests that day before the rotation
 * @param closedAt when the old key was seen revoked or expired, or revoked from the tracker; null while open
 * @param closedHow "revoked early", "revoked", "expired"; null while open
 */
public record Cutover(String profileId, String oldKeyId, String oldName, String oldPrefix, String newKeyId,
                      String newName, String newPrefix, Instant rotatedAt, Grace grace, Instant graceEndsAt,
                      LocalDate baselineDay, Long baselineRequests, Instant closedAt, String closedHow) {

    public Cutover {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(oldKeyId, "oldKeyId");
        Objects.requireNonNull(newKeyId, "newKeyId");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        Objects.requireNonNull(grace, "grace");
    }

    static Cutover started(String profileId, ApiKey old, ApiKey replacement, Instant rotatedAt, Grace grace,
                           Instant graceEndsAt, LocalDate baselineDay, Long baselineRequests) {
        return new Cutover(profileId, old.id(), RotationMarker.unmarked(old.name()), old.prefix(), replacement.id(),
                replacement.name(), replacement.prefix(), rotatedAt, grace, graceEndsAt, baselineDay, baselineRequests,
                null, null);
    }

    public boolean isOpen() {
        return closedAt == null;
    }

    public Cutover closed(Instant at, String how) {
        return new Cutover(profileId, oldKeyId, oldName, oldPrefix, newKeyId, newName, newPrefix, rotatedAt, grace,
                graceEndsAt, baselineDay, baselineRequests, at, how);
    }

    public Cutover withGraceEnd(Instant endsAt) {
        return new Cutover(profileId, oldKeyId, oldName, oldPrefix, newKeyId, newName, newPrefix, rotatedAt, grace,
                endsAt, baselineDay, baselineRequests, closedAt, closedHow);
    }

    @Override
    public String toString() {
        return "Cutover[" + oldKeyId + " → " + newKeyId + ", rotated " + rotatedAt + ", grace until " + graceEndsAt
                + (closedAt == null ? "" : ", " + closedHow) + "]";
    }
}
