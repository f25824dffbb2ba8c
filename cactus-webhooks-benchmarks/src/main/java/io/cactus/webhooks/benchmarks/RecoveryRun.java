package io.cactus.webhooks.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recovery without a storm (issue 14): an endpoint ("crm") fails, is paused, and 50,000 deliveries
 * pile up behind it; then it answers again while fresh events keep arriving for it and for a second
 * endpoint ("other"), 100 per second each. Measured: the fresh events' latency (publish to first
 * receipt) on both endpoints while the backlog drains, against a run without the backlog, and the
 * concurrency at the recovering receiver over time (the ramp). H2 file store, one dispatcher.
 *
 * <pre>java -cp benchmarks.jar io.cactus.webhooks.benchmarks.RecoveryRun --backlog 50000 --rounds 3
 *     [--receiver-ms 5] [--cap 16] [--rate 100] [--policy default|none]</pre>
 */
public final class RecoveryRun {

    /** A receiver that answers 200 (or 500 while failing) after a fixed time, and counts what it holds. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        volatile boolean failing;
        final long delayMs;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInWindow = new AtomicInteger();
        final Map<String, Long> firstReceipt = new ConcurrentHashMap<>();
        /** Requests held at each of the first 120 arrivals answered 200 (the ramp, arrival by arrival). */
        final List<Integer> atArrival = java.util.Collections.synchronizedList(new ArrayList<>());

        Receiver(long delayMs) throws IOException {
            this.delayMs = delayMs;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setExecutor(Executors.newFixedThreadPool(64, r -> {
                Thread t = new Thread(r, "receiver");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/hook", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        private void handle(HttpExchange exchange) throws IOException {
            int now = inFlight.incrementAndGet();
            maxInWindow.accumulateAndGet(now, Math::max);
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                if (failing) {
                    inFlight.decrementAndGet();
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                if (id != null) {
                    firstReceipt.putIfAbsent(id, System.nanoTime());
                }
                if (atArrival.size() < 120) {
                    atArrival.add(now);
                }
                if (delayMs > 0) {
                    try {
                        Thread.sleep(delayMs); // the simulated receiver's work, as a real one holds its request
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                inFlight.decrementAndGet(); // before answering: the client may send the next at once
                exchange.sendResponseHeaders(200, -1);
            }
        }

        /** The most requests held at once since the last call. */
        int takeMax() {
            return maxInWindow.getAndSet(inFlight.get());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    record Result(boolean backlog, double crmP50, double crmP99, double otherP50, double otherP99, int crmMax,
            List<Integer> crmConcurrency, double drainSeconds, int fresh, List<Integer> atArrival) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int backlog = Integer.parseInt(o.getOrDefault("backlog", "50000"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        long receiverMs = Long.parseLong(o.getOrDefault("receiver-ms", "5"));
        int cap = Integer.parseInt(o.getOrDefault("cap", "16"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "100"));
        RecoveryPolicy policy = "none".equals(o.get("policy")) ? RecoveryPolicy.NONE : RecoveryPolicy.DEFAULT;
        StoreSetup.Kind kind = StoreSetup.Kind.parse(o.getOrDefault("store", "pg"));
        System.out.printf("RecoveryRun store=%s backlog=%d rounds=%d receiver-ms=%d cap=%d rate=%d/s per endpoint"
                + " policy=%s%n", kind.label, backlog, rounds, receiverMs, cap, rate, policy);
        System.out.println("load average at start: " + loadAverage());
        List<Result> with = new ArrayList<>();
        List<Result> without = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Result base = run(kind, false, backlog, receiverMs, cap, rate, policy);
            print(r, base);
            without.add(base);
            Result rec = run(kind, true, backlog, receiverMs, cap, rate, policy);
            print(r, rec);
            with.add(rec);
        }
        System.out.println();
        System.out.printf("MEDIANS over %d rounds%n", rounds);
        System.out.printf("  without backlog: crm fresh p99 %.1f ms, other fresh p99 %.1f ms%n",
                Stats.median(without.stream().map(Result::crmP99).toList()),
                Stats.median(without.stream().map(Result::otherP99).toList()));
        double otherWith = Stats.median(with.stream().map(Result::otherP99).toList());
        double otherWithout = Stats.median(without.stream().map(Result::otherP99).toList());
        System.out.printf("  with backlog:    crm fresh p99 %.1f ms (target <= 2000), other fresh p99 %.1f ms"
                + " (x%.2f of without; target <= 2), drain %.1f s, crm max concurrent %d (cap %d)%n",
                Stats.median(with.stream().map(Result::crmP99).toList()), otherWith, otherWith / otherWithout,
                Stats.median(with.stream().map(Result::drainSeconds).toList()),
                with.stream().mapToInt(Result::crmMax).max().orElse(0), cap);
        System.out.println("load average at end: " + loadAverage());
        System.exit(0);
    }

    private static void print(int round, Result r) {
        System.out.printf("round %d %-15s fresh=%d crm p50 %.1f p99 %.1f ms | other p50 %.1f p99 %.1f ms | crm max %d"
                + " | drain %.1f s%n", round, r.backlog() ? "with backlog" : "without", r.fresh(), r.crmP50(),
                r.crmP99(), r.otherP50(), r.otherP99(), r.crmMax(), r.drainSeconds());
        if (r.backlog()) {
            System.out.println("  crm max concurrent per 100 ms from recovery: " + r.crmConcurrency());
            System.out.println("  crm requests held at each of the first arrivals after recovery: " + r.atArrival());
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static Result run(StoreSetup.Kind kind, boolean withBacklog, int backlog, long receiverMs, int cap, int rate, RecoveryPolicy policy)
            throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        StoreSetup setup = StoreSetup.open(kind);
        try (Receiver crm = new Receiver(receiverMs); Receiver other = new Receiver(receiverMs)) {
            Webhooks w = Webhooks.builder()
                    .store(setup.store)
                    .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                    .endpoint(Endpoint.builder("crm", crm.url()).secret(secret).events("crm.*").maxInFlight(cap).build())
                    .endpoint(Endpoint.builder("other", other.url()).secret(secret).events("other.*").maxInFlight(cap)
                            .build())
                    .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(5).pause(Duration.ofSeconds(2))
                            .maxPause(Duration.ofSeconds(2)).build())
                    .recovery(policy)
                    .concurrency(64)
                    .build().start();
            try {
                if (withBacklog) {
                    crm.failing = true;
                    for (int i = 0; i < 10; i++) {
                        w.publisher().publish(WebhookEvent.of("crm.backlog", Map.of("n", i)));
                    }
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (w.reader().health("crm").state() != EndpointHealth.State.PAUSED && System.nanoTime() < until) {
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                    for (int i = 0; i < backlog; i += 500) {
                        List<WebhookEvent> batch = new ArrayList<>(500);
                        for (int j = i; j < Math.min(backlog, i + 500); j++) {
                            batch.add(WebhookEvent.of("crm.backlog", Map.of("n", j, "pad", "x".repeat(200))));
                        }
                        w.publisher().publishAll(batch);
                    }
                    crm.atArrival.clear();
                    crm.failing = false;
                }
                Map<String, Long> crmFresh = new ConcurrentHashMap<>();
                Map<String, Long> otherFresh = new ConcurrentHashMap<>();
                ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
                long periodMicros = 1_000_000L / rate;
                ticks.scheduleAtFixedRate(() -> {
                    long t = System.nanoTime();
                    crmFresh.put(w.publisher().publish(WebhookEvent.of("crm.fresh", Map.of("t", t))).messageId(), t);
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
                ticks.scheduleAtFixedRate(() -> {
                    long t = System.nanoTime();
                    otherFresh.put(w.publisher().publish(WebhookEvent.of("other.fresh", Map.of("t", t))).messageId(), t);
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
                long start = System.nanoTime();
                List<Integer> concurrency = new ArrayList<>();
                crm.takeMax();
                long minRunNanos = TimeUnit.SECONDS.toNanos(withBacklog ? 5 : 10);
                long limit = start + TimeUnit.SECONDS.toNanos(600);
                double drain = 0;
                while (System.nanoTime() < limit) {
                    TimeUnit.MILLISECONDS.sleep(100); // the sampling period of the benchmark's own clock
                    concurrency.add(crm.takeMax());
                    long pending = withBacklog ? w.reader().count(DeliveryQuery.all().withEndpoint("crm")
                            .withStatus(DeliveryStatus.PENDING)) + w.reader().count(DeliveryQuery.all()
                            .withEndpoint("crm").withStatus(DeliveryStatus.RETRYING)) : 0;
                    if (pending < rate && drain == 0 && withBacklog) {
                        drain = (System.nanoTime() - start) / 1e9;
                    }
                    if (System.nanoTime() - start > minRunNanos && (!withBacklog || drain > 0)) {
                        break;
                    }
                }
                ticks.shutdownNow();
                ticks.awaitTermination(5, TimeUnit.SECONDS);
                long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < settle && !(crm.firstReceipt.keySet().containsAll(crmFresh.keySet())
                        && other.firstReceipt.keySet().containsAll(otherFresh.keySet()))) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                long[] crmLat = latencies(crmFresh, crm.firstReceipt);
                long[] otherLat = latencies(otherFresh, other.firstReceipt);
                int max = concurrency.stream().mapToInt(Integer::intValue).max().orElse(0);
                return new Result(withBacklog, Stats.ms(Stats.pct(crmLat, 50)), Stats.ms(Stats.pct(crmLat, 99)),
                        Stats.ms(Stats.pct(otherLat, 50)), Stats.ms(Stats.pct(otherLat, 99)), max,
                        concurrency.subList(0, Math.min(40, concurrency.size())), drain, crmFresh.size(),
                        List.copyOf(crm.atArrival));
            } finally {
                w.close();
            }
        } finally {
            setup.close();
        }
    }

    /** Publish to first receipt of each fresh event; one not received by the end counts as the run's length. */
    private static long[] latencies(Map<String, Long> published, Map<String, Long> received) {
        long end = System.nanoTime();
        long[] out = new long[published.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : published.entrySet()) {
            Long at = received.get(e.getKey());
            out[i++] = (at != null ? at : end) - e.getValue();
        }
        return out.length == 0 ? new long[] {0} : out;
    }
}
