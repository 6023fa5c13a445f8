package dev.keydesk.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes of secrets: HMAC-SHA-256 under a pepper that lives outside the database, either
 * in {@code KEYDESK_PEPPER} (base64 or plain text, at least 32 bytes) or in {@code DIR/pepper}
 * (created owner-only on first start). A stolen database alone does not allow testing guesses.
 */
public final class SecretHasher {

    public static final String PEPPER_ENV = "KEYDESK_PEPPER";
    public static final String PEPPER_FILE = "pepper";

    private final SecretKeySpec key;

    SecretHasher(byte[] pepper) {
        this.key = new SecretKeySpec(pepper, "HmacSHA256");
    }

    public static SecretHasher load(Path dataDir, String envPepper) {
        if (envPepper != null && !envPepper.isBlank()) {
            return new SecretHasher(decodeEnvPepper(envPepper.trim()));
        }
        Path file = dataDir.resolve(PEPPER_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    OwnerOnlyFiles.writeNew(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            byte[] pepper = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (pepper.length < 16) {
                throw new IllegalStateException("Pepper file " + file + " is too short");
            }
            return new SecretHasher(pepper);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the pepper file " + file, e);
        }
    }

    private static byte[] decodeEnvPepper(String value) {
        try {
            byte[] decoded = Base64.getDecoder().decode(value);
            if (decoded.length >= 32) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through: plain text
        }
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        if (raw.length < 32) {
            throw new IllegalStateException(PEPPER_ENV + " must hold at least 32 bytes");
        }
        return raw;
    }

    public byte[] hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static boolean matches(byte[] expected, byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }
}
