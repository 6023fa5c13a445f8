package dev.keydesk.core.incident;

import dev.keydesk.client.Capabilities;
import dev.keydesk.client.Capability;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.error.FeatureUnavailableException;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
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
 * IncidentEngine engine = IncidentEngine.of(connection);
 * Preview preview = engine.preview(new IncidentPlan(IncidentAction.REVOKE,
 *         TargetSelection.ofRules(List.of(new TargetRule.NameMatches("ci-*"))), "leaked in a CI log", "INC-42"));
 * IncidentRun run = engine.start(preview, RunOptions.builder().reportsRoot(paths.incidentsDir()).build(), listener);
 * IncidentResult result = run.await();
 * }</pre>
 *
 * <p>Runs use a view of the connection's client without retries ({@code withRetryPolicy(none)}):
 * the engine paces itself, and exactly one layer may back off. {@link #preview} blocks (it lists
 * every key); {@link #start} returns at once and runs on its own threads. Thread-safe.
 */
public final class IncidentEngine {

    private final KeyApi api;
    private final Preview.Caller caller;
    private final IncidentResult.Server server;
    private final KeyPolicy policy;

    /**
     * @param client the connection's client (the engine uses a no-retry view of it)
     * @param caller who the client acts as
     * @param policy the server's key policy, for the break-glass replacement's expiry
     */
    public IncidentEngine(KeyApi client, Preview.Caller caller, IncidentResult.Server server, KeyPolicy policy) {
        this.api = RunLoop.withoutRetries(Objects.requireNonNull(client, "client"));
        this.caller = Objects.requireNonNull(caller, "caller");
        this.server = Objects.requireNonNull(server, "server");
        this.policy = policy == null ? KeyPolicy.defaults() : policy;
    }

    /** An engine for {@code connection}. */
    public static IncidentEngine of(Connection connection) {
        return new IncidentEngine(connection.api(), callerOf(connection.whoami()),
                new IncidentResult.Server(connection.profile().name(), connection.profile().baseUrl()),
                connection.policy());
    }

    /** Who a whoami answer says the caller is; a principal without a key id when the server names no key. */
    public static Preview.Caller callerOf(Optional<WhoAmI> whoami) {
        if (whoami.isEmpty()) {
            return new Preview.Caller(null, null, "an admin key the server does not name");
        }
        Optional<ApiKey> key = whoami.get().callingKey();
        return new Preview.Caller(key.map(ApiKey::id).orElse(null), key.map(ApiKey::name).orElse(null),
                whoami.get().principalDescription());
    }

    public Preview.Caller caller() {
        return caller;
    }

    /** What the server can do, for a UI to offer only what works (freeze, the audit reason, …). */
    public Capabilities capabilities() {
        return api.capabilities();
    }

    /** The preview of {@code plan} over the server's current inventory (lists every key: blocks). */
    public Preview preview(IncidentPlan plan) {
        return preview(plan, Clock.systemUTC());
    }

    /** {@link #preview(IncidentPlan)} at {@code clock}'s now (what "used in the last 24 hours" counts from). */
    public Preview preview(IncidentPlan plan, Clock clock) {
        requireSupported(plan);
        return preview(plan, api.listAllKeys(null, count -> { }), clock);
    }

    /** The preview of {@code plan} over {@code inventory} (e.g. what a table already shows), at {@code clock}'s now. */
    public Preview preview(IncidentPlan plan, List<ApiKey> inventory, Clock clock) {
        Objects.requireNonNull(plan, "plan");
        requireSupported(plan);
        Optional<List<ApiKey>> revoked = Optional.empty();
        String whyNot = api.capabilities().whyNot(Capability.REVOKED_LIST).map(IncidentEngine::lowerFirst)
                .orElse("the server did not list its revoked keys.");
        if (plan.action() == IncidentAction.REVOKE || !plan.targets().ids().isEmpty()) {
            if (api.capabilities().has(Capability.REVOKED_LIST)) {
                try {
                    revoked = Optional.of(api.listAllKeys(KeyStatus.REVOKED, count -> { }));
                } catch (FeatureUnavailableException e) {
                    whyNot = lowerFirst(e.reason());
                }
            }
        }
        return Preview.compute(plan, inventory, revoked, whyNot, caller, rateWindows(), clock.instant());
    }

    /** Freeze and thaw need a server that can disable keys: say so before anything is sent. */
    private void requireSupported(IncidentPlan plan) {
        if (plan.action() != IncidentAction.REVOKE && !api.capabilities().has(Capability.FREEZE)) {
            throw new IllegalArgumentException("This server cannot " + plan.action().verb() + " keys: "
                    + api.capabilities().whyNot(Capability.FREEZE).orElse("it cannot disable them.")
                    + " Revoke them instead.");
        }
    }

    /** The rate-limit windows: asked of the server where it can say, else the last figures seen. */
    private List<RateEstimate.Window> rateWindows() {
        RateLimitStatus status = null;
        if (api.capabilities().has(Capability.RATE_LIMIT_STATUS)) {
            try {
                status = api.rateLimit();
            } catch (KeyApiException e) {
                // A preview without an estimate is still a preview.
            }
        }
        if (status == null) {
            status = api.lastRateLimit().orElse(null);
        }
        return RateEstimate.Window.of(status);
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
            api.capabilities().whyNot(Capability.AUDIT_REASON).ifPresent(why -> notes.add(
                    "The reason was not sent to the server's audit log (" + lowerFirst(why).replaceAll("\\.$", "")
                            + "); it is in this report only."));
        }
        CompletableFuture<IncidentResult> future = new CompletableFuture<>();
        RunLoop loop = new RunLoop(preview, api, policy, options, listener == null ? new IncidentListener() { } : listener,
                server, notes, future);
        Thread coordinator = new Thread(loop::run, "keydesk-incident-run");
        coordinator.setDaemon(true);
        coordinator.start();
        return new IncidentRun(loop, future);
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
