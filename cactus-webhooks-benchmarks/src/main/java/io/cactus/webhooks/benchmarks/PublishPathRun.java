package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.jdbc.JdbcEndpointRegistry;
import io.cactus.webhooks.spi.EndpointRegistry;
import io.cactus.webhooks.endpoint.StaticEndpointRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The publish path of an event without a tenant, as an application that uses no tenants has it:
 * single-threaded publishes to three subscribed endpoints (and two that do not subscribe), on an
 * engine that is not started (only the publish is measured), with a static registry and with the
 * JDBC registry, on the in-memory store (the path's CPU work: match, encode, enqueue) and on H2.
 * Uses only API that predates tenants (issue 15), so the same class runs on the library before
 * and after them, side by side. Prints per round the median and p99 of one publish, then the
 * medians over the rounds.
 *
 * <p>Arguments: {@code [events per round, default 5000] [rounds, default 5] [stores, default memory,h2]}.
 */
public final class PublishPathRun {

    private static final EventType TYPE = EventType.of("client.updated");

    private PublishPathRun() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String stores = args.length > 2 ? args[2] : "memory,h2";
        System.out.printf(Locale.ROOT, "PublishPathRun: %d events per round, %d rounds (+1 warm-up), load average at"
                + " start %.2f, %d cores%n", events, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (String s : stores.split(",")) {
            for (String registry : List.of("static", "jdbc")) {
                run(StoreSetup.Kind.parse(s), registry, events, rounds);
            }
        }
    }

    private static List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        for (String id : List.of("crm", "erp", "n8n")) {
            list.add(Endpoint.builder(id, "https://" + id + ".example.com/hook").events("client.*").build());
        }
        list.add(Endpoint.builder("billing", "https://billing.example.com/hook").events("order.*").build());
        list.add(Endpoint.builder("audit", "https://audit.example.com/hook").events("user.*").build());
        return list;
    }

    private static void run(StoreSetup.Kind kind, String registryKind, int events, int rounds) throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind)) {
            DataSource ds = setup.dataSource();
            EndpointRegistry registry;
            if (registryKind.equals("static")) {
                registry = new StaticEndpointRegistry(endpoints());
            } else {
                if (ds == null) {
                    ds = StoreSetup.h2Pool(java.nio.file.Files.createTempDirectory("cactus-publish-path")
                            .resolve("endpoints"));
                }
                JdbcEndpointRegistry jdbc = JdbcEndpointRegistry.builder(ds).initializeSchema(true).build();
                endpoints().forEach(jdbc::save);
                registry = jdbc;
            }
            try (Webhooks webhooks = Webhooks.builder().store(setup.store).endpoints(registry)
                    .retention(RetentionPolicy.disabled()).build()) {
                System.out.println();
                System.out.println("== " + kind.label + ", " + registryKind + " registry: " + setup.settings);
                List<Double> medians = new ArrayList<>();
                List<Double> p99s = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    long[] nanos = new long[events];
                    for (int i = 0; i < events; i++) {
                        WebhookEvent e = WebhookEvent.of(TYPE, Map.of("clientId", i, "name", "Client " + i));
                        long start = System.nanoTime();
                        int n = webhooks.publisher().publish(e).endpointIds().size();
                        nanos[i] = System.nanoTime() - start;
                        if (n != 3) {
                            throw new IllegalStateException("expected 3 endpoints, got " + n);
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-8s  median %.4f ms p99 %.4f ms  (load %.2f)%n",
                            round == 0 ? "warm-up" : "round " + round, Stats.ms(Stats.pct(nanos, 50)),
                            Stats.ms(Stats.pct(nanos, 99)),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    if (round > 0) {
                        medians.add(Stats.ms(Stats.pct(nanos, 50)));
                        p99s.add(Stats.ms(Stats.pct(nanos, 99)));
                    }
                }
                System.out.printf(Locale.ROOT, "medians over %d rounds: %.4f ms (p99 %.4f ms)%n", rounds,
                        Stats.median(medians), Stats.median(p99s));
            }
        }
    }
}
