package io.cactus.webhooks.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cactus.webhooks.TenantId;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fairness across tenants (issue 15): tenant A holds {@code backlog} due deliveries to a dead
 * endpoint (nothing listens on its port: connections are refused; the endpoint is paused after its
 * failures and probed again, as by default) and {@code a-healthy} healthy endpoints with
 * {@code a-healthy-backlog} deliveries each on a slower receiver; tenant B publishes {@code fresh}
 * events at {@code rate} per second to its one endpoint. Measured: B's publish-to-receipt latency
 * p50/p99, (1) with no other tenant and (2) with tenant A's backlog, side by side in one JVM, each
 * round on a fresh store, (1) first in odd rounds and (2) first in even ones; the result is the median
 * over the rounds of each round's p99 ratio.
 *
 * <pre>java -cp benchmarks.jar io.cactus.webhooks.benchmarks.TenantFairnessRun --store h2 --backlog 50000
 *     --fresh 2000 --rate 100 --rounds 3 [--a-healthy 1] [--a-healthy-backlog 10000] [--a-receiver-ms 20]
 *     [--receiver-ms 1] [--concurrency 64] [--warmup 0] [--settle-ms 0]</pre>
 */
public final class TenantFairnessRun {

    static final TenantId A = TenantId.of("tenant-a");
    static final TenantId B = TenantId.of("tenant-b");

    /** What one run is asked to do. */
    record Options(StoreSetup.Kind store, int backlog, int fresh, int rate, int rounds, int aHealthy,
            int aHealthyBacklog, long aReceiverMs, long receiverMs, int concurrency, int warmup, long settleMs) {

        static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
            return new Options(StoreSetup.Kind.parse(o.getOrDefault("store", "h2")),
                    Integer.parseInt(o.getOrDefault("backlog", "50000")),
                    Integer.parseInt(o.getOrDefault("fresh", "2000")),
                    Integer.parseInt(o.getOrDefault("rate", "100")),
                    Integer.parseInt(o.getOrDefault("rounds", "3")),
                    Integer.parseInt(o.getOrDefault("a-healthy", "1")),
                    Integer.parseInt(o.getOrDefault("a-healthy-backlog", "10000")),
                    Long.parseLong(o.getOrDefault("a-receiver-ms", "20")),
                    Long.parseLong(o.getOrDefault("receiver-ms", "1")),
                    Integer.parseInt(o.getOrDefault("concurrency", "64")),
                    Integer.parseInt(o.getOrDefault("warmup", "0")),
                    Long.parseLong(o.getOrDefault("settle-ms", "0")));
        }
    }

    /** One phase of a round: B's latencies, and what A's backlog did meanwhile. */
    /** One phase; {@code publishP50}/{@code publishP99}: the time inside B's {@code publish} call (ms). */
    record Phase(boolean withA, int fresh, int received, double p50, double p99, double max, long aHealthyAnswered,
            long aPendingAtEnd, long deadAttempts, double publishP50, double publishP99) {
    }

    record Round(Phase without, Phase with) {
        double ratio() {
            return with.p99() / without.p99();
        }
    }

    record Result(List<Round> rounds, double medianRatio, double medianP99Without, double medianP99With) {
    }

    /** A receiver that answers 200 after {@code delayMs} and notes the first receipt of each webhook-id. */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final long delayMs;
        final Map<String, Long> firstReceipt = new ConcurrentHashMap<>();
        final AtomicInteger answered = new AtomicInteger();

        Receiver(long delayMs, int threads) throws IOException {
            this.delayMs = delayMs;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setExecutor(Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "receiver");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/hook", this::handle);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + path;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                if (id != null) {
                    firstReceipt.putIfAbsent(id, System.nanoTime());
                }
                if (delayMs > 0) {
                    try {
                        Thread.sleep(delayMs); // the simulated receiver's work, as a real one holds its request
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answered.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private final Options options;
    private final PrintStream out;

    TenantFairnessRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new TenantFairnessRun(Options.parse(args), System.out).run();
        System.exit(0);
    }

    Result run() throws Exception {
        Options o = options;
        out.printf("TenantFairnessRun store=%s backlog=%d (dead endpoint, connections refused) a-healthy=%d x %d"
                + " (receiver %d ms) fresh=%d at %d/s (receiver %d ms) rounds=%d concurrency=%d warmup=%d%n", o.store().label,
                o.backlog(), o.aHealthy(), o.aHealthyBacklog(), o.aReceiverMs(), o.fresh(), o.rate(), o.receiverMs(),
                o.rounds(), o.concurrency(), o.warmup());
        out.println("load average at start: " + RecoveryRun.loadAverage());
        if (o.warmup() > 0) { // B alone, not counted: the first phase of a JVM would otherwise be the cold one
            Phase warm = phase(false, o.warmup());
            out.printf("warm-up (not counted): B alone fresh=%d p50 %.1f p99 %.1f ms%n", warm.fresh(), warm.p50(), warm.p99());
        }
        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= o.rounds(); r++) {
            // Alone first in odd rounds, beside A first in even ones: the machine's drift over a run
            // then falls on both sides of the ratio.
            Phase without;
            Phase with;
            if (r % 2 == 1) {
                without = phase(false, o.fresh());
                print(r, without);
                with = phase(true, o.fresh());
                print(r, with);
            } else {
                with = phase(true, o.fresh());
                print(r, with);
                without = phase(false, o.fresh());
                print(r, without);
            }
            Round round = new Round(without, with);
            out.printf("round %d p99 ratio with/without: %.2f%n", r, round.ratio());
            rounds.add(round);
        }
        Result result = new Result(rounds, Stats.median(rounds.stream().map(Round::ratio).toList()),
                Stats.median(rounds.stream().map(x -> x.without().p99()).toList()),
                Stats.median(rounds.stream().map(x -> x.with().p99()).toList()));
        out.println();
        out.printf("MEDIANS over %d rounds: tenant B fresh p99 without A %.1f ms, with A's backlog %.1f ms;"
                + " median of the rounds' p99 ratios %.2f (target <= 2)%n", o.rounds(), result.medianP99Without(),
                result.medianP99With(), result.medianRatio());
        out.println("load average at end: " + RecoveryRun.loadAverage());
        return result;
    }

    private void print(int round, Phase p) {
        out.printf("round %d %-14s B fresh=%d received=%d p50 %.1f p99 %.1f max %.1f ms (in publish p50 %.1f p99 %.1f ms)"
                + " | A healthy answered %d, A pending at end %d, dead-endpoint deliveries retrying %d%n", round,
                p.withA() ? "with A backlog" : "B alone", p.fresh(), p.received(), p.p50(), p.p99(), p.max(),
                p.publishP50(), p.publishP99(), p.aHealthyAnswered(), p.aPendingAtEnd(), p.deadAttempts());
    }

    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again: connections to it are refused
        }
    }

    private Phase phase(boolean withA, int fresh) throws Exception {
        Options o = options;
        WebhookSecret secret = WebhookSecret.generate();
        StoreSetup setup = StoreSetup.open(o.store());
        try (Receiver b = new Receiver(o.receiverMs(), 16); Receiver a = new Receiver(o.aReceiverMs(), 128)) {
            Webhooks.Builder builder = Webhooks.builder()
                    .store(setup.store)
                    .networkPolicy(NetworkPolicy.builder().allow("127.0.0.1/32").build())
                    .concurrency(o.concurrency())
                    .endpoint(Endpoint.builder("b", b.url("b")).secret(secret).tenant(B).events("b.*").build());
            if (withA) {
                builder.endpoint(Endpoint.builder("a-dead", "http://127.0.0.1:" + refusedPort() + "/hook")
                        .secret(secret).tenant(A).events("a.dead.*").build());
                for (int i = 0; i < o.aHealthy(); i++) {
                    builder.endpoint(Endpoint.builder("a-" + i, a.url("a-" + i)).secret(secret).tenant(A)
                            .events("a.order.*").build());
                }
            }
            Webhooks w = builder.build().start();
            try {
                if (withA) {
                    publishA(w, "a.dead.backlog", o.backlog());
                    // on each healthy endpoint: every A order event fans out to all of them
                    publishA(w, "a.order.backlog", o.aHealthyBacklog());
                    // Settle: B starts beside a backlog being worked on, not during the burst of writing it.
                    long settleUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(o.settleMs());
                    while (System.nanoTime() < settleUntil || o.aHealthy() > 0 && a.answered.get() == 0) {
                        TimeUnit.MILLISECONDS.sleep(20); // the benchmark's own sampling, not the library's
                    }
                }
                int answeredBefore = a.answered.get();
                Map<String, Long> sent = new ConcurrentHashMap<>();
                ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
                AtomicInteger n = new AtomicInteger();
                java.util.concurrent.ConcurrentLinkedQueue<Long> publishNanos = new java.util.concurrent.ConcurrentLinkedQueue<>();
                long periodMicros = 1_000_000L / o.rate();
                ticks.scheduleAtFixedRate(() -> {
                    if (n.getAndIncrement() >= fresh) {
                        return;
                    }
                    long t = System.nanoTime();
                    sent.put(w.publisher().publish(B, WebhookEvent.of("b.fresh", Map.of("t", t))).messageId(), t);
                    publishNanos.add(System.nanoTime() - t);
                }, 0, periodMicros, TimeUnit.MICROSECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
                while (System.nanoTime() < deadline && !(n.get() >= fresh
                        && b.firstReceipt.keySet().containsAll(sent.keySet()))) {
                    TimeUnit.MILLISECONDS.sleep(50); // the benchmark's own sampling, not the library's
                }
                ticks.shutdownNow();
                ticks.awaitTermination(5, TimeUnit.SECONDS);
                long[] lat = latencies(sent, b.firstReceipt);
                long[] publish = publishNanos.stream().mapToLong(Long::longValue).sorted().toArray();
                if (publish.length == 0) {
                    publish = new long[] {0};
                }
                long pendingA = 0;
                long deadAttempts = 0;
                if (withA) {
                    for (DeliveryStatus s : List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING,
                            DeliveryStatus.IN_FLIGHT)) {
                        pendingA += w.reader().count(DeliveryQuery.all().withTenant(A).withStatus(s));
                    }
                    deadAttempts = w.reader().count(DeliveryQuery.all().withEndpoint("a-dead")
                            .withStatus(DeliveryStatus.RETRYING));
                }
                return new Phase(withA, sent.size(), (int) sent.keySet().stream().filter(b.firstReceipt::containsKey)
                        .count(), Stats.ms(Stats.pct(lat, 50)), Stats.ms(Stats.pct(lat, 99)),
                        Stats.ms(Stats.pct(lat, 100)), a.answered.get() - answeredBefore, pendingA, deadAttempts,
                        Stats.ms(Stats.pct(publish, 50)), Stats.ms(Stats.pct(publish, 99)));
            } finally {
                w.close();
            }
        } finally {
            setup.close();
        }
    }

    private static void publishA(Webhooks w, String type, int count) {
        for (int i = 0; i < count; i += 500) {
            List<WebhookEvent> batch = new ArrayList<>(500);
            for (int j = i; j < Math.min(count, i + 500); j++) {
                batch.add(WebhookEvent.of(type, Map.of("n", j, "pad", "x".repeat(200))).toBuilder().tenant(A).build());
            }
            w.publisher().publishAll(batch);
        }
    }

    /** Publish to first receipt of each fresh event; one not received by the end counts as the run's length. */
    private static long[] latencies(Map<String, Long> published, Map<String, Long> received) {
        long end = System.nanoTime();
        long[] lat = new long[published.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : published.entrySet()) {
            Long at = received.get(e.getKey());
            lat[i++] = (at != null ? at : end) - e.getValue();
        }
        return lat.length == 0 ? new long[] {0} : lat;
    }
}
