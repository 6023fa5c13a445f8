package dev.keydesk.core.incident;

import dev.keydesk.client.ChangeOptions;
import dev.keydesk.client.KeyApi;
import dev.keydesk.client.RetryPolicy;
import dev.keydesk.client.error.KeyApiException;
import dev.keydesk.client.error.MalformedResponseException;
import dev.keydesk.client.error.NotFoundException;
import dev.keydesk.client.error.RateLimitedException;
import dev.keydesk.client.error.ServerException;
import dev.keydesk.client.error.TransportException;
import dev.keydesk.client.error.UnauthorizedException;
import dev.keydesk.client.error.UnexpectedStatusException;
import dev.keydesk.client.model.ApiKey;
import dev.keydesk.client.model.KeyPolicy;
import dev.keydesk.client.model.KeyStatus;
import dev.keydesk.client.model.KeyUpdateParams;
import dev.keydesk.core.common.ErrorMessages;
import dev.keydesk.core.common.UserMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One run, on its own coordinator thread, with workers for the requests in flight. The rules:
 * <ul>
 *   <li>Keys start while fewer than {@link AdaptiveConcurrency#limit()} requests are in flight and
 *       the rate budget allows; the connected admin key (break-glass) goes last.</li>
 *   <li>A 429 pauses the whole run for its {@code Retry-After} and puts the key back at the front;
 *       it never counts against the key. A spent budget pauses until its reset without sending.</li>
 *   <li>A server error retries that key later with jittered exponential backoff, at most
 *       {@code maxAttempts} times. A lost answer (connection dropped, timeout, unreadable answer)
 *       is checked with a GET first: applied means done, not applied means send again.</li>
 *   <li>A key that fails for good after an attempt whose answer was lost is checked before it is
 *       reported, so nothing is reported failed that the server did.</li>
 *   <li>Cancel: nothing new starts, requests in flight finish, keys whose earlier attempt is
 *       uncertain are checked with a GET, the rest are "not attempted". A 401 stops the run the
 *       same way: the admin key is no longer accepted.</li>
 * </ul>
 * Break-glass itself (replacing the connected admin key, then stopping it last) is
 * {@link BreakGlassSequence}'s; the run lends it what it needs through {@link BreakGlassSequence.Run}.
 */
final class RunLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration BUDGET_MARGIN = Duration.ofMillis(250);
    private static final Duration PACE_WINDOW = Duration.ofSeconds(10);

    private final Preview preview;
    private final IncidentAction action;
    /** The plan's reason, sent with every change ({@code Audit-Reason}) where the server keeps it. */
    private final ChangeOptions change;
    private final RunOptions options;
    private final IncidentListener listener;
    private final ReportWriter report;
    private final IncidentResult.Server server;
    private final CompletableFuture<IncidentResult> future;
    private final AtomicReference<KeyApi> api;
    private final AdaptiveConcurrency concurrency;
    private final RateBudget budget = new RateBudget();
    private final ExecutorService workers;
    private final List<String> notes = new ArrayList<>();
    /** Null when the plan does not include the connected admin key. */
    private final BreakGlassSequence breakGlass;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Task> ready = new ArrayDeque<>();
    private final PriorityQueue<Task> delayed = new PriorityQueue<>(Comparator.comparing(t -> t.notBefore));
    private final KeyOutcome[] outcomes;
    private final Deque<Instant> recentFinishes = new ArrayDeque<>();
    private int inFlight;
    private Pause pause;
    private boolean cancelled;
    private boolean stopping;
    private String stopReason;
    private volatile Thread coordinator;
    private Instant startedAt;

    RunLoop(Preview preview, KeyApi api, KeyPolicy policy, RunOptions options, IncidentListener listener,
            IncidentResult.Server server, List<String> notes, CompletableFuture<IncidentResult> future) {
        this.preview = preview;
        this.action = preview.plan().action();
        this.change = ChangeOptions.reason(preview.plan().auditReason());
        this.api = new AtomicReference<>(withoutRetries(api));
        this.options = options;
        this.listener = listener;
        this.server = server;
        this.future = future;
        this.notes.addAll(notes);
        this.concurrency = new AdaptiveConcurrency(options.initialConcurrency(), options.maxConcurrency());
        this.outcomes = new KeyOutcome[preview.targets().size()];
        this.breakGlass = preview.breakGlass() ? new BreakGlassSequence(options.breakGlass(),
                preview.targets().get(outcomes.length - 1), action, preview.plan().reference(), policy,
                options.clock(), new BreakGlassRun(outcomes.length - 1)) : null;
        this.report = ReportWriter.create(options.reportsRoot(), options.extraReportFiles(),
                preview.plan().reference(), options.clock().instant());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "keydesk-incident-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    java.nio.file.Path reportFolder() {
        return report.folder();
    }

    // ---- control, from any thread ----

    void cancel() {
        lock.lock();
        try {
            if (cancelled || future.isDone()) {
                return;
            }
            cancelled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread c = coordinator;
        if (c != null) {
            // Ends a pause or a backoff sleep at once; requests in flight are not interrupted.
            c.interrupt();
        }
        tell(l -> l.cancelling(snapshot()));
    }

    RunSnapshot snapshot() {
        lock.lock();
        try {
            return snapshotLocked();
        } finally {
            lock.unlock();
        }
    }

    // ---- the coordinator ----

    void run() {
        coordinator = Thread.currentThread();
        startedAt = options.clock().instant();
        IncidentResult result = null;
        try {
            report.begin(IncidentReport.header(preview, server, startedAt, notes));
            tell(l -> l.started(snapshot()));
            List<ApiKey> targets = preview.targets();
            int last = preview.breakGlass() ? targets.size() - 1 : targets.size();
            boolean oldKeyMayGo = false;
            if (breakGlass != null) {
                oldKeyMayGo = breakGlass.replaceConnectedKey();
            }
            lock.lock();
            try {
                for (int i = 0; i < last; i++) {
                    ready.add(new Task(i, targets.get(i)));
                }
            } finally {
                lock.unlock();
            }
            drive();
            if (breakGlass != null) {
                breakGlass.stopOldKey(oldKeyMayGo);
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("incident run failed: {}", e.getClass().getSimpleName(), e);
            lock.lock();
            try {
                stopping = true;
                if (stopReason == null) {
                    stopReason = "The run stopped on an unexpected error (" + e.getClass().getSimpleName() + ").";
                }
            } finally {
                lock.unlock();
            }
        } finally {
            try {
                result = finish();
            } finally {
                workers.shutdown();
                if (result != null) {
                    future.complete(result);
                } else {
                    future.completeExceptionally(new IllegalStateException("the run could not finish its report"));
                }
                Thread.interrupted();
                coordinator = null;
            }
        }
    }

    /** Starts tasks until none is left and none is in flight. */
    private void drive() {
        while (true) {
            Task toStart = null;
            Pause toWait = null;
            Duration sleep = null;
            lock.lock();
            try {
                if ((cancelled || stopping) && !sweptForStop) {
                    sweepForStop();
                }
                if (ready.isEmpty() && delayed.isEmpty() && inFlight == 0) {
                    return;
                }
                Instant now = options.clock().instant();
                if (pause != null && !cancelled) {
                    if (now.isBefore(pause.until())) {
                        toWait = pause;
                    } else {
                        pause = null;
                    }
                }
                if (toWait == null) {
                    moveDue(now);
                    RateBudget.Verdict verdict = cancelled ? RateBudget.Verdict.GO : budget.check(now, inFlight);
                    if (verdict == RateBudget.Verdict.SPENT && !ready.isEmpty()) {
                        Instant reset = budget.resetOfSpent(now).orElse(now).plus(BUDGET_MARGIN);
                        String window = budget.spentWindow(now).orElse("window");
                        pause = new Pause(Pause.Reason.BUDGET_SPENT, null, Duration.between(now, reset), reset,
                                "The rate-limit budget for this " + window + " is spent: waiting for it to start afresh.");
                        continue;
                    }
                    if (!ready.isEmpty() && inFlight < concurrency.limit() && verdict == RateBudget.Verdict.GO) {
                        toStart = ready.poll();
                        inFlight++;
                    } else if (inFlight == 0 && ready.isEmpty() && !delayed.isEmpty()) {
                        sleep = Duration.between(now, delayed.peek().notBefore);
                    } else {
                        awaitChange(POLL);
                    }
                }
            } finally {
                lock.unlock();
            }
            if (toWait != null) {
                waitOut(toWait);
            } else if (sleep != null) {
                sleepQuietly(sleep);
            } else if (toStart != null) {
                Task task = toStart;
                try {
                    workers.execute(() -> execute(task));
                } catch (RuntimeException rejected) {
                    lock.lock();
                    try {
                        inFlight--;
                    } finally {
                        lock.unlock();
                    }
                    throw rejected;
                }
            }
        }
    }

    private boolean sweptForStop;

    /**
     * Cancelled or stopped: nothing new starts. Keys not yet sent are "not attempted"; keys whose
     * earlier attempt may have gone through get one GET to tell.
     */
    private void sweepForStop() {
        sweptForStop = true;
        List<Task> left = new ArrayList<>(ready);
        left.addAll(delayed);
        ready.clear();
        delayed.clear();
        pause = null;
        for (Task t : left) {
            if (t.uncertain) {
                t.verify = true;
                t.finalCheck = true;
                ready.add(t);
            } else {
                recordLocked(t, Outcome.NOT_ATTEMPTED, notAttemptedMessage(), null);
            }
        }
    }

    private String notAttemptedMessage() {
        return cancelled ? "Cancelled before this key was " + action.pastTense() + "."
                : "Not attempted: " + (stopReason == null ? "the run stopped." : stopReason);
    }

    private void moveDue(Instant now) {
        while (!delayed.isEmpty() && !delayed.peek().notBefore.isAfter(now)) {
            ready.add(delayed.poll());
        }
    }

    private void awaitChange(Duration max) {
        try {
            changed.await(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // cancel() interrupts to end waits; the loop sees the flag
        }
    }

    private void sleepQuietly(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            options.sleeper().sleep(d);
        } catch (InterruptedException e) {
            // cancel() interrupts to end waits; the loop sees the flag
        }
    }

    /** Waits out a pause, telling the listener about every second; a longer Retry-After meanwhile extends it. */
    private void waitOut(Pause first) {
        Pause announced = first;
        tell(l -> l.paused(first));
        while (true) {
            Pause current;
            lock.lock();
            try {
                current = cancelled ? null : pause;
            } finally {
                lock.unlock();
            }
            if (current == null) {
                break;
            }
            if (current != announced) {
                Pause extended = current;
                tell(l -> l.paused(extended));
                announced = current;
            }
            Duration left = current.remaining(options.clock().instant());
            if (left.isZero()) {
                break;
            }
            Pause ticking = current;
            tell(l -> l.pauseTick(ticking, left));
            sleepQuietly(left.compareTo(TICK) < 0 ? left : TICK);
        }
        lock.lock();
        try {
            if (pause == announced || cancelled) {
                pause = null;
            }
        } finally {
            lock.unlock();
        }
        Pause ended = announced;
        tell(l -> l.resumed(ended));
    }

    // ---- one request, on a worker ----

    private void execute(Task task) {
        KeyApi client = api.get();
        long seq = concurrency.onStart();
        long t0 = System.nanoTime();
        Step step;
        try {
            step = task.verify ? check(task, client) : write(task, client);
            int changedTo = concurrency.onAnswer(System.nanoTime() - t0,
                    budget.roomFor(concurrency.limit(), options.clock().instant()));
            if (changedTo > 0) {
                tell(l -> l.concurrencyChanged(changedTo, "answers are fast"));
            }
        } catch (KeyApiException e) {
            step = failed(task, e, seq);
        } catch (RuntimeException e) {
            step = Step.done(Outcome.FAILED, (task.uncertain ? "An earlier attempt's answer was lost and then "
                    : "") + "something unexpected went wrong (" + e.getClass().getSimpleName() + ")"
                    + (task.uncertain ? ": the key may or may not be " + action.pastTense() + "; look it up." : "."), null);
        } finally {
            client.lastRateLimit().ifPresent(s -> budget.observe(RateEstimate.Window.of(s)));
        }
        apply(task, step);
    }

    private Step write(Task task, KeyApi client) {
        task.writes++;
        String id = task.key.id();
        switch (action) {
            case REVOKE -> client.revokeKey(id, change);
            case FREEZE -> client.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.DISABLED).build(), null, change);
            case THAW -> client.updateKey(id, KeyUpdateParams.builder().status(KeyStatus.ACTIVE).build(), null, change);
            default -> throw new IllegalStateException(action.name());
        }
        return Step.done(action.doneOutcome(), doneMessage(task), null);
    }

    private String doneMessage(Task task) {
        String base = "The server confirmed: " + action.pastTense() + ".";
        return task.uncertain ? base + " (An earlier attempt's answer was lost.)" : base;
    }

    /** A GET after a lost answer: applied means done; not applied means send again (or report it). */
    private Step check(Task task, KeyApi client) {
        ApiKey now;
        try {
            now = client.getKey(task.key.id()).key();
        } catch (NotFoundException gone) {
            if (action == IncidentAction.REVOKE) {
                return Step.done(Outcome.REVOKED, "The answer was lost; a check confirmed the server no longer has "
                        + "the key: revoked.", gone.requestId().orElse(null));
            }
            return Step.done(Outcome.ALREADY_GONE, "The server no longer has the key (it was revoked).",
                    gone.requestId().orElse(null));
        }
        boolean applied = action != IncidentAction.REVOKE && action.targetStatus().equals(now.status());
        if (applied) {
            return Step.done(action.doneOutcome(), "The answer was lost; a check confirmed the key is "
                    + action.pastTense() + ".", null);
        }
        if (task.finalCheck) {
            String still = "checked: the key is still " + (now.status() == null ? "there" : now.status()) + ".";
            if (cancelled) {
                return Step.done(Outcome.NOT_ATTEMPTED, "Cancelled; an earlier attempt did not go through (" + still + ")",
                        null);
            }
            String why = task.lastFailure == null ? "It could not be " + action.pastTense() + "."
                    : task.lastFailure;
            return Step.done(Outcome.FAILED, why + " (" + still + ")", task.lastRequestId);
        }
        return Step.again(Duration.ZERO, false);
    }

    private Step failed(Task task, KeyApiException e, long seq) {
        String requestId = e.requestId().orElse(null);
        if (e instanceof NotFoundException) {
            if (task.verify) {
                // handled in check(); a 404 here is the write's
                return Step.done(Outcome.ALREADY_GONE, "The server no longer has the key.", requestId);
            }
            if (task.uncertain && action == IncidentAction.REVOKE) {
                return Step.done(Outcome.REVOKED, "An earlier attempt's answer was lost; the server no longer has "
                        + "the key: revoked.", requestId);
            }
            return Step.done(Outcome.ALREADY_GONE, action == IncidentAction.REVOKE
                    ? "Already gone: the server had no such key (revoked before this run)."
                    : "The server no longer has the key (it was revoked).", requestId);
        }
        if (e instanceof RateLimitedException rl) {
            int cut = concurrency.onCongestion(seq);
            if (cut > 0) {
                tell(l -> l.concurrencyChanged(cut, "rate limited"));
            }
            if (task.verify && (cancelled || stopping)) {
                return Step.done(Outcome.FAILED, "An attempt's answer was lost and the check after Cancel was rate "
                        + "limited: the key may or may not be " + action.pastTense() + ". Look it up.", requestId);
            }
            if (!task.verify) {
                task.writes--; // refused without acting: not an attempt at the key
            }
            Duration wait = rl.retryAfter().orElse(DEFAULT_RETRY_AFTER);
            pauseFor(wait, rl.limitScope().orElse(null));
            return Step.toFront();
        }
        if (e instanceof UnauthorizedException) {
            lock.lock();
            try {
                stopping = true;
                if (stopReason == null) {
                    stopReason = "the server refused the admin key (401): it was revoked, disabled or expired "
                            + "during the run. Connect with a valid key and run the rest again.";
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            String msg = "The server refused the admin key (401)" + (task.uncertain
                    ? "; an earlier attempt's answer was lost, so the key may or may not be " + action.pastTense()
                    + ": look it up." : ".");
            return Step.done(Outcome.FAILED, msg, requestId);
        }
        boolean lostAnswer = e instanceof TransportException || e instanceof MalformedResponseException
                || e instanceof dev.keydesk.client.error.CancelledException;
        boolean serverError = (e instanceof ServerException s && s.isTransient())
                || (e instanceof UnexpectedStatusException && e.status() >= 500);
        if (lostAnswer || serverError) {
            boolean congestion = serverError || (e instanceof TransportException t && t.isTimeout());
            if (congestion) {
                int cut = concurrency.onCongestion(seq);
                if (cut > 0) {
                    tell(l -> l.concurrencyChanged(cut, serverError ? "server error" : "timeout"));
                }
            }
            UserMessage m = ErrorMessages.describe(e, ErrorMessages.Action.write(action.verb() + " the key"));
            task.lastFailure = m.whatHappened();
            task.lastRequestId = requestId;
            if (task.verify) {
                task.checkFailures++;
                if (task.checkFailures >= options.maxAttempts() || cancelled || stopping) {
                    return Step.done(Outcome.FAILED, "An attempt's answer was lost and checking the key failed too ("
                            + m.whatHappened() + "): it may or may not be " + action.pastTense() + ". Look it up.",
                            requestId);
                }
                return Step.again(backoff(task.checkFailures), true);
            }
            task.failures++;
            // A write without an answer, or with a 5xx, may have been applied: never report it failed unchecked.
            task.uncertain = true;
            if (task.failures >= options.maxAttempts() || cancelled || stopping) {
                task.finalCheck = true;
                return Step.again(Duration.ZERO, true);
            }
            if (lostAnswer) {
                return Step.again(Duration.ZERO, true);
            }
            return Step.again(backoff(task.failures), false);
        }
        if (task.verify) {
            UserMessage m = ErrorMessages.describe(e, ErrorMessages.Action.read("check the key"));
            return Step.done(Outcome.FAILED, "An attempt's answer was lost and the check failed (" + m.whatHappened()
                    + "): it may or may not be " + action.pastTense() + ". Look it up.", requestId);
        }
        UserMessage m = ErrorMessages.describe(e, ErrorMessages.Action.write(action.verb() + " the key"));
        String msg = m.whatHappened() + (task.uncertain
                ? " An earlier attempt's answer was lost: the key may or may not be " + action.pastTense() + "."
                : " " + m.whatIsSafe());
        return Step.done(Outcome.FAILED, msg, requestId);
    }

    private Duration backoff(int failures) {
        long base = options.baseBackoff().toMillis();
        long cap = options.maxBackoff().toMillis();
        long exp = base << Math.min(failures - 1, 20);
        long capped = Math.min(cap, exp < 0 ? cap : exp);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void pauseFor(Duration wait, String scope) {
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            Instant now = options.clock().instant();
            Instant until = now.plus(wait);
            if (pause == null || until.isAfter(pause.until())) {
                String what = Pause.describeScope(scope);
                pause = new Pause(Pause.Reason.RATE_LIMITED, scope, wait, until,
                        "Rate limited (" + what + "): the server asked to wait " + seconds(wait) + ".");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Applies what a request decided: an outcome, or the key back in a queue. */
    private void apply(Task task, Step step) {
        KeyOutcome recorded = null;
        lock.lock();
        try {
            inFlight--;
            if (step.outcome != null) {
                recorded = recordLocked(task, step.outcome, step.message, step.requestId);
            } else if (step.front) {
                if (cancelled || stopping) {
                    if (task.uncertain) {
                        task.verify = true;
                        task.finalCheck = true;
                        ready.addFirst(task);
                    } else {
                        recorded = recordLocked(task, Outcome.NOT_ATTEMPTED, notAttemptedMessage(), null);
                    }
                } else {
                    ready.addFirst(task);
                }
            } else {
                task.verify = step.verify;
                if ((cancelled || stopping) && !task.finalCheck) {
                    if (task.uncertain) {
                        task.verify = true;
                        task.finalCheck = true;
                        ready.add(task);
                    } else {
                        recorded = recordLocked(task, Outcome.NOT_ATTEMPTED, notAttemptedMessage(), null);
                    }
                } else if (step.delay.isZero()) {
                    ready.add(task);
                } else {
                    task.notBefore = options.clock().instant().plus(step.delay);
                    delayed.add(task);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (recorded != null) {
            announce(recorded);
        }
    }

    private KeyOutcome recordLocked(Task task, Outcome outcome, String message, String requestId) {
        if (outcomes[task.index] != null) {
            return null;
        }
        Instant now = options.clock().instant();
        KeyOutcome o = new KeyOutcome(task.key, outcome, message, requestId, Math.max(0, task.writes), now);
        outcomes[task.index] = o;
        recentFinishes.addLast(now);
        // Journaled under the run's lock, the moment it is known: the run cannot end (and close
        // the report) between an outcome and its line, and a cancelled key gets its line too.
        report.key(o);
        return o;
    }

    /** Tells the listeners (outside the run's lock; the outcome is already journaled). */
    private void announce(KeyOutcome o) {
        RunSnapshot s = snapshot();
        tell(l -> l.keyFinished(o, s));
    }

    // ---- what break-glass needs of the run ----

    /** The run as {@link BreakGlassSequence} sees it; the old admin key is the run's last target. */
    private final class BreakGlassRun implements BreakGlassSequence.Run {

        private final int index;

        BreakGlassRun(int index) {
            this.index = index;
        }

        @Override
        public KeyApi client() {
            return api.get();
        }

        @Override
        public void switchTo(KeyApi next) {
            api.set(withoutRetries(next));
        }

        @Override
        public boolean waitOut(RateLimitedException e) {
            pauseFor(e.retryAfter().orElse(DEFAULT_RETRY_AFTER), e.limitScope().orElse(null));
            Pause p;
            lock.lock();
            try {
                p = pause;
            } finally {
                lock.unlock();
            }
            if (p != null) {
                RunLoop.this.waitOut(p);
            }
            lock.lock();
            try {
                return !cancelled;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void tell(Consumer<IncidentListener> call) {
            RunLoop.this.tell(call);
        }

        @Override
        public boolean queueOldKey(BreakGlassSequence.NotSent notSent) {
            Task task = new Task(index, preview.targets().get(index));
            lock.lock();
            try {
                String msg = notSent.message(cancelled, stopping, stopReason);
                if (msg == null) {
                    ready.add(task);
                    return true;
                }
                KeyOutcome o = recordLocked(task, Outcome.NOT_ATTEMPTED, msg, null);
                if (o != null) {
                    lock.unlock();
                    try {
                        announce(o);
                    } finally {
                        lock.lock();
                    }
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public KeyOutcome driveOldKey() {
            drive();
            return outcomes[index];
        }

        @Override
        public void journal(BreakGlassReport entry) {
            report.breakGlass(entry);
        }
    }

    // ---- the end ----

    private IncidentResult finish() {
        List<KeyOutcome> all = new ArrayList<>();
        List<KeyOutcome> late = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    KeyOutcome o = recordLocked(new Task(i, preview.targets().get(i)), Outcome.NOT_ATTEMPTED,
                            notAttemptedMessage(), null);
                    late.add(o);
                }
                all.add(outcomes[i]);
            }
        } finally {
            lock.unlock();
        }
        late.forEach(this::announce);
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(report.problems());
        BreakGlassReport breakGlassReport = breakGlass == null ? null : breakGlass.report();
        IncidentResult result = new IncidentResult(preview, server, startedAt, options.clock().instant(), all,
                cancelled, stopReason, breakGlassReport, report.folder(), allNotes);
        report.finish(IncidentReport.of(result));
        List<String> afterWriting = report.problems();
        if (!allNotes.containsAll(afterWriting)) {
            afterWriting.stream().filter(p -> !allNotes.contains(p)).forEach(allNotes::add);
            result = new IncidentResult(preview, server, startedAt, result.endedAt(), all, cancelled, stopReason,
                    breakGlassReport, report.folder(), allNotes);
        }
        IncidentResult done = result;
        lock.lock();
        try {
            pause = null;
        } finally {
            lock.unlock();
        }
        tell(l -> l.finished(done));
        return done;
    }

    private RunSnapshot snapshotLocked() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (KeyOutcome o : outcomes) {
            if (o != null) {
                counts.merge(o.outcome(), 1, Integer::sum);
            }
        }
        Instant now = options.clock().instant();
        Instant since = now.minus(PACE_WINDOW);
        Iterator<Instant> it = recentFinishes.iterator();
        while (it.hasNext() && it.next().isBefore(since)) {
            it.remove();
        }
        Instant start = startedAt == null ? now : startedAt;
        Duration elapsed = Duration.between(start, now);
        Duration paceSpan = elapsed.compareTo(PACE_WINDOW) < 0 ? elapsed : PACE_WINDOW;
        double perSecond = paceSpan.toMillis() <= 0 ? 0 : recentFinishes.size() * 1000.0 / paceSpan.toMillis();
        int done = counts.values().stream().mapToInt(Integer::intValue).sum();
        int left = outcomes.length - done;
        Duration timeLeft = null;
        if (left == 0) {
            timeLeft = Duration.ZERO;
        } else if (perSecond > 0) {
            timeLeft = Duration.ofMillis((long) (left * 1000 / perSecond));
        }
        if (pause != null && timeLeft != null) {
            timeLeft = timeLeft.plus(pause.remaining(now));
        }
        int waiting = (int) (delayed.size() + ready.stream().filter(t -> t.failures > 0 || t.verify).count());
        RunSnapshot.State state = future.isDone() ? RunSnapshot.State.FINISHED
                : cancelled || stopping ? RunSnapshot.State.CANCELLING
                : pause != null ? RunSnapshot.State.PAUSED
                : startedAt == null ? RunSnapshot.State.STARTING : RunSnapshot.State.RUNNING;
        return new RunSnapshot(state, outcomes.length, counts, inFlight, waiting, concurrency.limit(), perSecond,
                timeLeft, pause, start, elapsed);
    }

    private void tell(Consumer<IncidentListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("an incident listener failed: {}", e.getClass().getSimpleName(), e);
        }
    }

    /** One key's progress through the run. */
    private static final class Task {
        final int index;
        final ApiKey key;
        int writes;
        int failures;
        int checkFailures;
        boolean verify;
        boolean uncertain;
        boolean finalCheck;
        String lastFailure;
        String lastRequestId;
        Instant notBefore = Instant.EPOCH;

        Task(int index, ApiKey key) {
            this.index = index;
            this.key = key;
        }
    }

    /** What one request decided. */
    private record Step(Outcome outcome, String message, String requestId, boolean front, Duration delay,
                        boolean verify) {
        static Step done(Outcome outcome, String message, String requestId) {
            return new Step(outcome, message, requestId, false, Duration.ZERO, false);
        }

        static Step toFront() {
            return new Step(null, null, null, true, Duration.ZERO, false);
        }

        static Step again(Duration delay, boolean verify) {
            return new Step(null, null, null, false, delay, verify);
        }
    }

    /** The view of {@code client} a run uses: it never retries by itself, because the run paces itself. */
    static KeyApi withoutRetries(KeyApi client) {
        return client.withRetryPolicy(RetryPolicy.none());
    }

    /** "37 s", "2 min". */
    static String seconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s < 120 ? s + " s" : (s + 59) / 60 + " min";
    }
}
