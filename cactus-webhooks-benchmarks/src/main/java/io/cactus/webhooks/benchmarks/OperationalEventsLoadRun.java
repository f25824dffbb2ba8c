package io.cactus.webhooks.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.operational.OperationalEvents;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storm of dead deliveries with operational events off and on, side by side per round: does
 * raising and publishing a {@code delivery.dead} per dead delivery slow the dispatcher?
 *
 * <pre>
 * java -cp cactus-webhooks-benchmarks/target/benchmarks.jar io.cactus.webhooks.benchmarks.OperationalEventsLoadRun \
 *     [--n 5000] [--rounds 5] [--wake-on-dead false]
 * </pre>
 *
 * <p>Each variant publishes {@code n} events to an endpoint that answers 400 (not retried: each
 * delivery is DEAD after one attempt; the health threshold is out of reach, so nothing pauses),
 * on the in-memory store. "dead/s" is {@code n} divided by the time from the first publish to the
 * last dead delivery heard by a listener (the dispatcher's work); with events on, "ops/s" is n
 * divided by the time until the operator endpoint received the n {@code delivery.dead} webhooks.
 */
public final class OperationalEventsLoadRun {

    /** Diagnosis: wake the dispatcher from the listener on every dead delivery, as a publish would. */
    private static boolean wakeOnDead;

    private OperationalEventsLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        int n = opts.intOpt("n", 5000);
        int rounds = opts.intOpt("rounds", 5);
        wakeOnDead = Boolean.parseBoolean(opts.opt("wake-on-dead", "false"));
        AtomicInteger opsReceived = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.createContext("/fail", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(400, -1);
            x.close();
        });
        server.createContext("/ops", x -> {
            x.getRequestBody().readAllBytes();
            opsReceived.incrementAndGet();
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<Double> off = new ArrayList<>();
        List<Double> raised = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        System.out.printf("### Dead-delivery storm, operational events off / raised but not sent / on (n=%d per variant,"
                + " in-memory store, wake-on-dead %s)%n%n", n, wakeOnDead);
        System.out.println("| round | variant | dead/s | x off | ops events received/s |");
        System.out.println("|---:|---|---:|---:|---:|");
        for (Mode m : Mode.values()) {
            run(base, n / 5, m, opsReceived); // warm-up
        }
        for (int r = 1; r <= rounds; r++) {
            List<Mode> order = new ArrayList<>(List.of(Mode.values()));
            java.util.Collections.rotate(order, r); // a different order each round
            Map<Mode, double[]> results = new java.util.EnumMap<>(Mode.class);
            for (Mode m : order) {
                results.put(m, run(base, n, m, opsReceived));
            }
            double offRate = results.get(Mode.OFF)[0];
            off.add(offRate);
            raised.add(results.get(Mode.RAISED)[0] / offRate);
            on.add(results.get(Mode.ON)[0] / offRate);
            for (Mode m : Mode.values()) {
                double[] x = results.get(m);
                System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.2f | %s |%n", r, m.label, x[0], x[0] / offRate,
                        m == Mode.ON ? String.format(Locale.ROOT, "%.0f", x[1]) : "-");
            }
        }
        System.out.printf(Locale.ROOT, "%nMedians: off %.0f dead/s; raised-not-sent/off %.2f %s; on/off %.2f %s%n",
                Stats.median(off), Stats.median(raised), fmt(raised), Stats.median(on), fmt(on));
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private enum Mode {
        OFF("off"), RAISED("raised, not sent (no operator endpoint)"), ON("on");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private static String fmt(List<Double> ratios) {
        return ratios.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList().toString();
    }

    /** @return {dead per second, operator events received per second (0 unless ON)} */
    private static double[] run(String base, int n, Mode mode, AtomicInteger opsReceived) throws Exception {
        boolean operational = mode == Mode.ON;
        CountDownLatch dead = new CountDownLatch(n);
        java.util.concurrent.atomic.AtomicReference<Webhooks> self = new java.util.concurrent.atomic.AtomicReference<>();
        opsReceived.set(0);
        Webhooks.Builder builder = Webhooks.builder()
                .store(new InMemoryDeliveryStore(Clock.systemUTC()))
                .endpoint(Endpoint.builder("load", base + "/fail").secret(CactusWebhooks.SECRET).build())
                .endpoint(Endpoint.builder("ops", base + "/ops").secret(CactusWebhooks.SECRET).events("ops.*").build())
                .networkPolicy(io.cactus.webhooks.http.NetworkPolicy.builder().allow("127.0.0.1/32").build())
                .retryPolicy(RetryPolicy.builder().retryClientErrors(false).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(Integer.MAX_VALUE).build())
                .concurrency(64)
                .listener(new DeliveryListener() {
                    @Override
                    public void onDeliveryDead(AttemptEvent event) {
                        if (event.endpointId().equals("load")) {
                            dead.countDown();
                            Webhooks me = self.get();
                            if (wakeOnDead && me != null) {
                                me.wake();
                            }
                        }
                    }
                });
        if (mode != Mode.OFF) {
            builder.operationalEvents(OperationalEvents.to(operational ? "ops" : "nobody"));
        }
        try (Webhooks w = builder.build().start()) {
            self.set(w);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w.publisher().publish(WebhookEvent.of("load.event", Map.of("n", i)));
            }
            if (!dead.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("deliveries did not all die in 5 minutes");
            }
            double deadRate = n / ((System.nanoTime() - start) / 1e9);
            double opsRate = 0;
            if (operational) {
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (opsReceived.get() < n && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a benchmark's poll, 1 ms
                }
                opsRate = opsReceived.get() / ((System.nanoTime() - start) / 1e9);
            }
            return new double[] {deadRate, opsRate};
        }
    }
}
