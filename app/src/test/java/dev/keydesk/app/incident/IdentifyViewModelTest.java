package dev.keydesk.app.incident;

import dev.keydesk.app.common.CurrentThreadTaskRunner;
import dev.keydesk.app.secret.ClipboardAccess;
import dev.keydesk.app.testing.FakeKeys;
import dev.keydesk.app.testing.FixedSession;
import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.Dialect;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Identify a leaked secret: found, not found, unavailable; the secret wiped and the clipboard emptied. */
class IdentifyViewModelTest {

    private static final String LEAKED = "sk_live_0123456789abcdefLEAKED";

    private final FakeKeys api = new FakeKeys();
    private final FixedSession session = new FixedSession(FakeKeys.connection(api, "admin:*"));
    private final FakeClipboard clipboard = new FakeClipboard();
    private final IdentifyViewModel vm = new IdentifyViewModel(session, new CurrentThreadTaskRunner(), clipboard);

    private static final class FakeClipboard implements ClipboardAccess {
        String text;

        @Override
        public String getString() {
            return text;
        }

        @Override
        public void setString(String value) {
            text = value;
        }

        @Override
        public void clear() {
            text = null;
        }
    }

    @Test
    void aFoundKeyIsNamedAndCanBeRevokedOrFrozenAndTheSecretIsWiped() {
        api.add(FakeKeys.key("k1", "ci-deploy", null, null, "datasets:write"));
        api.secrets.put(LEAKED, api.keys.get("k1"));
        clipboard.text = LEAKED + "\n";
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(IdentifyViewModel.State.READY);

        vm.identify(new StringBuilder("  " + LEAKED + " "));

        assertThat(vm.stateProperty().get()).isEqualTo(IdentifyViewModel.State.FOUND);
        assertThat(vm.foundProperty().get().id()).isEqualTo("k1");
        assertThat(vm.messageProperty().get()).contains("“ci-deploy”").contains("k1").contains("revoke it")
                .doesNotContain(LEAKED);
        assertThat(vm.canRevoke()).isTrue();
        assertThat(vm.canFreeze()).isTrue();
        assertThat(api.lastIdentified.isWiped()).as("the secret is wiped once the answer is in").isTrue();
        assertThat(clipboard.text).as("the clipboard held the secret: emptied").isNull();
    }

    @Test
    void noKeyHasItAndTheClipboardOfSomethingElseIsLeftAlone() {
        clipboard.text = "a shopping list";
        vm.open();
        vm.identify(LEAKED);
        assertThat(vm.stateProperty().get()).isEqualTo(IdentifyViewModel.State.NOT_FOUND);
        assertThat(vm.messageProperty().get()).startsWith("No key on this server has this secret");
        assertThat(vm.foundProperty().get()).isNull();
        assertThat(api.lastIdentified.isWiped()).isTrue();
        assertThat(clipboard.text).isEqualTo("a shopping list");
    }

    @Test
    void aServerWithoutIdentifySaysWhyAndSendsNothing() {
        api.capabilities = Capabilities.of(Dialect.KEYDESK, Map.of(Capability.IDENTIFY, "it speaks contract 1.0"));
        vm.open();
        assertThat(vm.stateProperty().get()).isEqualTo(IdentifyViewModel.State.UNAVAILABLE);
        assertThat(vm.messageProperty().get()).isEqualTo("This server cannot identify secrets: it speaks contract 1.0");
        vm.identify(LEAKED);
        assertThat(api.lastIdentified).isNull();
    }

    @Test
    void anEmptyPasteAsksForASecret() {
        vm.open();
        vm.identify("   ");
        assertThat(vm.messageProperty().get()).isEqualTo("Paste a secret first.");
        assertThat(api.lastIdentified).isNull();
        assertThat(IdentifyViewModel.stripped(" \tab c\n")).containsExactly('a', 'b', ' ', 'c');
    }
}
