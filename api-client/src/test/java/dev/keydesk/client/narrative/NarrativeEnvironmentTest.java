package dev.keydesk.client.narrative;

import dev.keydesk.client.Secret;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules for NARRATIVE_ENVIRONMENT, NARRATIVE_API_URL, NARRATIVE_API_KEY and NARRATIVE_API_TOKEN. */
class NarrativeEnvironmentTest {

    private static Function<String, String> env(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m::get;
    }

    @Test
    void nothingSetIsProduction() {
        NarrativeEnvironment e = NarrativeEnvironment.resolve(env());
        assertThat(e.baseUrl()).isEqualTo(URI.create("https://api.narrative.io"));
        assertThat(e.name()).isEqualTo("prod");
        assertThat(e.isProduction()).isTrue();
    }

    @Test
    void theEnvironmentNamesProdOrDevInAnyCaseOrAUrl() {
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", "dev")).baseUrl())
                .isEqualTo(URI.create("https://api-dev.narrative.io"));
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", " Development ")).name()).isEqualTo("dev");
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", "PROD")).isProduction()).isTrue();
        NarrativeEnvironment custom = NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT",
                "https://narrative.internal.example:8443"));
        assertThat(custom.name()).isEqualTo(NarrativeEnvironment.CUSTOM);
        assertThat(custom.baseUrl()).isEqualTo(URI.create("https://narrative.internal.example:8443"));
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", "https://api-dev.narrative.io/")).name())
                .isEqualTo("dev");
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", "  "))).isEqualTo(NarrativeEnvironment.production());
    }

    @Test
    void anUnknownEnvironmentIsAnErrorThatNamesTheVariable() {
        assertThatThrownBy(() -> NarrativeEnvironment.resolve(env("NARRATIVE_ENVIRONMENT", "staging")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NARRATIVE_ENVIRONMENT").hasMessageContaining("staging");
        assertThatThrownBy(() -> NarrativeEnvironment.resolve(env("NARRATIVE_API_URL", "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NARRATIVE_API_URL");
    }

    @Test
    void theUrlWinsAndMustAgreeWithTheEnvironmentWhenBothAreSet() {
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_API_URL", "http://localhost:9000")).baseUrl())
                .isEqualTo(URI.create("http://localhost:9000"));
        assertThat(NarrativeEnvironment.resolve(env("NARRATIVE_API_URL", "https://API-DEV.narrative.io",
                "NARRATIVE_ENVIRONMENT", "dev")).name()).isEqualTo("dev");
        assertThatThrownBy(() -> NarrativeEnvironment.resolve(env("NARRATIVE_API_URL", "https://api.narrative.io",
                "NARRATIVE_ENVIRONMENT", "dev")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name different servers");
    }

    @Test
    void theTokenComesFromApiKeyElseApiTokenAndTwoDifferentOnesAreAnError() {
        assertThat(NarrativeEnvironment.tokenVariable(env())).isEmpty();
        assertThat(NarrativeEnvironment.token(env())).isEmpty();
        assertThat(NarrativeEnvironment.tokenVariable(env("NARRATIVE_API_TOKEN", "abc+/="))).contains("NARRATIVE_API_TOKEN");
        assertThat(NarrativeEnvironment.tokenVariable(env("NARRATIVE_API_KEY", "abc", "NARRATIVE_API_TOKEN", "abc")))
                .contains("NARRATIVE_API_KEY");
        Optional<Secret> token = NarrativeEnvironment.token(env("NARRATIVE_API_KEY", " ldg8uuGibVJNHI9s+dcdIQ== \n"));
        assertThat(token).get().satisfies(s -> assertThat(s.reveal()).isEqualTo("ldg8uuGibVJNHI9s+dcdIQ=="));
        assertThatThrownBy(() -> NarrativeEnvironment.tokenVariable(env("NARRATIVE_API_KEY", "secretOne",
                "NARRATIVE_API_TOKEN", "secretTwo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NARRATIVE_API_KEY").hasMessageContaining("NARRATIVE_API_TOKEN")
                .hasMessageNotContaining("secretOne").hasMessageNotContaining("secretTwo");
        assertThat(NarrativeEnvironment.tokenVariable(env("NARRATIVE_API_KEY", "", "NARRATIVE_API_TOKEN", "t")))
                .contains("NARRATIVE_API_TOKEN");
    }
}
