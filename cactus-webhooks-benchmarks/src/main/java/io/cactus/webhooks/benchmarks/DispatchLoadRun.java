package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.median;
import static io.cactus.webhooks.benchmarks.Stats.ms;
import static io.cactus.webhooks.benchmarks.Stats.pct;

import io.cactus.webhooks.json.JacksonPayloadSerializer;
import io.cactus.webhooks.spi.PayloadSerializer;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * The dispatcher under load against a loopback receiver, beside a raw OkHttp baseline, in one JVM
 * and one run so that ratios are measured side by side.
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.DispatchLoadRun \
 *     [--n 20000] [--concurrency 64] [--window 128] [--publishers 4] [--publish-batch 1] \
 *     [--stores memory,h2,h2-durable,pg,pg-durable] [--idle 200] [--idle-stores memory,h2-durable,pg-durable]
 * </pre>
 *
 * <p>Load: {@code publishers} threads publish {@code n} events (after a warm-up of n/5) with at most
 * {@code window} events outstanding (handed over but not yet received) at any time; the baseline
 * runs under the same window with OkHttp limited to {@code concurrency} calls. Latency is from just
 * before the publish (or enqueue) call to the receiver's first receipt of that webhook-id;
 * throughput is n divided by the time from the first publish to the last receipt.
 */
public final class DispatchLoadRun {

    static final String BASELINE = "raw OkHttp (baseline)";

    record LoadResult(String name, int n, double seconds, long[] latencyNanos, long[] callNanos, int duplicates,
            double cpuMicrosPerEvent) {
        double throughput() {
            return n / seconds;
        }
    }

    record IdleResult(String name, long[] latencyNanos, long[] callNanos) {
    }

    private final RunOptions opts;
    private final int n;
    private final int concurrency;
    private final int window;
    private final int publishers;
    private final int publishBatch;
    private final int idleCount;
    private final int rounds;
    private final LoadEvents events;
    private final LoadDriver driver;

    private DispatchLoadRun(RunOptions opts) {
        this.opts = opts;
        this.n = opts.intOpt("n", 20_000);
        this.concurrency = opts.intOpt("concurrency", 64);
        this.window = opts.intOpt("window", concurrency * 2);
        this.publishers = opts.intOpt("publishers", 4);
        this.publishBatch = opts.intOpt("publish-batch", 1);
        this.idleCount = opts.intOpt("idle", 200);
        this.rounds = opts.intOpt("rounds", 3);
        this.events = new LoadEvents(opts.intOpt("padding", LoadEvents.DEFAULT_PADDING));
        this.driver = new LoadDriver(publishers, publishBatch, window, Duration.ofMinutes(10));
    }

    public static void main(String[] args) throws Exception {
        new DispatchLoadRun(RunOptions.parse(args)).run();
    }

    private void run() throws Exception {
        List<StoreSetup.Kind> stores = kinds(opts.opt("stores", "memory,h2,h2-durable,pg,pg-durable"));
        List<StoreSetup.Kind> idleStores = kinds(opts.opt("idle-stores", "memory,h2-durable,pg-durable"));
        int bodyBytes = new JacksonPayloadSerializer().serialize(events.next()).length;
        System.out.printf(Locale.ROOT, "N=%d concurrency=%d window=%d publishers=%d publish-batch=%d body=%d bytes "
                + "idle=%d, JVM %s, %d CPUs, max heap %d MB%n", n, concurrency, window, publishers, publishBatch,
                bodyBytes, idleCount, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        List<LoadResult> loads = new ArrayList<>();
        List<IdleResult> idles = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver(opts.intOpt("receiver-threads", 8), 0)) {
            // Round 0 only warms the JIT (OkHttp, signing, the dispatcher); it is not reported.
            baseline(receiver, "warm-up: raw OkHttp");
            dispatcher(receiver, StoreSetup.Kind.MEMORY, settings, "warm-up: ");
            for (int round = 1; round <= rounds; round++) {
                loads.add(baseline(receiver, BASELINE));
                for (StoreSetup.Kind kind : stores) {
                    loads.add(dispatcher(receiver, kind, settings, ""));
                }
            }
            if (idleCount > 0) {
                idles.add(idleBaseline(receiver));
                for (StoreSetup.Kind kind : idleStores) {
                    idles.add(idle(receiver, kind, settings));
                }
            }
        }
        report(loads, idles, settings);
        System.exit(0); // embedded PostgreSQL and OkHttp leave non-daemon threads behind
    }

    private static List<StoreSetup.Kind> kinds(String list) {
        List<StoreSetup.Kind> kinds = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                kinds.add(StoreSetup.Kind.parse(s));
            }
        }
        return kinds;
    }

    // ---- throughput ---------------------------------------------------------------------------

    private LoadResult baseline(LoopbackReceiver receiver, String name) throws Exception {
        OkHttpClient client = LoopbackClient.create(concurrency);
        PayloadSerializer encoder = new JacksonPayloadSerializer();
        AtomicInteger failures = new AtomicInteger();
        LoadDriver.Sender sender = events -> {
            for (WebhookEvent e : events) {
                LoopbackClient.sendAsync(client, receiver.url(), e.id(), encoder.serialize(e),
                        failures::incrementAndGet, () -> { });
            }
        };
        try {
            load(receiver, sender, warmup(), null);
            LoadResult r = load(receiver, sender, n, name);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " baseline requests failed");
            }
            return r;
        } finally {
            LoopbackClient.close(client);
        }
    }

    private Webhooks webhooks(StoreSetup setup, String url, int maxInFlight) {
        return CactusWebhooks.builder(setup.store, url, concurrency, maxInFlight)
                .batchSize(opts.intOpt("batch-size", 100))
                .build()
                .start();
    }

    private LoadResult dispatcher(LoopbackReceiver receiver, StoreSetup.Kind kind, Map<String, String> settings,
            String prefix) throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind); Webhooks webhooks = webhooks(setup, receiver.url(), concurrency)) {
            settings.put(kind.label, setup.settings);
            LoadDriver.Sender sender = events -> {
                if (events.size() == 1) {
                    webhooks.publisher().publish(events.get(0));
                } else {
                    webhooks.publisher().publishAll(events);
                }
            };
            load(receiver, sender, warmup(), null);
            awaitIdle(webhooks);
            LoadResult r = load(receiver, sender, n, prefix + "dispatcher, " + kind.label);
            awaitIdle(webhooks);
            return r;
        }
    }

    private int warmup() {
        return opts.intOpt("warmup", Math.max(5_000, n / 2));
    }

    private static void awaitIdle(Webhooks webhooks) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> webhooks.inFlight() == 0);
    }

    /** Sends {@code count} events from the publisher threads under the window; {@code name == null}: warm-up. */
    private LoadResult load(LoopbackReceiver receiver, LoadDriver.Sender sender, int count, String name)
            throws Exception {
        CpuUse cpuBefore = CpuUse.now();
        LoadDriver.Run run = driver.run(receiver, sender, events, count, name == null ? "warm-up" : name);
        CpuUse cpu = CpuUse.now().minus(cpuBefore);
        long[] latency = run.latencyNanos();
        long[] callNanos = run.callNanos();
        double seconds = run.seconds();
        LoadResult r = new LoadResult(name, count, seconds, latency, callNanos, run.duplicates(),
                cpu.processNanos() / 1e3 / count);
        if (name != null) {
            System.out.printf(Locale.ROOT, "  CPU %.0f us/event in the JVM + %.0f in child processes, %d client connections;"
                    + " CPU over the run's %.2f s: %s%n", r.cpuMicrosPerEvent(), cpu.childNanos() / 1e3 / count,
                    receiver.connections(), seconds, cpu.byThreadGroup());
            System.out.printf(Locale.ROOT, "%-60s %8.0f /s  p50 %7.2f ms  p99 %7.2f ms  (call p50 %.3f ms, p99 %.3f ms,"
                    + " %d duplicates)%n", name, r.throughput(), ms(pct(latency, 50)), ms(pct(latency, 99)),
                    ms(pct(callNanos, 50)), ms(pct(callNanos, 99)), r.duplicates());
        }
        return r;
    }

    // ---- idle latency ----------------------------------------------------------------------------

    private IdleResult idleBaseline(LoopbackReceiver receiver) throws Exception {
        OkHttpClient client = LoopbackClient.create(concurrency);
        PayloadSerializer encoder = new JacksonPayloadSerializer();
        try {
            return idleLoop(receiver, BASELINE, e -> LoopbackClient.sendAsync(client, receiver.url(), e.get(0).id(),
                    encoder.serialize(e.get(0)), () -> { }, () -> { }), () -> { });
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }

    private IdleResult idle(LoopbackReceiver receiver, StoreSetup.Kind kind, Map<String, String> settings)
            throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind);
                Webhooks webhooks = webhooks(setup, receiver.url(), 8)) {
            settings.put(kind.label, setup.settings);
            return idleLoop(receiver, "dispatcher, " + kind.label, e -> webhooks.publisher().publish(e.get(0)), () -> awaitIdle(webhooks));
        }
    }

    /** One event at a time: send, wait for receipt, wait for the sender to be idle, pause. */
    private IdleResult idleLoop(LoopbackReceiver receiver, String name, LoadDriver.Sender sender, Runnable settle)
            throws Exception {
        LoadDriver.Idle idle = LoadDriver.idle(receiver, sender, events, idleCount, Math.max(20, idleCount / 10),
                settle, Duration.ofMillis(opts.intOpt("idle-pause-ms", 20)));
        long[] latency = idle.latencyNanos();
        long[] call = idle.callNanos();
        System.out.printf(Locale.ROOT, "idle %-55s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms (call p50 %.3f ms, p99 %.3f ms)%n",
                name, ms(pct(latency, 50)), ms(pct(latency, 99)), ms(pct(latency, 100)), ms(pct(call, 50)),
                ms(pct(call, 99)));
        return new IdleResult(name, latency, call);
    }

    // ---- report ----------------------------------------------------------------------------------

    private void report(List<LoadResult> loads, List<IdleResult> idles, Map<String, String> settings) {
        System.out.println();
        System.out.printf(Locale.ROOT, "### Throughput (N=%d per run, %d rounds, concurrency %d, window %d, %d publishers,"
                + " publish-batch %d)%n%n", n, rounds, concurrency, window, publishers, publishBatch);
        System.out.println("Each round runs the baseline, then each store; ratios are to the same round's baseline.");
        System.out.println();
        System.out.println("| round | sender | events/s | x baseline | p50 ms | p99 ms | max ms | publish call p50 ms | p99 ms |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> p50s = new LinkedHashMap<>();
        Map<String, List<Double>> p99s = new LinkedHashMap<>();
        double base = 0;
        int round = 0;
        for (LoadResult r : loads) {
            if (r.name().equals(BASELINE)) {
                base = r.throughput();
                round++;
            }
            double ratio = r.throughput() / base;
            ratios.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(ratio);
            rates.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.throughput());
            p50s.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(ms(pct(r.latencyNanos(), 50)));
            p99s.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(ms(pct(r.latencyNanos(), 99)));
            System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f |%n", round, r.name(),
                    r.throughput(), ratio, ms(pct(r.latencyNanos(), 50)), ms(pct(r.latencyNanos(), 99)),
                    ms(pct(r.latencyNanos(), 100)), ms(pct(r.callNanos(), 50)), ms(pct(r.callNanos(), 99)));
        }
        System.out.printf(Locale.ROOT, "%nMedians over the %d rounds:%n%n", rounds);
        System.out.println("| sender | events/s | x baseline (median of per-round ratios) | min-max ratio | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String name : ratios.keySet()) {
            List<Double> rs = ratios.get(name);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f-%.2f | %.2f | %.2f |%n", name, median(rates.get(name)),
                    median(rs), rs.stream().mapToDouble(d -> d).min().orElse(0), rs.stream().mapToDouble(d -> d).max().orElse(0),
                    median(p50s.get(name)), median(p99s.get(name)));
        }
        if (!idles.isEmpty()) {
            System.out.printf(Locale.ROOT, "%n### Idle single-event latency (%d events, one at a time)%n%n", idleCount);
            System.out.println("| sender | p50 ms | p99 ms | max ms | publish call p50 ms | p99 ms |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (IdleResult r : idles) {
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.3f | %.3f |%n", r.name(),
                        ms(pct(r.latencyNanos(), 50)), ms(pct(r.latencyNanos(), 99)), ms(pct(r.latencyNanos(), 100)),
                        ms(pct(r.callNanos(), 50)), ms(pct(r.callNanos(), 99)));
            }
        }
        System.out.printf("%n### Store settings%n%n");
        settings.forEach((k, v) -> System.out.println("- " + k + ": " + v));
    }
}
