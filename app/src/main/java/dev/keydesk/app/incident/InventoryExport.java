package dev.keydesk.app.incident;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.PrivateFiles;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.keys.KeyExport;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Exports the key inventory — what the key table shows, or every key the server lists — as CSV or
 * JSON (by the file's extension) through {@link KeyExport}, owner-only, off the FX thread. It holds
 * what the server lists about each key and never a secret.
 */
public final class InventoryExport {

    /** Which keys. */
    public enum Scope { SHOWN, ALL }

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Supplier<List<ApiKey>> shown;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /** @param shown the keys the table shows now, in its order (read on the FX thread) */
    public InventoryExport(Session session, TaskRunner tasks, DialogService dialogs, Supplier<List<ApiKey>> shown) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.shown = Objects.requireNonNull(shown, "shown");
    }

    public int shownCount() {
        return shown.get().size();
    }

    public boolean connected() {
        return session.current().isPresent();
    }

    /** Writes {@code scope}'s keys to {@code file}: JSON for {@code .json}, else CSV. */
    public void export(Scope scope, Path file) {
        Optional<Connection> connection = session.current();
        if (connection.isEmpty() || busy.get()) {
            return;
        }
        List<ApiKey> keys = scope == Scope.SHOWN ? List.copyOf(shown.get()) : null;
        KeyApi api = connection.get().api();
        KeyExport.Format format = KeyExport.Format.of(file);
        busy.set(true);
        tasks.submit(BackgroundTask.<Integer>of("Exporting the key inventory", p -> {
            List<ApiKey> all = keys != null ? keys : api.listAllKeys(null, n -> p.message("Read " + n + " keys…"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            KeyExport.write(all, format, bytes);
            PrivateFiles.write(file, bytes.toByteArray());
            return all.size();
        }).onSuccess(n -> {
            busy.set(false);
            dialogs.showInfo("Export the key inventory", "Exported " + IncidentTexts.keys(n) + " as " + format + ".",
                    file + "\n\nIt lists what the server says about each key (no secret: the server keeps none to give).");
        }).onFailure(e -> {
            busy.set(false);
            dialogs.showError(ErrorMessages.describe(e, ErrorMessages.Action.read("export the key inventory")));
        }).onCancelled(() -> busy.set(false)));
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
