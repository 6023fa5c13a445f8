package dev.keydesk.server.keys;

import dev.keydesk.server.auth.SecretHasher;
import dev.keydesk.server.auth.Secrets;
import java.util.List;

/** A freshly minted key: its row, and the secret that only the creator ever sees. */
public record NewKey(KeyRecord record, String secret) {

    public static String newId() {
        return "key_" + Secrets.base62(20);
    }

    public static NewKey mint(SecretHasher hasher, String name, String description, String type,
            List<String> permissions, long createdAt, String createdBy, Long expiresAt) {
        String secret = Secrets.newSecret(type);
        KeyRecord record = new KeyRecord(0, newId(), name, description, Secrets.prefixOf(secret),
                hasher.hash(secret), type, "active", List.copyOf(permissions), createdAt, createdBy, expiresAt,
                null, null, null, null, 0, 0, 0, 0, 1);
        return new NewKey(record, secret);
    }

    @Override
    public String toString() {
        return "NewKey[" + record.id() + "]";
    }
}
