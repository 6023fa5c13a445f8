package dev.keydesk.client.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keydesk.client.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON with a secret in it, read and written without a String of the secret. */
class SecretJsonTest {

    static final ObjectMapper PLAIN = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"sk_live_abc", "ldg8uuGibVJNHI9s+dcdIQ==", "quote\"back\\slash/", "tab\tnew\nline\u0001",
            "é€😀 and a lone \uD83D surrogate", "\u2028\u2029"})
    void whatIsWrittenIsValidJsonThatReadsBackAsTheSameCharacters(String value) throws Exception {
        try (Secret s = Secret.of(value)) {
            byte[] json = SecretJson.write("secret", s);
            String text = new String(json, StandardCharsets.UTF_8);
            assertThat(PLAIN.readTree(json).get("secret").asText()).isEqualTo(value);
            assertThat(PLAIN.readTree(json).size()).isEqualTo(1);
            SecretJson.Parsed back = SecretJson.read(json, "secret");
            assertThat(back.secret().matches(value)).isTrue();
            assertThat(back.rest().isEmpty()).isTrue();
            assertThat(back.toString()).doesNotContain(value);
            assertThat(text).startsWith("{\"secret\":\"");
        }
    }

    @Test
    void readingKeepsEveryOtherFieldAndTakesTheNamedOneOut() throws Exception {
        byte[] body = "{\"id\":\"k\",\"access_token\":\"c2VjcmV0\",\"nested\":{\"access_token\":\"stays\"}}"
                .getBytes(StandardCharsets.UTF_8);
        SecretJson.Parsed p = SecretJson.read(body, "access_token");
        assertThat(p.secret().reveal()).isEqualTo("c2VjcmV0");
        assertThat(p.rest().get("id").asText()).isEqualTo("k");
        assertThat(p.rest().has("access_token")).isFalse();
        assertThat(p.rest().get("nested").get("access_token").asText()).isEqualTo("stays");
        assertThat(SecretJson.read("{\"id\":\"k\"}".getBytes(StandardCharsets.UTF_8), "key").secret()).isNull();
    }

    @Test
    void aBrokenBodyFailsWithoutTheSecretBeingKept() {
        assertThatThrownBy(() -> SecretJson.read("{\"key\":\"sk_live_x\", nope".getBytes(StandardCharsets.UTF_8), "key"))
                .isInstanceOf(IOException.class).hasMessageNotContaining("sk_live_x");
        assertThatThrownBy(() -> SecretJson.read("[1]".getBytes(StandardCharsets.UTF_8), "key"))
                .isInstanceOf(IOException.class);
    }
}
