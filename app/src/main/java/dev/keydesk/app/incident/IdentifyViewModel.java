package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.TaskHandle;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.secret.ClipboardAccess;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Objects;
import java.util.Optional;

/**
 * "Which key is this leaked secret?": the pasted secret goes to the server's identify endpoint in
 * the background, as a wipeable {@link Secret} that is wiped as soon as the answer is in (and the
 * clipboard emptied if it still holds it); it is never kept, shown, logged or put in a message.
 * A found key can then be revoked or frozen (the view hands it to the incident engine).
 */
public final class IdentifyViewModel {

    /** Where the dialog is. */
    public enum State { CHECKING_SERVER, READY, UNAVAILABLE, IDENTIFYING, FOUND, NOT_FOUND, FAILED }

    private final Session session;
    private final TaskRunner tasks;
    private final ClipboardAccess clipboard;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<ApiKey> found = new ReadOnlyObjectWrapper<>(this, "found");
    private TaskHandle running;
    private Object token;

    public IdentifyViewModel(Session session, TaskRunner tasks, ClipboardAccess clipboard) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.clipboard = Objects.requireNonNull(clipboard, "clipboard");
    }

    /** The dialog opens: asks (in the background) whether the server can identify secrets at all. */
    public void open() {
        cancel();
        found.set(null);
        Optional<Connection> connection = session.current();
        if (connection.isEmpty()) {
            unavailable("Not connected: choose a server in File › Connections… (Ctrl+K).");
            return;
        }
        KeyApi api = connection.get().api();
        state.set(State.CHECKING_SERVER);
        message.set("Asking the server whether it can identify secrets…");
        Object mine = new Object();
        token = mine;
        running = tasks.submit(BackgroundTask.<Optional<String>>of("Checking whether the server identifies secrets",
                p -> api.capabilities().whyNot(Capability.IDENTIFY))
                .onSuccess(whyNot -> {
                    if (token == mine) {
                        whyNot.ifPresentOrElse(this::unavailable, this::ready);
                    }
                })
                .onFailure(e -> {
                    if (token == mine) {
                        unavailable("KeyDesk could not ask the server: " + ErrorMessages.describe(e).whatHappened());
                    }
                }));
    }

    private void ready() {
        state.set(State.READY);
        message.set("Paste the secret from the leak alert. It goes to the server only to find its key, and is "
                + "wiped from KeyDesk right after.");
    }

    private void unavailable(String why) {
        state.set(State.UNAVAILABLE);
        message.set("This server cannot identify secrets: " + why);
    }

    /**
     * Looks {@code pasted} up (copied into a {@link Secret} at once; the caller clears its field).
     * Empties the clipboard if it still holds exactly this secret.
     */
    public void identify(CharSequence pasted) {
        State s = state.get();
        if (s == State.UNAVAILABLE || s == State.CHECKING_SERVER || s == State.IDENTIFYING) {
            return;
        }
        char[] chars = stripped(pasted);
        if (chars.length == 0) {
            message.set("Paste a secret first.");
            return;
        }
        Optional<Connection> connection = session.current();
        if (connection.isEmpty()) {
            java.util.Arrays.fill(chars, '\0');
            unavailable("Not connected.");
            return;
        }
        Secret secret = Secret.ofChars(chars);
        clearClipboardIfItHolds(secret);
        KeyApi api = connection.get().api();
        found.set(null);
        state.set(State.IDENTIFYING);
        message.set("Looking for the key of this secret…");
        Object mine = new Object();
        token = mine;
        running = tasks.submit(BackgroundTask.<Optional<ApiKey>>of("Identifying a secret", p -> {
            try {
                return api.identify(secret);
            } finally {
                secret.wipe();
            }
        }).onSuccess(key -> {
            if (token == mine) {
                show(key);
            }
        }).onFailure(e -> {
            secret.wipe();
            if (token != mine) {
                return;
            }
            if (e instanceof FeatureUnavailableException f) {
                unavailable(f.reason());
                return;
            }
            state.set(State.FAILED);
            message.set("The server could not say: " + ErrorMessages.describe(e, "identify the secret").whatHappened());
        }).onCancelled(() -> {
            secret.wipe();
            if (token == mine) {
                ready();
            }
        }));
    }

    /** The characters of {@code s} without surrounding white space, copied without making a String. */
    static char[] stripped(CharSequence s) {
        if (s == null) {
            return new char[0];
        }
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = s.charAt(i);
        }
        return out;
    }

    private void show(Optional<ApiKey> key) {
        if (key.isEmpty()) {
            state.set(State.NOT_FOUND);
            message.set("No key on this server has this secret. It may belong to another server, or the key was "
                    + "deleted for good. Nothing was changed.");
            return;
        }
        ApiKey k = key.get();
        found.set(k);
        state.set(State.FOUND);
        String status = k.status() == null ? KeyStatus.ACTIVE : k.status();
        String what = "It is the key “" + k.name() + "” (" + k.id() + (k.prefix() == null ? "" : ", " + k.prefix() + "…")
                + "), " + (KeyStatus.DISABLED.equals(status) ? "frozen" : status) + ".";
        message.set(switch (status) {
            case KeyStatus.REVOKED -> what + " It is already revoked: the leaked secret no longer works.";
            case KeyStatus.DISABLED -> what + " It is frozen: the secret does not work until it is thawed. Revoke it "
                    + "to end it for good.";
            default -> what + " Whoever holds the secret can use it now: revoke it (for good) or freeze it (reversible).";
        });
    }

    private void clearClipboardIfItHolds(Secret secret) {
        String held = clipboard.getString();
        if (held != null && secret.matches(held.strip())) {
            clipboard.clear();
        }
    }

    /** The dialog closes or starts over: a lookup in flight is dropped (its secret is wiped all the same). */
    public void cancel() {
        token = null;
        if (running != null && !running.isDone()) {
            running.cancel();
        }
        running = null;
    }

    /** Whether the found key can still be revoked (it exists and is not revoked). */
    public boolean canRevoke() {
        ApiKey k = found.get();
        return k != null && !KeyStatus.REVOKED.equals(k.status());
    }

    /** Whether the found key can be frozen (it is active). */
    public boolean canFreeze() {
        ApiKey k = found.get();
        return k != null && (k.status() == null || KeyStatus.ACTIVE.equals(k.status()));
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The key the secret belongs to, once found. */
    public ReadOnlyObjectProperty<ApiKey> foundProperty() {
        return found.getReadOnlyProperty();
    }
}
