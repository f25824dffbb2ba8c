package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.EventEncoder;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

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

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final MediaType JSON = MediaType.get("application/json");
    static final String BASELINE = "raw OkHttp (baseline)";

    @FunctionalInterface
    interface Sender {
        /** Hands the events over; returns when the call that would return to an application returns. */
        void send(List<WebhookEvent> events) throws Exception;
    }

    record LoadResult(String name, int n, double seconds, long[] latencyNanos, long[] callNanos, int duplicates,
            double cpuMicrosPerEvent) {
        double throughput() {
            return n / seconds;
        }
    }

    record IdleResult(String name, long[] latencyNanos, long[] callNanos) {
    }

    private final Map<String, String> opts;
    private final int n;
    private final int concurrency;
    private final int window;
    private final int publishers;
    private final int publishBatch;
    private final int idleCount;
    private final int rounds;
    private final Map<String, Object> data;

    private DispatchLoadRun(Map<String, String> opts) {
        this.opts = opts;
        this.n = intOpt("n", 20_000);
        this.concurrency = intOpt("concurrency", 64);
        this.window = intOpt("window", concurrency * 2);
        this.publishers = intOpt("publishers", 4);
        this.publishBatch = intOpt("publish-batch", 1);
        this.idleCount = intOpt("idle", 200);
        this.rounds = intOpt("rounds", 3);
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("id", "cli_01HZX3K8Q9");
        client.put("name", "Cactus Load Test Client");
        client.put("email", "load@example.com");
        client.put("notes", "x".repeat(intOpt("padding", 880)));
        this.data = Map.of("client", client);
    }

    private int intOpt(String name, int dflt) {
        String v = opts.get(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("arguments are --name value pairs; got " + Arrays.toString(args));
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        new DispatchLoadRun(opts).run();
    }

    private void run() throws Exception {
        List<StoreSetup.Kind> stores = kinds(opts.getOrDefault("stores", "memory,h2,h2-durable,pg,pg-durable"));
        List<StoreSetup.Kind> idleStores = kinds(opts.getOrDefault("idle-stores", "memory,h2-durable,pg-durable"));
        int bodyBytes = EventEncoder.defaults().encode(WebhookEvent.of("client.created", data)).bodyLength();
        System.out.printf(Locale.ROOT, "N=%d concurrency=%d window=%d publishers=%d publish-batch=%d body=%d bytes "
                + "idle=%d, JVM %s, %d CPUs, max heap %d MB%n", n, concurrency, window, publishers, publishBatch,
                bodyBytes, idleCount, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);

        List<LoadResult> loads = new ArrayList<>();
        List<IdleResult> idles = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver(intOpt("receiver-threads", 8), 0)) {
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
        OkHttpClient client = baselineClient();
        EventEncoder encoder = EventEncoder.defaults();
        AtomicInteger failures = new AtomicInteger();
        Sender sender = events -> {
            for (WebhookEvent e : events) {
                Request request = new Request.Builder().url(receiver.url())
                        .header("webhook-id", e.id())
                        .post(RequestBody.create(encoder.encode(e).unsafeBody(), JSON))
                        .build();
                client.newCall(request).enqueue(new Callback() {
                    @Override
                    public void onResponse(Call call, Response response) {
                        response.close();
                    }

                    @Override
                    public void onFailure(Call call, IOException ex) {
                        failures.incrementAndGet();
                    }
                });
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
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private OkHttpClient baselineClient() {
        okhttp3.Dispatcher d = new okhttp3.Dispatcher();
        d.setMaxRequests(concurrency);
        d.setMaxRequestsPerHost(concurrency);
        return new OkHttpClient.Builder().dispatcher(d)
                .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .build();
    }

    private Webhooks webhooks(StoreSetup setup, String url, int maxInFlight) {
        return Webhooks.builder()
                .store(setup.store)
                .endpoint(Endpoint.builder("load", url).secret(SECRET).maxInFlight(maxInFlight).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .concurrency(concurrency)
                .batchSize(intOpt("batch-size", 100))
                .build()
                .start();
    }

    private LoadResult dispatcher(LoopbackReceiver receiver, StoreSetup.Kind kind, Map<String, String> settings,
            String prefix) throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind); Webhooks webhooks = webhooks(setup, receiver.url(), concurrency)) {
            settings.put(kind.label, setup.settings);
            Sender sender = events -> {
                if (events.size() == 1) {
                    webhooks.publish(events.get(0));
                } else {
                    webhooks.publishAll(events);
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
        return intOpt("warmup", Math.max(5_000, n / 2));
    }

    private static void awaitIdle(Webhooks webhooks) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> webhooks.inFlight() == 0);
    }

    /** Sends {@code count} events from the publisher threads under the window; {@code name == null}: warm-up. */
    private LoadResult load(LoopbackReceiver receiver, Sender sender, int count, String name) throws Exception {
        Semaphore permits = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(count);
        receiver.reset(id -> {
            permits.release();
            done.countDown();
        });
        String[] ids = new String[count];
        long[] sentAt = new long[count];
        long[] callNanos = new long[count];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int batch = Math.min(publishBatch, window);
        List<Thread> threads = new ArrayList<>();
        CpuUse cpuBefore = CpuUse.now();
        for (int t = 0; t < publishers; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    // Publisher t takes chunks t, t + publishers, t + 2 * publishers, ...
                    for (int start = first * batch; start < count; start += publishers * batch) {
                        int end = Math.min(start + batch, count);
                        List<WebhookEvent> events = new ArrayList<>(end - start);
                        for (int i = start; i < end; i++) {
                            WebhookEvent e = WebhookEvent.of("client.created", data);
                            ids[i] = e.id();
                            events.add(e);
                        }
                        permits.acquire(end - start);
                        long t0 = System.nanoTime();
                        for (int i = start; i < end; i++) {
                            sentAt[i] = t0;
                        }
                        sender.send(events);
                        long t1 = System.nanoTime();
                        for (int i = start; i < end; i++) {
                            callNanos[i] = t1 - t0;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "publisher-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a publisher failed", failure.get());
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + receiver.received() + " of " + count + " received in 10 min");
        }
        CpuUse cpu = CpuUse.now().minus(cpuBefore);
        long firstSend = Arrays.stream(sentAt).min().orElseThrow();
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            latency[i] = receiver.receivedAt(ids[i]) - sentAt[i];
        }
        double seconds = (receiver.lastReceipt() - firstSend) / 1e9;
        LoadResult r = new LoadResult(name, count, seconds, latency, callNanos, receiver.duplicates(),
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
        OkHttpClient client = baselineClient();
        EventEncoder encoder = EventEncoder.defaults();
        try {
            return idleLoop(receiver, "raw OkHttp (baseline)", e -> client.newCall(new Request.Builder()
                    .url(receiver.url()).header("webhook-id", e.get(0).id())
                    .post(RequestBody.create(encoder.encode(e.get(0)).unsafeBody(), JSON)).build())
                    .enqueue(new Callback() {
                        @Override
                        public void onResponse(Call call, Response response) {
                            response.close();
                        }

                        @Override
                        public void onFailure(Call call, IOException ex) {
                        }
                    }), () -> { });
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }

    private IdleResult idle(LoopbackReceiver receiver, StoreSetup.Kind kind, Map<String, String> settings)
            throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind);
                Webhooks webhooks = webhooks(setup, receiver.url(), 8)) {
            settings.put(kind.label, setup.settings);
            return idleLoop(receiver, "dispatcher, " + kind.label, e -> webhooks.publish(e.get(0)), () -> awaitIdle(webhooks));
        }
    }

    /** One event at a time: send, wait for receipt, wait for the sender to be idle, pause. */
    private IdleResult idleLoop(LoopbackReceiver receiver, String name, Sender sender, Runnable settle)
            throws Exception {
        int warm = Math.max(20, idleCount / 10);
        long[] latency = new long[idleCount];
        long[] call = new long[idleCount];
        AtomicReference<CompletableFuture<Long>> waiting = new AtomicReference<>();
        AtomicReference<String> expected = new AtomicReference<>();
        receiver.reset(id -> {
            if (id.equals(expected.get())) {
                waiting.get().complete(System.nanoTime());
            }
        });
        for (int i = -warm; i < idleCount; i++) {
            WebhookEvent e = WebhookEvent.of("client.created", data);
            CompletableFuture<Long> f = new CompletableFuture<>();
            waiting.set(f);
            expected.set(e.id());
            long t0 = System.nanoTime();
            sender.send(List.of(e));
            long t1 = System.nanoTime();
            f.get(30, TimeUnit.SECONDS);
            long received = receiver.receivedAt(e.id());
            settle.run();
            if (i >= 0) {
                latency[i] = received - t0;
                call[i] = t1 - t0;
            }
            Thread.sleep(intOpt("idle-pause-ms", 20)); // pacing the load generator, not waiting for anything
        }
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
