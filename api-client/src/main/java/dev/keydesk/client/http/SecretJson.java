package dev.keydesk.client.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.Secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * JSON that carries a secret, read and written without the secret ever becoming a {@code String}.
 * For the dialects: each names its own secret field ({@code "key"} in ours, {@code "access_token"}
 * in Narrative's).
 */
public final class SecretJson {

    private SecretJson() {
    }

    /**
     * A JSON object split into its secret and everything else.
     *
     * @param rest every other field, for the dialect to read into its wire type
     * @param secret null when the object carries none (e.g. an idempotent replay)
     */
    public record Parsed(ObjectNode rest, Secret secret) {
        @Override
        public String toString() {
            return "Parsed[" + rest.size() + " fields, secret " + (secret == null ? "absent" : "present") + "]";
        }
    }

    /**
     * Reads one JSON object; the string value of {@code secretField} is copied from the parser's
     * character buffer straight into a {@link Secret}.
     *
     * @throws IOException the body is not one JSON object; any secret read so far is wiped
     */
    public static Parsed read(byte[] body, String secretField) throws IOException {
        Secret secret = null;
        ObjectNode rest = Json.MAPPER.createObjectNode();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (secretField.equals(field)) {
                    if (value == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
                        char[] chars = new char[p.getTextLength()];
                        System.arraycopy(p.getTextCharacters(), p.getTextOffset(), chars, 0, chars.length);
                        if (secret != null) {
                            secret.wipe();
                        }
                        secret = Secret.ofChars(chars);
                    } else {
                        p.skipChildren();
                    }
                } else {
                    rest.set(field, p.readValueAsTree());
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("the JSON object does not end");
            }
            return new Parsed(rest, secret);
        } catch (IOException | RuntimeException e) {
            if (secret != null) {
                secret.wipe();
            }
            throw e;
        }
    }

    /**
     * {@code {"<field>":"<secret>"}} as UTF-8 bytes, built from the secret's characters: no
     * {@code String} of the secret is made. The caller wipes the bytes (e.g. with
     * {@link Arrays#fill(byte[], byte)}) once the request is over.
     */
    public static byte[] write(String field, Secret secret) {
        char[] chars = secret.copyChars();
        ByteArrayOutputStream out = new WipingBuffer(chars.length + field.length() + 16);
        try {
            out.write('{');
            writeString(out, field.toCharArray());
            out.write(':');
            writeString(out, chars);
            out.write('}');
            return ((WipingBuffer) out).toByteArrayAndWipe();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static void writeString(ByteArrayOutputStream out, char[] chars) {
        out.write('"');
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                byte[] escape = {'\\', 'u', '0', '0', hex(c >> 4), hex(c)};
                out.write(escape, 0, escape.length);
            } else if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | (c >> 6));
                out.write(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out.write(0xF0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3F));
                out.write(0x80 | ((cp >> 6) & 0x3F));
                out.write(0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate cannot be UTF-8: send it escaped, as JSON allows.
                byte[] escape = {'\\', 'u', hex(c >> 12), hex(c >> 8), hex(c >> 4), hex(c)};
                out.write(escape, 0, escape.length);
            } else {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            }
        }
        out.write('"');
    }

    private static byte hex(int nibble) {
        return (byte) "0123456789abcdef".charAt(nibble & 0xF);
    }

    /** Sized so that it never grows (a grown buffer leaves an unwiped copy behind); wiped at the end. */
    private static final class WipingBuffer extends ByteArrayOutputStream {
        WipingBuffer(int size) {
            // Six bytes per character is the most any character takes (an escape), so it never grows.
            super(size * 6 + 8);
        }

        byte[] toByteArrayAndWipe() {
            byte[] copy = toByteArray();
            Arrays.fill(buf, (byte) 0);
            return copy;
        }
    }
}
