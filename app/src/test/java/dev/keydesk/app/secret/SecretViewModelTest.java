package dev.keydesk.app.secret;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.client.Secret;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.Permission;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.common.UserMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretViewModelTest {

    static final String VALUE = "sk_live_abcdefghijklmnopqrstuvwxyz0123";

    /** A clipboard in memory. */
    static final class FakeClipboard implements ClipboardAccess {
        String value;

        @Override
        public String getString() {
            return value;
        }

        @Override
        public void setString(String v) {
            value = v;
        }

        @Override
        public void clear() {
            value = null;
        }
    }

    private final FakeClipboard clipboard = new FakeClipboard();
    private final Secret secret = Secret.of(VALUE);
    private final List<String> confirmations = new ArrayList<>();
    private boolean confirmAnswer;
    private final DialogService dialogs = new DialogService() {
        @Override
        public boolean confirmDestructive(String title, String header, String details, String confirmLabel) {
            confirmations.add(header);
            return confirmAnswer;
        }

        @Override
        public boolean confirm(String t, String h, String d) {
            return false;
        }

        @Override
        public void showError(UserMessage message) {
        }

        @Override
        public void showInfo(String t, String h, String d) {
        }

        @Override
        public Optional<String> prompt(String t, String h, String l, String i) {
            return Optional.empty();
        }
    };
    private final ApiKey key = new ApiKey("key_1", "New", "sk_live_abcd", List.of(), Instant.EPOCH, null, null,
            null, null, "live", "active", null, null);
    private final SecretViewModel vm = new SecretViewModel(secret, key, clipboard, Duration.ofSeconds(3),
            s -> { throw new UnsupportedOperationException("no client in this test"); },
            new CurrentThreadTaskRunner(), dialogs);

    @Test
    void masksWithThePrefixVisibleUntilRevealed() {
        assertThat(vm.shownSecretProperty().get()).startsWith("sk_live_abcd").doesNotContain("efgh").contains("\u2022");
        vm.setRevealed(true);
        assertThat(vm.shownSecretProperty().get()).isEqualTo(VALUE);
        vm.setRevealed(false);
        assertThat(vm.shownSecretProperty().get()).doesNotContain("efgh");
    }

    @Test
    void aNarrativeSecretHasNoPublicPrefixSoNoneOfItShowsAndTheExportLineNamesNarrativesVariable() {
        String token = "ldg8uuGibVJNHI9s+dcdIQ==";
        ApiKey narrativeToken = new ApiKey("546c65d6-e589-4d3c-b1fe-7e61711cc418", "My Token", null, List.of(),
                null, Instant.EPOCH, null, null, null, null, null, null, null);
        SecretViewModel narrative = new SecretViewModel(Secret.of(token), narrativeToken, clipboard,
                Duration.ofSeconds(3), s -> { throw new UnsupportedOperationException(); },
                new CurrentThreadTaskRunner(), dialogs, "NARRATIVE_API_KEY");
        String masked = narrative.shownSecretProperty().get();
        assertThat(masked).matches("\u2022+");
        for (int i = 0; i + 3 <= token.length(); i++) {
            assertThat(masked).doesNotContain(token.substring(i, i + 3));
        }
        narrative.copyAsEnvironmentVariable();
        assertThat(clipboard.value).isEqualTo("export NARRATIVE_API_KEY=" + token);
        narrative.dispose();
    }

    @Test
    void copyStartsACountdownThatClearsTheClipboard() {
        vm.copy();
        assertThat(clipboard.value).isEqualTo(VALUE);
        assertThat(vm.clipboardTextProperty().get()).isEqualTo("Copied. Clipboard clears in 3 s");
        vm.tick();
        assertThat(vm.clipboardTextProperty().get()).isEqualTo("Copied. Clipboard clears in 2 s");
        vm.tick();
        assertThat(vm.secondsLeftProperty().get()).isEqualTo(1);
        vm.tick();
        assertThat(clipboard.value).isNull();
        assertThat(vm.countingProperty().get()).isFalse();
        assertThat(vm.clipboardTextProperty().get()).isEqualTo("Clipboard cleared.");
    }

    @Test
    void somethingElseCopiedMeanwhileIsNotCleared() {
        vm.copy();
        vm.tick();
        clipboard.value = "my shopping list";
        vm.tick();
        vm.tick();
        vm.tick();
        assertThat(clipboard.value).isEqualTo("my shopping list");
        assertThat(vm.countingProperty().get()).isFalse();
        vm.dispose();
        assertThat(clipboard.value).isEqualTo("my shopping list");
    }

    @Test
    void environmentVariableLineUsesTheEditableNameAndIsClearedToo() {
        vm.variableNameProperty().set("BILLING_KEY");
        vm.copyAsEnvironmentVariable();
        assertThat(clipboard.value).isEqualTo("export BILLING_KEY=" + VALUE);
        vm.variableNameProperty().set("1bad name");
        assertThat(vm.variableNameErrorProperty().get()).isNotEmpty();
        vm.copyAsEnvironmentVariable();
        assertThat(clipboard.value).isEqualTo("export KEYDESK_API_KEY=" + VALUE);
        vm.tick();
        vm.tick();
        vm.tick();
        assertThat(clipboard.value).isNull();
    }

    @Test
    void closingAsksUnlessStoredIsTicked() {
        confirmAnswer = false;
        assertThat(vm.requestClose()).isFalse();
        assertThat(confirmations).hasSize(1);
        confirmAnswer = true;
        assertThat(vm.requestClose()).isTrue();
        vm.storedProperty().set(true);
        assertThat(vm.requestClose()).isTrue();
        assertThat(confirmations).hasSize(2);
    }

    @Test
    void disposeWipesTheSecretAndClearsTheClipboardIfStillOurs() {
        vm.copy();
        vm.setRevealed(true);
        vm.dispose();
        assertThat(secret.isWiped()).isTrue();
        assertThat(clipboard.value).isNull();
        assertThat(vm.shownSecretProperty().get()).isEmpty();
        assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class);
        vm.copy();
        assertThat(clipboard.value).isNull();
        assertThat(secret.toString()).doesNotContain(VALUE);
    }

    @Test
    void testThisKeyReportsFailureWithoutTheSecret() {
        vm.testKey();
        assertThat(vm.testResultProperty().get()).startsWith("The test failed").doesNotContain(VALUE);
        assertThat(vm.testingProperty().get()).isFalse();
    }

    @Test
    void testThisKeyUsesANewClientWithTheNewSecret() {
        List<String> seen = new ArrayList<>();
        SecretViewModel withClient = new SecretViewModel(secret, key, clipboard, Duration.ofSeconds(3), s -> {
            seen.add(s.prefix(8));
            FakeKeys api = new FakeKeys();
            api.whoami = Optional.of(new WhoAmI(key, List.of(Permission.parse("datasets:read"))));
            return api;
        }, new CurrentThreadTaskRunner(), dialogs);
        withClient.testKey();
        assertThat(seen).containsExactly("sk_live_");
        assertThat(withClient.testResultProperty().get()).isEqualTo("The key works. It may: datasets:read.");
    }
}
