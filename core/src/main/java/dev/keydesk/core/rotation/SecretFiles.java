package dev.keydesk.core.rotation;

import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.common.PrivateFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The only files KeyDesk ever writes a secret to, and only when the person asked for one and named
 * it: a new key's secret alone ({@link #writeSecret}, for the command line), or the secrets of a
 * batch of rotations in one file ({@link #writeExport}), clearly marked as holding secrets. Both are
 * owner-only (written to an owner-only temporary file, then moved into place), and every buffer that
 * held a secret is wiped once written.
 */
public final class SecretFiles {

    /** The first line of an export: what the file is and what to do with it. */
    public static final String EXPORT_WARNING = "# KEYDESK SECRETS: this file holds API key secrets. Store each one "
            + "where it belongs, then delete this file.";

    /** One replacement in an export. */
    public record Entry(ApiKey replacement, String replacesKeyId, Secret secret) {
        public Entry {
            Objects.requireNonNull(replacement, "replacement");
            Objects.requireNonNull(secret, "secret");
        }
    }

    private SecretFiles() {
    }

    /** {@code file} holds the secret alone and a line break; owner-only. The caller still owns {@code secret}. */
    public static void writeSecret(Path file, Secret secret) throws IOException {
        char[] chars = secret.copyChars();
        char[] line = Arrays.copyOf(chars, chars.length + 1);
        line[chars.length] = '\n';
        Arrays.fill(chars, '\0');
        write(file, line);
    }

    /**
     * One file for a batch: a header that says it holds secrets, then a CSV line per replacement
     * ({@code new_key_id,name,prefix,replaces,secret}). The caller still owns the secrets.
     */
    public static void writeExport(Path file, String server, List<Entry> entries, Instant now) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(EXPORT_WARNING).append('\n')
                .append("# Written by KeyDesk at ").append(now).append(" for ").append(clean(server)).append(": ")
                .append(entries.size()).append(entries.size() == 1 ? " new key" : " new keys")
                .append(" (the old keys are in grace; see the cutover tracker).\n")
                .append("new_key_id,name,prefix,replaces,secret\n");
        char[] content = new char[0];
        try {
            StringBuilder body = new StringBuilder(head);
            char[][] secrets = new char[entries.size()][];
            int total = body.length();
            String[] prefixes = new String[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                prefixes[i] = csv(e.replacement().id()) + "," + csv(e.replacement().name()) + ","
                        + csv(e.replacement().prefix()) + "," + csv(e.replacesKeyId()) + ",";
                secrets[i] = e.secret().copyChars();
                total += prefixes[i].length() + secrets[i].length + 1;
            }
            content = new char[total];
            int at = 0;
            at = put(content, at, body.toString().toCharArray());
            for (int i = 0; i < entries.size(); i++) {
                at = put(content, at, prefixes[i].toCharArray());
                at = put(content, at, secrets[i]);
                Arrays.fill(secrets[i], '\0');
                content[at++] = '\n';
            }
            write(file, content);
        } finally {
            Arrays.fill(content, '\0');
        }
    }

    private static int put(char[] into, int at, char[] what) {
        System.arraycopy(what, 0, into, at, what.length);
        return at + what.length;
    }

    private static void write(Path file, char[] chars) throws IOException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] content = new byte[bytes.remaining()];
        bytes.get(content);
        try {
            PrivateFiles.write(file, content);
        } finally {
            Arrays.fill(content, (byte) 0);
            Arrays.fill(chars, '\0');
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private static String csv(String s) {
        String v = s == null ? "" : s;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String clean(String s) {
        return s == null ? "the server" : s.replaceAll("\\p{Cntrl}", " ");
    }
}
