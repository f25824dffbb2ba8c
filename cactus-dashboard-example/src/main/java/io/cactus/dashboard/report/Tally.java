package io.cactus.dashboard.report;

import io.cactus.dashboard.report.WeeklyReport.Outage;
import io.cactus.dashboard.report.WeeklyReport.Row;
import java.time.Instant;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The running sums of one row (or one day) of a report while its rows stream by, with the longest
 * outage seen so far when it tracks one. Attempts must come in the order they started for the
 * outage to be right. Not thread-safe: one report computation owns it.
 */
@NullMarked
final class Tally {

    private final @Nullable String outageEndpoint;
    private long deliveries;
    private long succeeded;
    private long dead;
    private long cancelled;
    private long open;
    private long replayed;
    private long failedAttempts;
    private final LatencyHistogram latency = new LatencyHistogram();
    private @Nullable Instant runStart;
    private long runFailures;
    private Outage longest = Outage.NONE;

    /** @param outageEndpoint the endpoint whose outages this tracks; null to track none */
    Tally(@Nullable String outageEndpoint) {
        this.outageEndpoint = outageEndpoint;
    }

    void delivery(String status, boolean wasReplayed) {
        deliveries++;
        switch (status) {
            case "SUCCEEDED" -> succeeded++;
            case "DEAD" -> dead++;
            case "CANCELLED" -> cancelled++;
            default -> open++;
        }
        if (wasReplayed) {
            replayed++;
        }
    }

    /**
     * One attempt.
     *
     * @param startedAt when it started
     * @param inOutageWindow whether it started before the outage cut-off (the week's end or now)
     */
    void attempt(Instant startedAt, long durationMillis, boolean ok, boolean inOutageWindow) {
        latency.add(durationMillis);
        if (!ok) {
            failedAttempts++;
        }
        if (outageEndpoint == null || !inOutageWindow) {
            return;
        }
        if (!ok) {
            if (runStart == null) {
                runStart = startedAt;
                runFailures = 0;
            }
            runFailures++;
        } else if (runStart != null) {
            endRun(startedAt);
        }
    }

    private void endRun(Instant at) {
        Instant from = runStart;
        if (from == null) {
            return;
        }
        Outage run = new Outage(outageEndpoint, from, at.isBefore(from) ? from : at, runFailures);
        if (run.longerThan(longest)) {
            longest = run;
        }
        runStart = null;
        runFailures = 0;
    }

    long p95() {
        return latency.percentile(95);
    }

    long deliveries() {
        return deliveries;
    }

    long succeeded() {
        return succeeded;
    }

    long dead() {
        return dead;
    }

    long attempts() {
        return latency.count();
    }

    long failedAttempts() {
        return failedAttempts;
    }

    /**
     * The row; a run of failures still going ends at {@code cutoff}.
     *
     * @param cutoff the week's end, or the report's time when sooner
     */
    Row row(String endpointId, String eventType, Instant cutoff) {
        endRun(cutoff);
        return new Row(endpointId, eventType, deliveries, succeeded, dead, cancelled, open, replayed, latency.count(),
                failedAttempts, latency.percentile(50), latency.percentile(95), latency.percentile(99), longest);
    }

    /** The row of everything: these sums plus every tally's, and the longest of their outages. */
    static Row total(Iterable<Tally> tallies, Iterable<Row> rows, Instant cutoff) {
        Tally all = new Tally(null);
        Outage longest = Outage.NONE;
        for (Tally t : tallies) {
            all.deliveries += t.deliveries;
            all.succeeded += t.succeeded;
            all.dead += t.dead;
            all.cancelled += t.cancelled;
            all.open += t.open;
            all.replayed += t.replayed;
            all.failedAttempts += t.failedAttempts;
            all.latency.addAll(t.latency);
        }
        for (Row r : rows) {
            if (r.longestOutage().longerThan(longest)) {
                longest = r.longestOutage();
            }
        }
        Row sums = all.row(WeeklyReport.ALL, WeeklyReport.ALL, cutoff);
        return new Row(sums.endpointId(), sums.eventType(), sums.deliveries(), sums.succeeded(), sums.dead(),
                sums.cancelled(), sums.open(), sums.replayed(), sums.attempts(), sums.failedAttempts(),
                sums.p50Millis(), sums.p95Millis(), sums.p99Millis(), longest);
    }
}
