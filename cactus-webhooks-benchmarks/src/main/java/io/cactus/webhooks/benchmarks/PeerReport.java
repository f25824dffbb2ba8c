package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.median;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The tables {@link PeerLoadRun} prints per store. Not thread-safe (main thread only). */
final class PeerReport {

    /** One measured load round of one variant. {@code counters}: the PostgreSQL deltas over the round, else null. */
    record Load(Peer peer, int round, double publishRate, double e2e, double p50Ms, double p99Ms, int duplicates,
            double cpuMicrosPerEvent, FreshDatabases.PgCounters counters, int n) {
    }

    record Idle(Peer peer, double p50Ms, double p99Ms, double maxMs) {
    }

    /** {@code received < pending}: the drain timed out. {@code note}: why a peer was skipped, else null. */
    record Drain(Peer peer, int pending, int received, double seconds, int duplicates, String note) {
        double rate() {
            return received / seconds;
        }
    }

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, List<Load>> loads = new LinkedHashMap<>();
    private final Map<String, List<Idle>> idles = new LinkedHashMap<>();
    private final Map<String, List<Drain>> drains = new LinkedHashMap<>();

    void settings(String store, String value) {
        settings.put(store, value);
    }

    void add(String store, Load r) {
        loads.computeIfAbsent(store, k -> new ArrayList<>()).add(r);
    }

    void add(String store, Idle r) {
        idles.computeIfAbsent(store, k -> new ArrayList<>()).add(r);
    }

    void add(String store, Drain r) {
        drains.computeIfAbsent(store, k -> new ArrayList<>()).add(r);
    }

    void print(String header) {
        System.out.println();
        System.out.println(header);
        for (String store : settings.keySet()) {
            System.out.printf(Locale.ROOT, "%n## %s%n%n%s%n", store, settings.get(store));
            printLoad(loads.getOrDefault(store, List.of()));
            printIdle(idles.getOrDefault(store, List.of()));
            printDrain(drains.getOrDefault(store, List.of()));
            printCounters(loads.getOrDefault(store, List.of()));
        }
    }

    private static void printLoad(List<Load> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int rounds = rows.stream().mapToInt(Load::round).max().orElse(0);
        System.out.printf(Locale.ROOT, "%n### Load, N=%d per round, medians of %d rounds%n%n", rows.get(0).n(), rounds);
        System.out.println("| variant | publish calls/s | e2e events/s | x raw e2e | range | p50 ms | p99 ms | duplicates"
                + " | JVM CPU us/event |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<Integer, Double> raw = new LinkedHashMap<>();
        rows.stream().filter(r -> r.peer() == Peer.RAW).forEach(r -> raw.put(r.round(), r.e2e()));
        for (Peer peer : peers(rows, Load::peer)) {
            List<Load> mine = rows.stream().filter(r -> r.peer() == peer).toList();
            List<Double> ratios = mine.stream().filter(r -> raw.containsKey(r.round()))
                    .map(r -> r.e2e() / raw.get(r.round())).toList();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s | %.2f | %.2f | %d | %.0f |%n", peer.label,
                    med(mine, Load::publishRate), med(mine, Load::e2e),
                    ratios.isEmpty() ? "" : String.format(Locale.ROOT, "%.2f", median(ratios)),
                    ratios.isEmpty() ? "" : String.format(Locale.ROOT, "%.2f-%.2f", min(ratios), max(ratios)),
                    med(mine, Load::p50Ms), med(mine, Load::p99Ms), mine.stream().mapToInt(Load::duplicates).sum(),
                    med(mine, Load::cpuMicrosPerEvent));
        }
    }

    private static void printIdle(List<Idle> rows) {
        if (rows.isEmpty()) {
            return;
        }
        System.out.printf("%n### Idle latency, one event at a time (publish to first receipt)%n%n");
        System.out.println("| variant | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|");
        for (Idle r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", r.peer().label, r.p50Ms(), r.p99Ms(),
                    r.maxMs());
        }
    }

    private static void printDrain(List<Drain> rows) {
        if (rows.isEmpty()) {
            return;
        }
        double raw = rows.stream().filter(r -> r.peer() == Peer.RAW).mapToDouble(Drain::rate)
                .findFirst().orElse(Double.NaN);
        System.out.printf("%n### Drain: pending events stored with the sender stopped, then started"
                + " (raw OkHttp: the same count sent at once)%n%n");
        System.out.println("| variant | pending | received | seconds | events/s | x raw | duplicates | note |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (Drain r : rows) {
            if (r.note() != null && r.received() == 0) {
                System.out.printf(Locale.ROOT, "| %s | %d | | | | | | %s |%n", r.peer().label, r.pending(), r.note());
                continue;
            }
            String note = r.received() < r.pending() ? "TIMED OUT: a lower bound" : r.note() == null ? "" : r.note();
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.2f | %d | %s |%n", r.peer().label,
                    r.pending(), r.received(), r.seconds(), r.rate(), r.rate() / raw, r.duplicates(), note);
        }
    }

    private static void printCounters(List<Load> rows) {
        List<Load> counted = rows.stream().filter(r -> r.counters() != null).toList();
        if (counted.isEmpty()) {
            return;
        }
        System.out.printf("%n### PostgreSQL work per event in the load rounds (pg_stat_database deltas / N, medians)%n%n");
        System.out.println("| variant | xact_commit | tup_inserted | tup_updated | tup_deleted |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Peer peer : peers(counted, Load::peer)) {
            List<Load> mine = counted.stream().filter(r -> r.peer() == peer).toList();
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", peer.label,
                    med(mine, r -> (double) r.counters().commits() / r.n()),
                    med(mine, r -> (double) r.counters().inserted() / r.n()),
                    med(mine, r -> (double) r.counters().updated() / r.n()),
                    med(mine, r -> (double) r.counters().deleted() / r.n()));
        }
    }

    private static <T> List<Peer> peers(List<T> rows, java.util.function.Function<T, Peer> peer) {
        return rows.stream().map(peer).distinct().sorted().toList();
    }

    private static <T> double med(List<T> rows, ToDoubleFunction<T> f) {
        return median(rows.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }
}
