package io.cactus.dashboard.report;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.NullMarked;

/**
 * Attempt durations in whole milliseconds, kept as a count per distinct value: exact nearest-rank
 * percentiles in memory bounded by the number of distinct durations (at most the longest attempt in
 * milliseconds, which the request timeout bounds), however many attempts a week holds.
 *
 * <p>Nearest rank: of {@code n} values sorted ascending, the {@code p}-th percentile is the value
 * at rank {@code ceil(p / 100 * n)} (counting from 1); of no value it is 0. Not thread-safe: one
 * report computation owns it.
 */
@NullMarked
final class LatencyHistogram {

    private final TreeMap<Long, long[]> counts = new TreeMap<>();
    private long total;

    void add(long millis) {
        counts.computeIfAbsent(Math.max(0, millis), k -> new long[1])[0]++;
        total++;
    }

    void addAll(LatencyHistogram other) {
        other.counts.forEach((millis, n) -> counts.computeIfAbsent(millis, k -> new long[1])[0] += n[0]);
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The nearest-rank percentile, in milliseconds; 0 when empty. */
    long percentile(int p) {
        if (p < 1 || p > 100) {
            throw new IllegalArgumentException("p must be 1 to 100, was " + p);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (p * total + 99) / 100; // ceil(p * total / 100) without floating point
        long seen = 0;
        for (Map.Entry<Long, long[]> e : counts.entrySet()) {
            seen += e.getValue()[0];
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return counts.lastKey();
    }
}
