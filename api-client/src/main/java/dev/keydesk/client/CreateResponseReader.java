package dev.keydesk.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keydesk.client.model.ApiKey;

import java.io.IOException;

/**
 * Reads a create response without the secret ever becoming a {@code String}: the {@code "key"}
 * field is copied from the parser's character buffer straight into a {@link Secret}; every other
 * field becomes the {@link ApiKey}.
 */
final class CreateResponseReader {

    static final String SECRET_FIELD = "key";

    private CreateResponseReader() {
    }

    /** @param secret null when the response carries none (a replay) */
    record Parsed(ApiKey key, Secret secret) {
        @Override
        public String toString() {
            return "Parsed[" + key.id() + ", secret " + (secret == null ? "absent" : "present") + "]";
        }
    }

    static Parsed read(byte[] body) throws IOException {
        Secret secret = null;
        ObjectNode rest = Json.MAPPER.createObjectNode();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (SECRET_FIELD.equals(field)) {
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
            return new Parsed(Json.MAPPER.treeToValue(rest, ApiKey.class), secret);
        } catch (IOException | RuntimeException e) {
            if (secret != null) {
                secret.wipe();
            }
            throw e;
        }
    }
}
