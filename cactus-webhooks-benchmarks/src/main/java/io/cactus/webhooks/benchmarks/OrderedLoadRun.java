package io.cactus.webhooks.benchmarks;

import static io.cactus.webhooks.benchmarks.Stats.median;
import static io.cactus.webhooks.benchmarks.Stats.ms;
import static io.cactus.webhooks.benchmarks.Stats.pct;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.http.NetworkPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ordered delivery per key under load (issue 14), side by side in one JVM, rounds alternating the
 * order of the variants:
 *
 * <ol>
 *   <li><b>throughput</b>: the same keyed events ({@code keys} ordering keys, round robin) to an
 *       unordered endpoint and to a {@code PER_KEY_BLOCK} endpoint, both with the in-flight cap
 *       {@code concurrency}; the receiver checks the arrival order per key;
 *   <li><b>failing key</b>: the ordered endpoint again, once healthy and once with one key whose
 *       receiver answers 500 for {@code fail-seconds} from the start of the run; the other keys'
 *       latency is compared.
 * </ol>
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.OrderedLoadRun \
 *     [--n 10000] [--keys 1000] [--concurrency 64] [--window 128] [--publishers 4] [--rounds 3] \
 *     [--stores h2,pg] [--parts throughput,failing] [--fail-seconds 30]
 * </pre>
 *
 * <p>Key {@code k} is published by publisher {@code k mod publishers} only, one event after the
 * other, so its publish order (the order of commit) is its place. At most {@code window} events of
 * the healthy keys are published and not yet received; the failing key's do not count against the
 * window (they would otherwise hold its permits for 30 s). Latency is from just before the publish
 * call to the receiver's first 200 for that webhook-id. The failing key retries every second (a
 * schedule of 1 s, without jitter) and the endpoint's circuit breaker is set out of reach, so that
 * the run measures ordering and not the pause of the endpoint.
 */
public final class OrderedLoadRun {

    static final String UNORDERED = "unordered";
    static final String ORDERED = "ordered (per-key-block)";
    static final String HEALTHY = "ordered, every key healthy";
    static final String FAILING = "ordered, one key failing";

    record Result(String part, String store, String variant, int n, double seconds, long[] othersLatency,
            int violations, int overlaps, int duplicates, int failures, double failingKeyMaxMs) {

        double throughput() {
            return n / seconds;
        }
    }

    private final RunOptions opts;
    private final int n;
    private final int keys;
    private final int concurrency;
    private final int window;
    private final int publishers;
    private final int rounds;
    private final Duration failFor;
    private final Map<String, Object> padding;

    private OrderedLoadRun(RunOptions opts) {
        this.opts = opts;
        this.n = opts.intOpt("n", 10_000);
        this.keys = opts.intOpt("keys", 1_000);
        this.concurrency = opts.intOpt("concurrency", 64);
        this.window = opts.intOpt("window", concurrency * 2);
        this.publishers = opts.intOpt("publishers", 4);
        this.rounds = opts.intOpt("rounds", 3);
        this.failFor = Duration.ofSeconds(opts.intOpt("fail-seconds", 30));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", "Cactus Load Test Client");
        client.put("notes", "x".repeat(opts.intOpt("padding", LoadEvents.DEFAULT_PADDING)));
        this.padding = client;
    }

    public static void main(String[] args) throws Exception {
        new OrderedLoadRun(RunOptions.parse(args)).run();
    }

    private void run() throws Exception {
        List<StoreSetup.Kind> stores = new ArrayList<>();
        for (String s : opts.listOpt("stores", "h2,pg")) {
            stores.add(StoreSetup.Kind.parse(s));
        }
        List<String> parts = opts.listOpt("parts", "throughput,failing");
        System.out.printf(Locale.ROOT, "N=%d keys=%d concurrency=%d (the endpoint's in-flight cap) window=%d publishers=%d"
                + " rounds=%d fail=%s, JVM %s, %d CPUs, max heap %d MB, load average %s%n", n, keys, concurrency, window,
                publishers, rounds, failFor, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        List<Result> results = new ArrayList<>();
        String control;
        Map<String, String> settings = new LinkedHashMap<>();
        try (KeyOrderReceiver receiver = new KeyOrderReceiver(opts.intOpt("receiver-threads", 16))) {
            // round 0 warms the JIT on the first store; not reported
            variant(receiver, "warm-up", stores.get(0), EndpointOrdering.UNORDERED, false, settings);
            variant(receiver, "warm-up", stores.get(0), EndpointOrdering.PER_KEY_BLOCK, false, settings);
            control = control(receiver, stores.get(0));
            for (int round = 1; round <= rounds; round++) {
                boolean flip = round % 2 == 0;
                for (StoreSetup.Kind kind : stores) {
                    if (parts.contains("throughput")) {
                        EndpointOrdering first = flip ? EndpointOrdering.PER_KEY_BLOCK : EndpointOrdering.UNORDERED;
                        EndpointOrdering second = flip ? EndpointOrdering.UNORDERED : EndpointOrdering.PER_KEY_BLOCK;
                        results.add(variant(receiver, "throughput", kind, first, false, settings));
                        results.add(variant(receiver, "throughput", kind, second, false, settings));
                    }
                    if (parts.contains("failing")) {
                        results.add(variant(receiver, "failing", kind, EndpointOrdering.PER_KEY_BLOCK, flip, settings));
                        results.add(variant(receiver, "failing", kind, EndpointOrdering.PER_KEY_BLOCK, !flip, settings));
                    }
                }
            }
        }
        report(results, settings);
        System.out.printf(Locale.ROOT, "%n### The order check's positive control%n%n%s%n", control);
        System.exit(0); // embedded PostgreSQL and OkHttp leave non-daemon threads behind
    }

    private Webhooks webhooks(StoreSetup setup, String url, EndpointOrdering ordering) {
        return Webhooks.builder()
                .store(setup.store)
                .endpoint(Endpoint.builder("load", url).secret(CactusWebhooks.SECRET).maxInFlight(concurrency)
                        .ordering(ordering).build())
                .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .retryPolicy(RetryPolicy.builder().schedule(java.util.Collections.nCopies(200, Duration.ofSeconds(1)))
                        .jitter(0).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(1_000_000).build())
                .concurrency(concurrency)
                .batchSize(opts.intOpt("batch-size", 100))
                .build()
                .start();
    }

    /** One variant on a fresh store: a warm-up of n/4 events, then the measured n. */
    private Result variant(KeyOrderReceiver receiver, String part, StoreSetup.Kind kind, EndpointOrdering ordering,
            boolean failing, Map<String, String> settings) throws Exception {
        String variant = part.equals("failing") ? (failing ? FAILING : HEALTHY)
                : ordering == EndpointOrdering.UNORDERED ? UNORDERED : ORDERED;
        try (StoreSetup setup = StoreSetup.open(kind); Webhooks webhooks = webhooks(setup, receiver.url(), ordering)) {
            settings.put(kind.label, setup.settings);
            load(receiver, webhooks, Math.max(1_000, n / 4), false, "warm-up");
            awaitIdle(webhooks);
            double load = loadAverage1();
            if (opts.opt("analyze", "false").equals("true")) {
                analyze(setup);
            }
            String before = indexUse(setup);
            Result r = load(receiver, webhooks, n, failing, part);
            awaitIdle(webhooks);
            if (opts.opt("index-stats", "false").equals("true") && !part.equals("warm-up")) {
                System.out.println("  index use (idx_scan, idx_tup_read) before the run: " + before);
                System.out.println("  index use after the run: " + indexUse(setup));
            }
            r = new Result(part, kind.label, variant, r.n(), r.seconds(), r.othersLatency(), r.violations(), r.overlaps(),
                    r.duplicates(), r.failures(), r.failingKeyMaxMs());
            if (!part.equals("warm-up")) {
                System.out.printf(Locale.ROOT, "%-10s %-45s %-28s %7.0f /s  others p50 %7.2f ms p99 %7.2f ms max %8.2f ms;"
                        + " violations %d, overlaps %d, duplicates %d, 500s %d, failing key max %.0f ms; load %.2f%n",
                        part, kind.label, variant, r.throughput(), ms(pct(r.othersLatency(), 50)),
                        ms(pct(r.othersLatency(), 99)), ms(pct(r.othersLatency(), 100)), r.violations(), r.overlaps(),
                        r.duplicates(), r.failures(), r.failingKeyMaxMs(), load);
            }
            return r;
        }
    }

    /**
     * The same check on an unordered endpoint with {@code control-keys} keys, where a key's events
     * are a few apart and so overtake each other: violations must be seen there, or the check of
     * the ordered runs proves nothing.
     */
    private String control(KeyOrderReceiver receiver, StoreSetup.Kind kind) throws Exception {
        int controlKeys = opts.intOpt("control-keys", 4);
        try (StoreSetup setup = StoreSetup.open(kind);
                Webhooks webhooks = webhooks(setup, receiver.url(), EndpointOrdering.UNORDERED)) {
            Result r = load(receiver, webhooks, 2_000, controlKeys, false, "control");
            awaitIdle(webhooks);
            try (StoreSetup setup2 = StoreSetup.open(kind);
                    Webhooks ordered = webhooks(setup2, receiver.url(), EndpointOrdering.PER_KEY_BLOCK)) {
                Result o = load(receiver, ordered, 2_000, controlKeys, false, "control");
                awaitIdle(ordered);
                String line = String.format(Locale.ROOT, "- %s, 2,000 events over %d keys: unordered endpoint %d violations,"
                        + " %d overlaps (%.0f /s); ordered endpoint %d violations, %d overlaps (%.0f /s)", kind.label,
                        controlKeys, r.violations(), r.overlaps(), r.throughput(), o.violations(), o.overlaps(),
                        o.throughput());
                System.out.println("control: " + line);
                return line;
            }
        }
    }

    /**
     * {@code --analyze true}: PostgreSQL's {@code ANALYZE} of the deliveries table after the warm-up,
     * as autovacuum would have done on a table in use for a minute (its naptime); a fresh table
     * has no statistics and the planner guesses.
     */
    private static void analyze(StoreSetup setup) throws java.sql.SQLException {
        javax.sql.DataSource ds = setup.dataSource();
        if (ds != null && (setup.kind == StoreSetup.Kind.PG || setup.kind == StoreSetup.Kind.PG_DURABLE)) {
            try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE cactus_webhook_deliveries");
            }
        }
    }

    /** PostgreSQL only: scans and index entries read so far per index of the deliveries table. */
    private static String indexUse(StoreSetup setup) {
        javax.sql.DataSource ds = setup.dataSource();
        if (ds == null || setup.kind == StoreSetup.Kind.H2 || setup.kind == StoreSetup.Kind.H2_DURABLE) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT indexrelname, idx_scan, idx_tup_read FROM"
                        + " pg_stat_user_indexes WHERE relname = 'cactus_webhook_deliveries' ORDER BY indexrelname")) {
            while (rs.next()) {
                sb.append(rs.getString(1).replace("cactus_webhook_deliveries_", "")).append('=').append(rs.getLong(2))
                        .append('/').append(rs.getLong(3)).append(' ');
            }
            try (java.sql.ResultSet a = s.executeQuery("SELECT last_autoanalyze, n_live_tup FROM pg_stat_user_tables"
                    + " WHERE relname = 'cactus_webhook_deliveries'")) {
                if (a.next()) {
                    sb.append("last_autoanalyze=").append(a.getString(1)).append(" n_live_tup=").append(a.getLong(2));
                }
            }
        } catch (java.sql.SQLException e) {
            return "? " + e.getMessage();
        }
        return sb.toString();
    }

    private static void awaitIdle(Webhooks webhooks) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1))
                .until(() -> webhooks.inFlight() == 0);
    }

    /**
     * Publishes {@code count} events, event i with key {@code i mod keys} and place
     * {@code i / keys + 1}, and waits for every first receipt. With {@code failing}, key 0 is
     * answered 500 from the start for {@link #failFor}.
     *
     * <p>Throughput is over the healthy keys' events: their count over the time from the first
     * publish to their last receipt.
     */
    private Result load(KeyOrderReceiver receiver, Webhooks webhooks, int count, boolean failing, String name)
            throws Exception {
        return load(receiver, webhooks, count, keys, failing, name);
    }

    private Result load(KeyOrderReceiver receiver, Webhooks webhooks, int count, int keys, boolean failing, String name)
            throws Exception {
        int failingKey = failing ? 0 : -1;
        Semaphore permits = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(count);
        receiver.reset(keys, key -> {
            if (key != failingKey) {
                permits.release();
            }
            done.countDown();
        });
        String[] ids = new String[count];
        long[] sentAt = new long[count];
        EventType type = EventType.of("client.updated");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        if (failing) {
            receiver.failKey(failingKey, start + failFor.toNanos());
        }
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < publishers; t++) {
            int self = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        int key = i % keys;
                        if (key % publishers != self) {
                            continue;
                        }
                        int place = i / keys + 1;
                        Map<String, Object> data = new LinkedHashMap<>(padding);
                        data.put("key", key);
                        data.put("place", place);
                        WebhookEvent e = WebhookEvent.builder(type, Map.of("client", data)).orderingKey("client-" + key)
                                .build();
                        ids[i] = e.id();
                        receiver.expect(e.id(), key, place);
                        if (key != failingKey) {
                            permits.acquire();
                        }
                        sentAt[i] = System.nanoTime();
                        webhooks.publisher().publish(e);
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
            throw new IllegalStateException(name + ": a publisher failed", failure.get());
        }
        long timeout = failFor.toMillis() + Duration.ofMinutes(5).toMillis();
        if (!done.await(timeout, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + ": only " + receiver.received() + " of " + count
                    + " received within " + timeout + " ms");
        }
        int others = 0;
        long[] latency = new long[count];
        long lastOther = start;
        long failingMax = 0;
        for (int i = 0; i < count; i++) {
            long at = receiver.receivedAt(ids[i]);
            long l = at - sentAt[i];
            if (i % keys == failingKey) {
                failingMax = Math.max(failingMax, l);
            } else {
                latency[others++] = l;
                lastOther = Math.max(lastOther, at);
            }
        }
        long firstSend = Arrays.stream(sentAt).min().orElseThrow();
        if (receiver.unknown() > 0) {
            throw new IllegalStateException(name + ": " + receiver.unknown() + " requests with unknown ids");
        }
        return new Result(name, "", "", others, (lastOther - firstSend) / 1e9, Arrays.copyOf(latency, others),
                receiver.violations(), receiver.overlaps(), receiver.duplicates(), receiver.failures(), ms(failingMax));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static double loadAverage1() {
        String s = loadAverage();
        try {
            return Double.parseDouble(s.split(" ")[0]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---- report ----------------------------------------------------------------------------------

    private void report(List<Result> results, Map<String, String> settings) {
        System.out.println();
        System.out.printf(Locale.ROOT, "### Throughput, ordered against unordered (N=%d, %d keys, in-flight cap %d,"
                + " window %d, %d publishers, %d rounds)%n%n", n, keys, concurrency, window, publishers, rounds);
        System.out.println("| store | round | unordered events/s | ordered events/s | ordered / unordered | ordered p99 ms"
                + " | ordered violations | unordered violations |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (String store : stores(results)) {
            List<Result> u = pick(results, "throughput", store, UNORDERED);
            List<Result> o = pick(results, "throughput", store, ORDERED);
            for (int i = 0; i < Math.min(u.size(), o.size()); i++) {
                double ratio = o.get(i).throughput() / u.get(i).throughput();
                ratios.computeIfAbsent(store, k -> new ArrayList<>()).add(ratio);
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %.2f | %d | %d |%n", store, i + 1,
                        u.get(i).throughput(), o.get(i).throughput(), ratio, ms(pct(o.get(i).othersLatency(), 99)),
                        o.get(i).violations(), u.get(i).violations());
            }
        }
        System.out.println();
        ratios.forEach((store, rs) -> System.out.printf(Locale.ROOT, "- %s: ordered / unordered median %.2f (%s)%n", store,
                median(rs), rs.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList()));

        System.out.printf(Locale.ROOT, "%n### One key failing for %d s: the other keys' latency%n%n", failFor.toSeconds());
        System.out.println("| store | round | healthy p50 ms | healthy p99 ms | failing: others p50 ms | others p99 ms"
                + " | p99 failing / healthy | failing key: 500s, its last event after ms | violations |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<Double>> p99Ratios = new LinkedHashMap<>();
        for (String store : stores(results)) {
            List<Result> h = pick(results, "failing", store, HEALTHY);
            List<Result> f = pick(results, "failing", store, FAILING);
            for (int i = 0; i < Math.min(h.size(), f.size()); i++) {
                double ratio = ms(pct(f.get(i).othersLatency(), 99)) / ms(pct(h.get(i).othersLatency(), 99));
                p99Ratios.computeIfAbsent(store, k -> new ArrayList<>()).add(ratio);
                System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %d, %.0f | %d + %d |%n", store,
                        i + 1, ms(pct(h.get(i).othersLatency(), 50)), ms(pct(h.get(i).othersLatency(), 99)),
                        ms(pct(f.get(i).othersLatency(), 50)), ms(pct(f.get(i).othersLatency(), 99)), ratio,
                        f.get(i).failures(), f.get(i).failingKeyMaxMs(), h.get(i).violations(), f.get(i).violations());
            }
        }
        System.out.println();
        p99Ratios.forEach((store, rs) -> System.out.printf(Locale.ROOT, "- %s: others' p99 failing / healthy median %.2f (%s)%n",
                store, median(rs), rs.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList()));
        System.out.printf("%n### Store settings%n%n");
        settings.forEach((k, v) -> System.out.println("- " + k + ": " + v));
        System.out.println("- load average at the end: " + loadAverage());
    }

    private static List<String> stores(List<Result> results) {
        return results.stream().map(Result::store).distinct().toList();
    }

    private static List<Result> pick(List<Result> results, String part, String store, String variant) {
        return results.stream().filter(r -> r.part().equals(part) && r.store().equals(store) && r.variant().equals(variant))
                .toList();
    }
}
