package dev.keydesk.bench;

import java.util.Arrays;
import java.util.Locale;

/** Summaries of repeated measurements, in milliseconds. */
final class Stats {

    private final double[] sorted;

    Stats(double[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    double median() {
        return percentile(50);
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double min() {
        return sorted[0];
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    String describe() {
        return String.format(Locale.ROOT, "median %.1f ms (min %.1f, max %.1f, n=%d)",
                median(), min(), max(), sorted.length);
    }
}
