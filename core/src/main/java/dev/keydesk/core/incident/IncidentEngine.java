package dev.keydesk.core.incident;

import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.RateLimitStatus;
import dev.keydesk.client.model.WhoAmI;
import dev.keydesk.core.connection.Connection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Incident response over one connection: plan → {@link #preview} (the blast radius, before
 * anything happens) → {@link #start} (a paced, cancellable run that ends with a report). The app's
 * Incident workspace and the command line both stand on it; it knows no UI.
 *
 * <pre>{@code
 * IncidentEngine engine = IncidentEngine.of(connection, runClient);
 * Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
 *         TargetSelection.ofRules(List.of(new TargetRule.NameMatches("ci-*"))), "leaked in a CI log", "INC-42"));
 * IncidentRun run = engine.start(preview, RunOptions.builder().reportsRoot(paths.incidentsDir()).build(), listener);
 * IncidentResult result = run.await();
 * }</pre>
 *
 * <p>{@link #preview} blocks (it lists every key); {@link #start} returns at once and runs on its
 * own threads. Thread-safe.
 */
public final class IncidentEngine {

    private final KeyApi api;
    private final Preview.Caller caller;
    private final IncidentResult.Server server;
    private final KeyPolicy policy;

    /**
     * @param runClient the client runs use. It must not retry by itself: the engine paces the run
     *     and exactly one layer may back off (build it with {@code RetryPolicy.none()})
     * @param caller who the client acts as
     * @param policy the server's key policy, for the break-glass replacement's expiry
     */
    public IncidentEngine(KeyApi runClient, Preview.Caller caller, IncidentResult.Server server, KeyPolicy policy) {
        this.api = ClientSeams.withoutRetries(Objects.requireNonNull(runClient, "runClient"));
        this.caller = Objects.requireNonNull(caller, "caller");
        this.server = Objects.requireNonNull(server, "server");
        this.policy = policy == null ? KeyPolicy.defaults() : policy;
    }

    /** An engine for {@code connection}, running with {@code runClient} (see the constructor). */
    public static IncidentEngine of(Connection connection, KeyApi runClient) {
        return new IncidentEngine(runClient, callerOf(connection.whoami()),
                new IncidentResult.Server(connection.profile().name(), connection.profile().baseUrl()),
                connection.policy());
    }

    /** Who a whoami answer says the caller is; unknown when there is none. */
    public static Preview.Caller callerOf(Optional<WhoAmI> whoami) {
        if (whoami.isEmpty() || whoami.get().key() == null) {
            return new Preview.Caller(null, null, "an admin key the server does not name");
        }
        ApiKey key = whoami.get().key();
        String name = key.name() == null || key.name().isBlank() ? key.id() : key.name();
        return new Preview.Caller(key.id(), key.name(), key.prefix() == null ? name : name + " (" + key.prefix() + "…)");
    }

    public Preview.Caller caller() {
        return caller;
    }

    /** The preview of {@code plan} over the server's current inventory (lists every key: blocks). */
    public Preview preview(IncidentPlan plan) {
        return preview(plan, api.listAllKeys(count -> { }), Clock.systemUTC());
    }

    /** The preview of {@code plan} over {@code inventory} (e.g. what a table already shows), at {@code clock}'s now. */
    public Preview preview(IncidentPlan plan, List<ApiKey> inventory, Clock clock) {
        Objects.requireNonNull(plan, "plan");
        Optional<List<ApiKey>> revoked = plan.action() == IncidentAction.REVOKE || !plan.targets().ids().isEmpty()
                ? ClientSeams.revokedKeys(api) : Optional.empty();
        return Preview.compute(plan, inventory, revoked, ClientSeams.revokedUnknownReason(api), caller,
                rateWindows(), clock.instant());
    }

    /** The rate-limit windows: asked of the server where it can say, else the last figures seen. */
    private List<RateEstimate.Window> rateWindows() {
        RateLimitStatus status;
        try {
            status = api.rateLimit();
        } catch (NotFoundException | UnexpectedStatusException e) {
            status = api.lastRateLimit().orElse(null);
        } catch (KeyApiException e) {
            // A preview without an estimate is still a preview.
            status = api.lastRateLimit().orElse(null);
        }
        return ClientSeams.windows(status);
    }

    /**
     * Starts {@code preview}'s run on its own threads and returns at once.
     *
     * @throws IllegalArgumentException when the preview includes the connected admin key and
     *     {@code options} has no {@link BreakGlass}
     */
    public IncidentRun start(Preview preview, RunOptions options, IncidentListener listener) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(options, "options");
        if (preview.breakGlass() && options.breakGlass() == null) {
            throw new IllegalArgumentException("The plan includes the admin key this run is connected with: "
                    + "break-glass needs a secret handover and a connection switch (RunOptions.breakGlass).");
        }
        List<String> notes = new ArrayList<>();
        if (!preview.plan().auditReason().isEmpty()) {
            ClientSeams.auditReasonProblem(api).ifPresent(notes::add);
        }
        CompletableFuture<IncidentResult> future = new CompletableFuture<>();
        RunLoop loop = new RunLoop(preview, api, policy, options, listener == null ? new IncidentListener() { } : listener,
                server, notes, future);
        Thread coordinator = new Thread(loop::run, "keydesk-incident-run");
        coordinator.setDaemon(true);
        coordinator.start();
        return new IncidentRun(loop, future);
    }
}
