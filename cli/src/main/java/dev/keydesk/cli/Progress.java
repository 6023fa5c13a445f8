package dev.keydesk.cli;

import dev.keydesk.core.incident.BreakGlass;
import dev.keydesk.core.incident.IncidentAction;
import dev.keydesk.core.incident.IncidentListener;
import dev.keydesk.core.incident.IncidentResult;
import dev.keydesk.core.incident.KeyOutcome;
import dev.keydesk.core.incident.Outcome;
import dev.keydesk.core.incident.Pause;
import dev.keydesk.core.incident.RunSnapshot;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A run's progress on stderr: on a terminal one line redrawn in place (a bar, counts, pace, time
 * left, or the pause countdown); otherwise plain lines, one per tenth of the run and per pause.
 */
final class Progress implements IncidentListener {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR = 24;

    private final PrintStream err;
    private final boolean redraw;
    private final IncidentAction action;
    private long lastDraw;
    private int lastTenth;
    private long lastTickSecond = -1;
    private boolean lineOpen;

    Progress(PrintStream err, boolean redraw, IncidentAction action) {
        this.err = err;
        this.redraw = redraw;
        this.action = action;
    }

    @Override
    public synchronized void started(RunSnapshot s) {
        line("Starting: " + s.total() + " keys to " + action.verb() + ".");
    }

    @Override
    public synchronized void keyFinished(KeyOutcome outcome, RunSnapshot s) {
        if (redraw) {
            long now = System.nanoTime();
            if (now - lastDraw >= REDRAW_NANOS || s.remaining() == 0) {
                lastDraw = now;
                draw(bar(s));
            }
        } else {
            int tenth = s.total() == 0 ? 10 : s.done() * 10 / s.total();
            if (tenth > lastTenth) {
                lastTenth = tenth;
                line(counts(s));
            }
        }
    }

    @Override
    public synchronized void paused(Pause pause) {
        lastTickSecond = -1;
        line("Paused: " + pause.message() + " Resuming in " + seconds(pause.length()) + "; no key is given up.");
    }

    @Override
    public synchronized void pauseTick(Pause pause, Duration remaining) {
        long s = (remaining.toMillis() + 999) / 1000;
        if (redraw) {
            draw("Paused (" + scope(pause) + "): resuming in " + s + " s");
        } else if (s % 10 == 0 && s != lastTickSecond && s > 0) {
            lastTickSecond = s;
            line("  resuming in " + s + " s");
        }
    }

    @Override
    public synchronized void resumed(Pause pause) {
        line("Resumed.");
    }

    @Override
    public synchronized void breakGlassStep(BreakGlass.Step step, boolean done, String message) {
        line("Break-glass, " + step.label() + (done ? ": done. " : ": ") + message);
    }

    @Override
    public synchronized void cancelling(RunSnapshot s) {
        line("Cancelling: nothing new starts; the requests in flight finish and the report is completed…");
    }

    @Override
    public synchronized void finished(IncidentResult result) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    private String bar(RunSnapshot s) {
        int filled = s.total() == 0 ? BAR : s.done() * BAR / s.total();
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + counts(s);
    }

    private String counts(RunSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append(s.done()).append('/').append(s.total()).append("  ")
                .append(action.pastTense()).append(' ').append(s.count(action.doneOutcome()));
        if (s.count(Outcome.ALREADY_GONE) > 0) {
            b.append(" · already gone ").append(s.count(Outcome.ALREADY_GONE));
        }
        b.append(" · failed ").append(s.count(Outcome.FAILED));
        if (s.count(Outcome.NOT_ATTEMPTED) > 0) {
            b.append(" · not attempted ").append(s.count(Outcome.NOT_ATTEMPTED));
        }
        if (s.perSecond() > 0) {
            b.append(String.format(Locale.ROOT, " · %.0f/s", s.perSecond()));
        }
        s.estimatedTimeLeft().filter(d -> !d.isZero()).ifPresent(d -> b.append(" · ~").append(seconds(d)).append(" left"));
        return b.toString();
    }

    private static String scope(Pause pause) {
        return pause.reason() == Pause.Reason.BUDGET_SPENT ? "rate budget spent"
                : pause.scope().map(s -> "rate limited: " + s).orElse("rate limited");
    }

    private void draw(String text) {
        err.print("\r\033[2K" + text);
        err.flush();
        lineOpen = true;
    }

    private void line(String text) {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
        err.println(text);
    }

    static String seconds(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        return s < 120 ? s + " s" : (s + 59) / 60 + " min";
    }
}
