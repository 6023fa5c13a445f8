package dev.keydesk.app.review;

import dev.keydesk.app.common.BackgroundTask;
import dev.keydesk.app.common.DialogService;
import dev.keydesk.app.common.TaskRunner;
import dev.keydesk.app.connection.Session;
import dev.keydesk.app.secret.SecretHandover;
import dev.keydesk.client.Secret;
import dev.keydesk.client.error.CancelledException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.PermissionDeniedException;
import dev.keydesk.client.error.ValidationException;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.connection.Connection;
import dev.keydesk.core.rotation.CutoverStore;
import dev.keydesk.core.rotation.Grace;
import dev.keydesk.core.rotation.GraceResult;
import dev.keydesk.core.rotation.Rotator;
import dev.keydesk.core.rotation.SecretFiles;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Rotation with grace for the reviewed keys: a confirmation that names each key and what its
 * replacement drops; the replacements made and the old keys marked and given their grace (in the
 * background, one key after another); each new secret handed over once, one by one in the copy-once
 * dialog or all in one export file the person names; then what is left to decide: revoking the old
 * keys now (grace "now"), and for an old key whose grace the server refused, revoke it now or keep it.
 * Every rotation goes into the cutover tracker.
 *
 * <p>A run is never cancelled halfway through a key (a replacement's secret must not be lost):
 * Stop ends it after the key in flight.
 */
public final class RotationFlow {

    /** How the new secrets reach the person. */
    public enum Handover {
        ONE_BY_ONE("Shown once each"),
        EXPORT_FILE("One export file…");

        private final String label;

        Handover(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One key's rotation, as far as it went. */
    record Result(KeyReviewViewModel item, Rotator.Rotation rotation, String error, boolean stops) {
        Result(KeyReviewViewModel item, Rotator.Rotation rotation, String error) {
            this(item, rotation, error, false);
        }

        boolean rotated() {
            return rotation != null;
        }
    }

    private final Session session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final SecretHandover handover;
    private final SecretFileChooser chooser;
    private final CutoverStore store;
    private final Clock clock;
    private final Predicate<Throwable> connectionFailures;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final AtomicBoolean stop = new AtomicBoolean();

    public RotationFlow(Session session, TaskRunner tasks, DialogService dialogs, SecretHandover handover,
                        SecretFileChooser chooser, CutoverStore store, Clock clock,
                        Predicate<Throwable> connectionFailures) {
        this.session = Objects.requireNonNull(session, "session");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.handover = Objects.requireNonNull(handover, "handover");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectionFailures = Objects.requireNonNull(connectionFailures, "connectionFailures");
    }

    /**
     * Asks, then rotates {@code items} (each to its {@link KeyReviewViewModel#resultingPermissions()}).
     * {@code done} runs on the FX thread when everything, handover and decisions included, is over
     * (not when the person declined the confirmation).
     */
    public void rotate(List<KeyReviewViewModel> items, Grace grace, Handover how, Runnable done) {
        Connection connection = session.current().orElse(null);
        if (connection == null || items.isEmpty() || busy.get()) {
            return;
        }
        if (!dialogs.confirmDestructive("Rotate keys", header(items, connection), details(items, grace, how),
                items.size() == 1 ? "Rotate" : "Rotate " + items.size() + " keys")) {
            return;
        }
        stop.set(false);
        busy.set(true);
        progressText.set("Rotating…");
        List<KeyReviewViewModel> batch = List.copyOf(items);
        tasks.submit(BackgroundTask.of("Rotating " + batch.size() + " keys", progress -> {
                    Rotator rotator = new Rotator(connection, clock);
                    List<Result> results = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        KeyReviewViewModel item = batch.get(i);
                        if (stop.get()) {
                            results.add(new Result(item, null, "not rotated: stopped before it"));
                            continue;
                        }
                        progress.update(i, batch.size());
                        progress.message("Rotating " + (i + 1) + " of " + batch.size() + ": " + item.label());
                        Result r = rotateOne(rotator, item, grace);
                        results.add(r);
                        if (r.stops()) {
                            stop.set(true);
                        }
                    }
                    return results;
                })
                .onSuccess(results -> {
                    progressText.set("");
                    results.forEach(this::showOutcome);
                    handOver(results, how, () -> decide(connection, results, done));
                })
                .onFailure(error -> {
                    // Only the loop's own bookkeeping can fail here; every key's failure is in its result.
                    busy.set(false);
                    progressText.set("");
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error, ErrorMessages.Action.write("rotate the keys")));
                }));
    }

    /**
     * One key; a failure that concerns the connection (401, the server gone, 429 after the client's
     * retries) stops the keys after it, since they would fail the same way.
     */
    private Result rotateOne(Rotator rotator, KeyReviewViewModel item, Grace grace) {
        Rotator.Rotation r;
        try {
            r = rotator.rotate(item.key(), item.resultingPermissions(), grace);
        } catch (Rotator.SecretLost e) {
            return new Result(item, null, e.getMessage());
        } catch (PermissionDeniedException | ValidationException | NotFoundException e) {
            return new Result(item, null, "not rotated: " + ErrorMessages.describe(e).whatHappened());
        } catch (CancelledException e) {
            return new Result(item, null, "not rotated: cancelled", true);
        } catch (KeyApiException e) {
            return new Result(item, null, "not rotated: " + ErrorMessages.describe(e).whatHappened(), true);
        }
        try {
            store.put(r.cutover());
        } catch (java.io.IOException e) {
            // The rotation stands; only the tracker will not follow it (the outcome says so).
            return new Result(item, r, "the cutover tracker's file could not be written");
        }
        return new Result(item, r, null);
    }

    /** Ends the run after the key in flight (its secret is still handed over). */
    public void stop() {
        stop.set(true);
    }

    private void showOutcome(Result r) {
        if (!r.rotated()) {
            r.item().setOutcome(r.error());
            return;
        }
        GraceResult g = r.rotation().grace();
        String replacement = "Rotated → " + r.rotation().replacement().key().prefix() + "…";
        String old = switch (g.result()) {
            case MOVED, ALREADY_SOONER -> "; the old key works until " + when(g.endsAt());
            case REVOKE_PENDING -> "; the old key is revoked once the secret is stored";
            case NOT_MOVED, REFUSED, FAILED -> "; " + g.message();
        };
        r.item().setOutcome(replacement + old + (r.error() == null ? "" : " (" + r.error() + ")"));
        r.item().done();
    }

    // ---- handover ------------------------------------------------------------------------------

    private void handOver(List<Result> results, Handover how, Runnable then) {
        List<Result> withSecret = results.stream().filter(Result::rotated).toList();
        if (withSecret.isEmpty()) {
            then.run();
            return;
        }
        if (how == Handover.EXPORT_FILE) {
            Optional<Path> file = chooser.choose("keydesk-new-secrets-" + LocalDate.now(clock.withZone(ZoneId.systemDefault()))
                    + ".SECRETS.csv");
            if (file.isPresent()) {
                writeExport(file.get(), withSecret, then);
                return;
            }
            dialogs.showInfo("Secrets", "No file chosen: each secret is shown once instead",
                    "The new secrets cannot be shown again later, so they are shown one by one now.");
        }
        showOneByOne(withSecret, 0, then);
    }

    private void showOneByOne(List<Result> results, int index, Runnable then) {
        if (index >= results.size()) {
            then.run();
            return;
        }
        Rotator.Rotation r = results.get(index).rotation();
        progressText.set("New secret " + (index + 1) + " of " + results.size() + ": copy it now");
        Secret secret = r.replacement().secret().orElseThrow();
        handover.showOnce(r.replacement().key(), secret, () -> showOneByOne(results, index + 1, then));
    }

    private void writeExport(Path file, List<Result> results, Runnable then) {
        String server = session.current().map(c -> c.profile().baseUrl() == null ? c.profile().name()
                : c.profile().baseUrl()).orElse("the server");
        List<SecretFiles.Entry> entries = results.stream().map(r -> new SecretFiles.Entry(
                r.rotation().replacement().key(), r.rotation().old().id(),
                r.rotation().replacement().secret().orElseThrow())).toList();
        progressText.set("Writing the secrets file…");
        tasks.submit(BackgroundTask.<Void>of("Writing the secrets file", p -> {
                    SecretFiles.writeExport(file, server, entries, clock.instant());
                    entries.forEach(e -> e.secret().wipe());
                    return null;
                })
                .onSuccess(v -> {
                    dialogs.showInfo("Secrets saved", "The " + entries.size() + " new secrets are in " + file.getFileName(),
                            file.toAbsolutePath() + " is readable by you only and holds API key secrets: store each "
                                    + "one where it belongs, then delete the file. KeyDesk shows them nowhere else.");
                    then.run();
                })
                .onFailure(error -> {
                    dialogs.showInfo("Secrets", "The secrets file could not be written",
                            "(" + error.getClass().getSimpleName() + ") Each secret is shown once instead.");
                    showOneByOne(results, 0, then);
                }));
    }

    // ---- what is left to decide ------------------------------------------------------------------

    private void decide(Connection connection, List<Result> results, Runnable done) {
        List<Result> toRevoke = new ArrayList<>();
        List<Result> pending = results.stream().filter(r -> r.rotated()
                && r.rotation().grace().result() == GraceResult.Result.REVOKE_PENDING).toList();
        if (!pending.isEmpty() && dialogs.confirmDestructive("Revoke the old keys",
                "Revoke the " + (pending.size() == 1 ? "old key" : pending.size() + " old keys") + " now?",
                "You chose no grace. " + String.join("; ", pending.stream().map(r -> r.item().label()).toList())
                        + ". Whatever still uses " + (pending.size() == 1 ? "it" : "them")
                        + " gets 401 from now on. Revoking cannot be undone.", "Revoke")) {
            toRevoke.addAll(pending);
        }
        for (Result r : results) {
            if (r.rotated() && r.rotation().grace().needsDecision()) {
                GraceResult g = r.rotation().grace();
                if (dialogs.confirmDestructive("Grace not set", r.item().label() + " keeps working as it is",
                        g.message() + " Revoke it now (whatever still uses it gets 401), or keep it and revoke it from "
                                + "the cutover tracker once it is quiet.", "Revoke now")) {
                    toRevoke.add(r);
                } else {
                    r.item().setOutcome("Rotated → " + r.rotation().replacement().key().prefix()
                            + "…; the old key was kept as it is: revoke it from the tracker once it is quiet");
                }
            }
        }
        if (toRevoke.isEmpty()) {
            finish(done);
            return;
        }
        progressText.set("Revoking the old keys…");
        tasks.submit(BackgroundTask.of("Revoking the old keys", p -> {
                    Rotator rotator = new Rotator(connection, clock);
                    List<Result> revoked = new ArrayList<>();
                    List<String> failed = new ArrayList<>();
                    for (Result r : toRevoke) {
                        try {
                            rotator.revokeOld(r.rotation().old().id());
                        } catch (NotFoundException gone) {
                            // already gone: what was wanted
                        } catch (KeyApiException e) {
                            failed.add(r.item().label() + ": " + ErrorMessages.describe(e).whatHappened());
                            continue;
                        }
                        store.put(r.rotation().cutover().closed(clock.instant(), "revoked"));
                        revoked.add(r);
                    }
                    return new Revoked(revoked, failed);
                })
                .onSuccess(result -> {
                    result.revoked().forEach(r -> r.item().setOutcome("Rotated → "
                            + r.rotation().replacement().key().prefix() + "…; the old key is revoked"));
                    List<String> failed = result.failed();
                    if (!failed.isEmpty()) {
                        dialogs.showInfo("Revoke", "Some old keys were not revoked",
                                String.join("\n", failed) + "\nRevoke them from the cutover tracker.");
                    }
                    finish(done);
                })
                .onFailure(error -> {
                    connectionFailures.test(error);
                    dialogs.showError(ErrorMessages.describe(error, ErrorMessages.Action.write("revoke the old keys")));
                    finish(done);
                }));
    }

    private record Revoked(List<Result> revoked, List<String> failed) {
    }

    private void finish(Runnable done) {
        busy.set(false);
        progressText.set("");
        done.run();
    }

    // ---- words -------------------------------------------------------------------------------

    private static String header(List<KeyReviewViewModel> items, Connection connection) {
        return "Rotate " + (items.size() == 1 ? items.get(0).label() : items.size() + " keys") + " on "
                + connection.profile().name() + "?";
    }

    static String details(List<KeyReviewViewModel> items, Grace grace, Handover how) {
        StringBuilder b = new StringBuilder();
        b.append(items.size() == 1 ? "A replacement is created" : "A replacement is created for each key")
                .append(" with the permissions below; ")
                .append(how == Handover.EXPORT_FILE && items.size() > 1
                        ? "the new secrets go into one export file you name (owner-only, marked as holding secrets)."
                        : "each new secret is shown once.")
                .append("\n");
        if (grace.revokesAtOnce()) {
            b.append("The old keys are renamed “[rotating] …” and revoked once the new secrets are stored "
                    + "(you are asked again).");
        } else {
            b.append("The old keys are renamed “[rotating] …” and keep working for ").append(grace.label())
                    .append(" (their expiry is moved, never extended, with the audit reason “rotation”); the "
                            + "cutover tracker follows them.");
        }
        b.append("\n");
        for (KeyReviewViewModel item : items) {
            b.append("\n• ").append(item.changeLine());
        }
        return b.toString();
    }

    private static String when(java.time.Instant at) {
        return at == null ? "revoked" : DateTimeFormatter.ofPattern("d MMM HH:mm").withZone(ZoneId.systemDefault()).format(at);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }
}
