package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.median;
import static io.cactus.webhooks.benchmarks.Stats.ms;
import static io.cactus.webhooks.benchmarks.Stats.pct;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The scale run's summary in Markdown: per store, the rounds, the purges and the targets. */
final class ScaleReport {

    static final double CLAIM_P99_TARGET_MS = 20;
    static final double DRAIN_RATIO_TARGET = 0.8;
    static final double PURGE_P99_RATIO_TARGET = 2;

    private final PrintStream out;
    private final long history;
    private final int pending;
    private final long purgeRows;
    private final int claims;

    ScaleReport(PrintStream out, long history, int pending, long purgeRows, int claims) {
        this.out = out;
        this.history = history;
        this.pending = pending;
        this.purgeRows = purgeRows;
        this.claims = claims;
    }

    void print(List<ScaleRun.StoreResult> results) {
        out.printf(Locale.ROOT, "%n### Scale: %,d historical deliveries, %,d pending, purge of %,d%n", history, pending,
                purgeRows);
        for (ScaleRun.StoreResult s : results) {
            out.printf(Locale.ROOT, "%n#### %s%n%n- %s%n- history loaded in %.0f s (%,.0f rows/s, each row a message,"
                    + " a delivery and an attempt)%n- disk: %s%n", s.kind().label, s.settings(), s.loadSeconds(),
                    s.history() / s.loadSeconds(), s.disk());
            rounds(s.rounds());
            purges(s.purges());
            targets(s);
        }
    }

    private void rounds(List<ScaleRun.Round> rounds) {
        out.printf(Locale.ROOT, "%nClaims (%d timed DeliveryStore.claim calls of %d, each released) and drain of %,d:%n%n",
                claims, ClaimProbe.DISPATCHER_BATCH, pending);
        out.println("| round | database | history rows | claim p50 ms | p99 ms | max ms | drain deliveries/s | load avg |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---|");
        for (ScaleRun.Round r : rounds) {
            out.printf(Locale.ROOT, "| %d | %s | %,d | %.2f | %.2f | %.2f | %,.0f | %s |%n", r.round(), r.database(),
                    r.historyRows(), ms(pct(r.claimNanos(), 50)), ms(pct(r.claimNanos(), 99)),
                    ms(pct(r.claimNanos(), 100)), r.drainPerSecond(), r.load());
        }
    }

    private void purges(List<ScaleRun.Purge> purges) {
        if (purges.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "%nPurges (claims just before, then while the purge runs):%n%n");
        out.println("| round | purge | history rows before | purged | seconds | rows/s | claims before p50 / p99 ms"
                + " | during p50 / p99 / max ms (n) | p99 during / before | load avg |");
        out.println("|---:|---|---:|---:|---:|---:|---|---|---:|---|");
        for (ScaleRun.Purge p : purges) {
            out.printf(Locale.ROOT, "| %d | %s | %,d | %,d | %.1f | %,.0f | %.2f / %.2f | %s | %s | %s |%n", p.round(),
                    p.variant(), p.historyBefore(), p.purged(), p.seconds(), p.purged() / p.seconds(),
                    ms(pct(p.claimsBefore(), 50)), ms(pct(p.claimsBefore(), 99)), during(p), ratio(p), p.load());
        }
    }

    private static String during(ScaleRun.Purge p) {
        long[] d = p.claimsDuring();
        return d.length == 0 ? "none (the purge ended first)" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f (%d)",
                ms(pct(d, 50)), ms(pct(d, 99)), ms(pct(d, 100)), d.length);
    }

    private static String ratio(ScaleRun.Purge p) {
        return p.claimsDuring().length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", purgeRatio(p));
    }

    static double purgeRatio(ScaleRun.Purge p) {
        return (double) pct(p.claimsDuring(), 99) / pct(p.claimsBefore(), 99);
    }

    /** Median over rounds of the claim p99 on one database, in ms. */
    static double claimP99(List<ScaleRun.Round> rounds, String database) {
        List<Double> p99 = new ArrayList<>();
        for (ScaleRun.Round r : rounds) {
            if (r.database().equals(database)) {
                p99.add(ms(pct(r.claimNanos(), 99)));
            }
        }
        return median(p99);
    }

    /** Median over rounds of history drain / empty drain of the same round. */
    static double drainRatio(List<ScaleRun.Round> rounds) {
        Map<Integer, Double> empty = new LinkedHashMap<>();
        List<Double> ratios = new ArrayList<>();
        for (ScaleRun.Round r : rounds) {
            if (r.database().equals(ScaleRun.EMPTY)) {
                empty.put(r.round(), r.drainPerSecond());
            } else {
                ratios.add(r.drainPerSecond() / empty.get(r.round()));
            }
        }
        return median(ratios);
    }

    private void targets(ScaleRun.StoreResult s) {
        List<ScaleRun.Round> rounds = s.rounds();
        double p99 = claimP99(rounds, ScaleRun.HISTORY);
        double drain = drainRatio(rounds);
        List<Double> drains = new ArrayList<>();
        List<Double> emptyDrains = new ArrayList<>();
        rounds.forEach(r -> (r.database().equals(ScaleRun.HISTORY) ? drains : emptyDrains).add(r.drainPerSecond()));
        out.printf(Locale.ROOT, "%nTargets (medians over the rounds):%n%n| target | result | met? |%n|---|---|---|%n");
        out.printf(Locale.ROOT, "| claim p99 <= %.0f ms with the history | %.2f ms (empty table: %.2f ms) | %s |%n",
                CLAIM_P99_TARGET_MS, p99, claimP99(rounds, ScaleRun.EMPTY), met(p99 <= CLAIM_P99_TARGET_MS));
        out.printf(Locale.ROOT, "| drain >= %.1fx the empty table's | %.2fx (%,.0f against %,.0f deliveries/s) | %s |%n",
                DRAIN_RATIO_TARGET, drain, median(drains), median(emptyDrains), met(drain >= DRAIN_RATIO_TARGET));
        Map<String, List<Double>> byVariant = new LinkedHashMap<>();
        for (ScaleRun.Purge p : s.purges()) {
            if (p.claimsDuring().length > 0) {
                byVariant.computeIfAbsent(p.variant(), k -> new ArrayList<>()).add(purgeRatio(p));
            }
        }
        byVariant.forEach((v, ratios) -> out.printf(Locale.ROOT,
                "| claim p99 during the purge <= %.0fx without (%s) | %.2fx | %s |%n", PURGE_P99_RATIO_TARGET, v,
                median(ratios), met(median(ratios) <= PURGE_P99_RATIO_TARGET)));
        out.printf(Locale.ROOT, "| disk per million deliveries stated | %s | stated |%n", DiskUse.mib((long) s.disk()
                .perMillion()));
        if (!s.explain().isEmpty()) {
            out.printf(Locale.ROOT, "%nClaim plan at %,d history rows:%n%n```%n%s%n```%n", s.history(), s.explain());
        }
    }

    private static String met(boolean ok) {
        return ok ? "met" : "**missed**";
    }
}
