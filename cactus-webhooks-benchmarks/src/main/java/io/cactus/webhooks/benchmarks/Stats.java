package io.cactus.webhooks.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Percentiles and medians for the load runs' reports. */
final class Stats {

    private Stats() {
    }

    /** The p-th percentile (nearest rank) of the values; p = 100 is the maximum. */
    static long pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int m = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
