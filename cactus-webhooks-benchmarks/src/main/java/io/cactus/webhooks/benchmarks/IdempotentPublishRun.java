package io.cactus.webhooks.benchmarks;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an idempotency key costs a publish: per store, single-threaded publishes of events without
 * a key, with a fresh key, and of a key already stored (a duplicate), side by side in rounds (the
 * order rotates between the first two; the duplicates repeat the round's fresh keys), on an engine
 * that is not started (nothing is sent, so only the publish is measured). Prints per round the
 * median and p99 of one publish, then the medians over the rounds and the ratios to "no key".
 *
 * <p>Arguments: {@code [events per variant and round, default 2000] [rounds, default 5]
 * [stores, default h2,pg-durable]}.
 */
public final class IdempotentPublishRun {

    private static final EventType TYPE = EventType.of("order.paid");

    private IdempotentPublishRun() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String stores = args.length > 2 ? args[2] : "h2,pg-durable";
        System.out.printf(Locale.ROOT, "IdempotentPublishRun: %d events per variant and round, %d rounds (+1 warm-up),"
                + " load average at start %.2f, %d cores%n", events, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (String s : stores.split(",")) {
            run(StoreSetup.Kind.parse(s), events, rounds);
        }
    }

    private static void run(StoreSetup.Kind kind, int events, int rounds) throws Exception {
        try (StoreSetup setup = StoreSetup.open(kind);
                Webhooks webhooks = Webhooks.builder().store(setup.store).retention(RetentionPolicy.disabled())
                        .endpoint(Endpoint.builder("billing", "https://billing.example.com/hook").build()).build()) {
            System.out.println();
            System.out.println("== " + kind.label + ": " + setup.settings);
            List<Double> none = new ArrayList<>();
            List<Double> fresh = new ArrayList<>();
            List<Double> duplicate = new ArrayList<>();
            List<Double> none99 = new ArrayList<>();
            List<Double> fresh99 = new ArrayList<>();
            List<Double> duplicate99 = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                String prefix = "r" + round + "-";
                long[] a;
                long[] b;
                if (round % 2 == 0) {
                    a = publish(webhooks, events, null);
                    b = publish(webhooks, events, prefix);
                } else {
                    b = publish(webhooks, events, prefix);
                    a = publish(webhooks, events, null);
                }
                long[] c = publish(webhooks, events, prefix);
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.printf(Locale.ROOT, "%-8s  no key: median %.3f ms p99 %.3f ms | fresh key: median %.3f ms"
                        + " p99 %.3f ms | duplicate: median %.3f ms p99 %.3f ms  (load %.2f)%n", label,
                        Stats.ms(Stats.pct(a, 50)), Stats.ms(Stats.pct(a, 99)), Stats.ms(Stats.pct(b, 50)),
                        Stats.ms(Stats.pct(b, 99)), Stats.ms(Stats.pct(c, 50)), Stats.ms(Stats.pct(c, 99)),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                if (round > 0) {
                    none.add(Stats.ms(Stats.pct(a, 50)));
                    fresh.add(Stats.ms(Stats.pct(b, 50)));
                    duplicate.add(Stats.ms(Stats.pct(c, 50)));
                    none99.add(Stats.ms(Stats.pct(a, 99)));
                    fresh99.add(Stats.ms(Stats.pct(b, 99)));
                    duplicate99.add(Stats.ms(Stats.pct(c, 99)));
                }
            }
            double n = Stats.median(none);
            double f = Stats.median(fresh);
            double d = Stats.median(duplicate);
            System.out.printf(Locale.ROOT, "medians over %d rounds: no key %.3f ms (p99 %.3f), fresh key %.3f ms (p99 %.3f,"
                    + " %.2fx), duplicate %.3f ms (p99 %.3f, %.2fx)%n", rounds, n, Stats.median(none99), f,
                    Stats.median(fresh99), f / n, d, Stats.median(duplicate99), d / n);
        }
    }

    /** Publishes {@code events} one by one; keys {@code prefix + i}, or none when the prefix is null. */
    private static long[] publish(Webhooks webhooks, int events, String prefix) {
        long[] nanos = new long[events];
        for (int i = 0; i < events; i++) {
            WebhookEvent.Builder event = WebhookEvent.builder(TYPE, Map.of("orderId", i, "total", "10.00"));
            if (prefix != null) {
                event.idempotencyKey(prefix + i);
            }
            WebhookEvent e = event.build();
            long start = System.nanoTime();
            PublishReceipt receipt = webhooks.publisher().publish(e);
            nanos[i] = System.nanoTime() - start;
            if (prefix != null && receipt.outcome() == PublishOutcome.DUPLICATE && receipt.messageId().equals(e.id())) {
                throw new IllegalStateException("a duplicate answered its own id");
            }
        }
        return nanos;
    }
}
