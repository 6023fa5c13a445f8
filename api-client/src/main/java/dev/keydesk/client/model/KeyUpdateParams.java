package dev.keydesk.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fields to change on a key; fields left unset stay as they are. Build with {@link #builder()}.
 * An expiry can be set to a date or to "never" ({@link Builder#neverExpires()}), which is why it
 * is tracked apart from its value.
 */
public final class KeyUpdateParams {

    private final String name;
    private final String description;
    private final List<Permission> permissions;
    private final boolean expiresAtSet;
    private final Instant expiresAt;
    private final String status;

    private KeyUpdateParams(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.permissions = b.permissions == null ? null : List.copyOf(b.permissions);
        this.expiresAtSet = b.expiresAtSet;
        this.expiresAt = b.expiresAt;
        this.status = b.status;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Optional<List<Permission>> permissions() {
        return Optional.ofNullable(permissions);
    }

    /** Whether the expiry is to change; then {@link #expiresAt()} is the new value (null: never). */
    public boolean expiresAtSet() {
        return expiresAtSet;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@link KeyStatus#ACTIVE} or {@link KeyStatus#DISABLED}. */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    public boolean isEmpty() {
        return name == null && description == null && permissions == null && !expiresAtSet && status == null;
    }

    @Override
    public String toString() {
        return "KeyUpdateParams[name=" + name + ", description=" + description + ", permissions=" + permissions
                + (expiresAtSet ? ", expiresAt=" + (expiresAt == null ? "never" : expiresAt) : "")
                + ", status=" + status + "]";
    }

    public static final class Builder {
        private String name;
        private String description;
        private List<Permission> permissions;
        private boolean expiresAtSet;
        private Instant expiresAt;
        private String status;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder permissions(List<Permission> permissions) {
            this.permissions = permissions;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAtSet = true;
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder neverExpires() {
            return expiresAt(null);
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public KeyUpdateParams build() {
            return new KeyUpdateParams(this);
        }
    }
}
