package dev.keydesk.app.incident;

import dev.keydesk.core.connection.Environment;
import dev.keydesk.core.connection.Profile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedConfirmationTest {

    private static Profile profile(String name, Environment environment) {
        return new Profile("p", name, "https://x.example", environment, Profile.KeySource.SESSION_ONLY, null);
    }

    @Test
    void theWorkspaceTakesExactlyTheCount() {
        assertThat(TypedConfirmation.countMatches(" 5 ", 5)).isTrue();
        assertThat(TypedConfirmation.countMatches("4", 5)).isFalse();
        assertThat(TypedConfirmation.countMatches("REVOKE", 5)).as("the word proves nothing about the count").isFalse();
        assertThat(TypedConfirmation.countMatches("", 5)).isFalse();
        assertThat(TypedConfirmation.countMatches(null, 5)).isFalse();
        assertThat(TypedConfirmation.countMatches("05", 5)).isFalse();
    }

    @Test
    void theExpiryPanelsPromptAlsoTakesTheWord() {
        assertThat(TypedConfirmation.countOrWordMatches(" 5 ", 5)).isTrue();
        assertThat(TypedConfirmation.countOrWordMatches("Revoke", 5)).isTrue();
        assertThat(TypedConfirmation.countOrWordMatches("4", 5)).isFalse();
        assertThat(TypedConfirmation.countOrWordMatches("", 5)).isFalse();
    }

    @Test
    void productionAlsoNeedsTheProfilesName() {
        Profile prod = profile("Production EU", Environment.PRODUCTION);
        assertThat(TypedConfirmation.nameRequired(prod)).isTrue();
        assertThat(TypedConfirmation.matches("3", "", 3, prod)).isFalse();
        assertThat(TypedConfirmation.matches("3", "production", 3, prod)).isFalse();
        assertThat(TypedConfirmation.matches("3", "  production eu ", 3, prod)).isTrue();
        assertThat(TypedConfirmation.matches("3", "Production  EU", 3, prod)).as("inner spaces count").isFalse();
        for (Environment e : new Environment[] {Environment.STAGING, Environment.SANDBOX, Environment.LOCAL}) {
            assertThat(TypedConfirmation.nameRequired(profile("x", e))).isFalse();
            assertThat(TypedConfirmation.matches("3", null, 3, profile("x", e))).isTrue();
        }
        assertThat(TypedConfirmation.matches("0", null, 0, profile("x", Environment.LOCAL)))
                .as("nothing to confirm for no keys").isFalse();
    }
}
