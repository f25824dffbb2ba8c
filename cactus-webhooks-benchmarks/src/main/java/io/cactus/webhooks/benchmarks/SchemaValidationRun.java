package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.EventTypeCatalog;
import io.cactus.webhooks.catalog.EventTypeDefinition;
import io.cactus.webhooks.catalog.SchemaValidation;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What JSON Schema validation costs a publish: per store, single-threaded publishes of one
 * conforming event shape on three engines side by side, none started (nothing is sent, only the
 * publish is measured): without a catalogue, with a catalogue whose type has a schema and
 * validation OFF, and with validation ON. The order of the three rotates between rounds; one
 * warm-up round is dropped. Prints per round the median and p99 of one publish, then the medians
 * over the rounds and the ratios to "no catalogue".
 *
 * <p>Arguments: {@code [events per variant and round, default 2000] [rounds, default 5]
 * [stores, default memory,h2]}.
 */
public final class SchemaValidationRun {

    private static final EventType TYPE = EventType.of("client.created");
    /** A schema of the size a real event has: nested object, an array, formats, limits. */
    private static final String SCHEMA = """
            {
              "type": "object",
              "required": ["id", "name", "email", "portfolio"],
              "properties": {
                "id": {"type": "integer", "minimum": 1},
                "name": {"type": "string", "minLength": 1, "maxLength": 200},
                "email": {"type": "string", "format": "email"},
                "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 20},
                "portfolio": {
                  "type": "object",
                  "required": ["currency", "value"],
                  "properties": {
                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                    "value": {"type": "number"}
                  }
                }
              }
            }""";

    private SchemaValidationRun() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String stores = args.length > 2 ? args[2] : "memory,h2";
        System.out.printf(Locale.ROOT, "SchemaValidationRun: %d events per variant and round, %d rounds (+1 warm-up),"
                + " load average at start %.2f, %d cores%n", events, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (String s : stores.split(",")) {
            run(StoreSetup.Kind.parse(s), events, rounds);
        }
    }

    private static EventTypeCatalog catalog(SchemaValidation validation) {
        return EventTypeCatalog.builder().type(EventTypeDefinition.builder(TYPE).description("A client was created.")
                .schema(SCHEMA).validation(validation).build()).build();
    }

    private static Webhooks engine(StoreSetup setup, EventTypeCatalog catalog) {
        return Webhooks.builder().store(setup.store).retention(RetentionPolicy.disabled()).eventTypes(catalog)
                .endpoint(Endpoint.builder("crm", "https://crm.example.com/hook").build()).build();
    }

    private static void run(StoreSetup.Kind kind, int events, int rounds) throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind);
                Webhooks none = engine(setup, EventTypeCatalog.empty());
                Webhooks off = engine(setup, catalog(SchemaValidation.OFF));
                Webhooks on = engine(setup, catalog(SchemaValidation.ON))) {
            System.out.println();
            System.out.println("== " + kind.label + ": " + setup.settings);
            Webhooks[] engines = {none, off, on};
            String[] names = {"no catalogue", "validation OFF", "validation ON"};
            List<List<Double>> medians = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> p99s = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round <= rounds; round++) {
                long[][] nanos = new long[3][];
                for (int k = 0; k < 3; k++) {
                    int v = (k + round) % 3; // rotate who goes first
                    nanos[v] = publish(engines[v], events, round);
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s", round == 0 ? "warm-up"
                        : "round " + round));
                for (int v = 0; v < 3; v++) {
                    line.append(String.format(Locale.ROOT, " | %s: median %.3f ms p99 %.3f ms", names[v],
                            Stats.ms(Stats.pct(nanos[v], 50)), Stats.ms(Stats.pct(nanos[v], 99))));
                    if (round > 0) {
                        medians.get(v).add(Stats.ms(Stats.pct(nanos[v], 50)));
                        p99s.get(v).add(Stats.ms(Stats.pct(nanos[v], 99)));
                    }
                }
                line.append(String.format(Locale.ROOT, "  (load %.2f)",
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                System.out.println(line);
            }
            double base = Stats.median(medians.get(0));
            StringBuilder summary = new StringBuilder("medians over " + rounds + " rounds:");
            for (int v = 0; v < 3; v++) {
                double m = Stats.median(medians.get(v));
                summary.append(String.format(Locale.ROOT, " %s %.3f ms (p99 %.3f, %.2fx);", names[v], m,
                        Stats.median(p99s.get(v)), m / base));
            }
            System.out.println(summary);
        }
    }

    /** Publishes {@code events} conforming events one by one. */
    private static long[] publish(Webhooks webhooks, int events, int round) {
        long[] nanos = new long[events];
        for (int i = 0; i < events; i++) {
            WebhookEvent e = WebhookEvent.builder(TYPE, Map.of("id", round * 1_000_000 + i + 1,
                    "name", "Client " + i, "email", "client" + i + "@example.com", "tags", List.of("gold", "eu"),
                    "portfolio", Map.of("currency", "EUR", "value", 1250.5 + i))).build();
            long start = System.nanoTime();
            webhooks.publisher().publish(e);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
