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
 *     [--n 5000] [--rounds 5]
 * </pre>
 *
 * <p>Each variant publishes {@code n} events to an endpoint that answers 400 (not retried: each
 * delivery is DEAD after one attempt; the health threshold is out of reach, so nothing pauses),
 * on the in-memory store. "dead/s" is {@code n} divided by the time from the first publish to the
 * last dead delivery heard by a listener (the dispatcher's work); with events on, "ops/s" is n
 * divided by the time until the operator endpoint received the n {@code delivery.dead} webhooks.
 */
public final class OperationalEventsLoadRun {

    private OperationalEventsLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions opts = RunOptions.parse(args);
        int n = opts.intOpt("n", 5000);
        int rounds = opts.intOpt("rounds", 5);
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
        List<Double> on = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        System.out.printf("### Dead-delivery storm, operational events off vs on (n=%d per variant, in-memory store)%n%n", n);
        System.out.println("| round | variant | dead/s | x off | ops events received/s |");
        System.out.println("|---:|---|---:|---:|---:|");
        run(base, n / 5, false, opsReceived); // warm-up
        run(base, n / 5, true, opsReceived);
        for (int r = 1; r <= rounds; r++) {
            boolean onFirst = r % 2 == 0; // alternate the order
            double[] a = run(base, n, onFirst, opsReceived);
            double[] b = run(base, n, !onFirst, opsReceived);
            double offRate = onFirst ? b[0] : a[0];
            double onRate = onFirst ? a[0] : b[0];
            double opsRate = onFirst ? a[1] : b[1];
            off.add(offRate);
            on.add(onRate);
            ratios.add(onRate / offRate);
            System.out.printf(Locale.ROOT, "| %d | off | %.0f | 1.00 | - |%n", r, offRate);
            System.out.printf(Locale.ROOT, "| %d | on | %.0f | %.2f | %.0f |%n", r, onRate, onRate / offRate, opsRate);
        }
        System.out.printf(Locale.ROOT, "%nMedians: off %.0f dead/s, on %.0f dead/s, on/off %.2f (per-round ratios %s)%n",
                Stats.median(off), Stats.median(on), Stats.median(ratios), ratios.stream()
                        .map(d -> String.format(Locale.ROOT, "%.2f", d)).toList());
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    /** @return {dead per second, operator events received per second (0 when off)} */
    private static double[] run(String base, int n, boolean operational, AtomicInteger opsReceived) throws Exception {
        CountDownLatch dead = new CountDownLatch(n);
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
                        }
                    }
                });
        if (operational) {
            builder.operationalEvents(OperationalEvents.to("ops"));
        }
        try (Webhooks w = builder.build().start()) {
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
