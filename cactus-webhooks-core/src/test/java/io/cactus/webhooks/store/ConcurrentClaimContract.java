package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one state (two nodes on one database; for a store in memory, one instance), each
 * with two threads, claim the same 2,000 deliveries concurrently. No delivery may be handed out
 * twice while its lease is live, and each node gets a share.
 */
public abstract class ConcurrentClaimContract {

    static final int DELIVERIES = 2_000;

    /** Two stores on one fresh, empty state, as two nodes would have them. */
    protected abstract List<DeliveryStore> twoStores() throws Exception;

    @Test
    void twoNodesClaimEveryDeliveryExactlyOnceAndShareTheWork() throws Exception {
        List<DeliveryStore> stores = twoStores();
        DeliveryStore a = stores.get(0);
        DeliveryStore b = stores.get(1);
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < DELIVERIES / 2; i++) {
            WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.created"), Instant.now(),
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            batch.add(new OutboundMessage(m, List.of("ep-" + (i % 7), "ep-x")));
        }
        a.enqueue(batch);

        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> twice = new ArrayList<>();
        Map<String, AtomicInteger> perOwner = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        // Every worker finishes one claim before any claims a second: on a loaded machine one node's
        // threads could otherwise take all 2,000 before the other's are scheduled at all.
        java.util.concurrent.CyclicBarrier firstRound = new java.util.concurrent.CyclicBarrier(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            DeliveryStore store = t % 2 == 0 ? a : b;
            String owner = t % 2 == 0 ? "node-a" : "node-b";
            workers.add(pool.submit(() -> {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                boolean first = true;
                while (first || done.get() < DELIVERIES && System.nanoTime() < deadline) {
                    Instant now = Instant.now();
                    List<ClaimedDelivery> claims = store.claim(
                            new ClaimRequest(owner, 25, now, now.plus(Duration.ofMinutes(5)), Set.of()));
                    List<AttemptRecord> records = new ArrayList<>();
                    for (ClaimedDelivery c : claims) {
                        if (!claimed.add(c.deliveryId())) {
                            synchronized (twice) {
                                twice.add(c.deliveryId());
                            }
                        }
                        records.add(new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), now,
                                AttemptOutcome.response(200, null, "ok", Duration.ofMillis(1))),
                                DeliveryStatus.SUCCEEDED, null));
                    }
                    int applied = store.record(records).size();
                    perOwner.computeIfAbsent(owner, o -> new AtomicInteger()).addAndGet(applied);
                    done.addAndGet(applied);
                    if (first) {
                        first = false;
                        firstRound.await(60, TimeUnit.SECONDS);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> w : workers) {
            w.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(twice).as("claimed twice while leased").isEmpty();
        assertThat(claimed).hasSize(DELIVERIES);
        assertThat(done.get()).isEqualTo(DELIVERIES);
        assertThat(a.count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED))).isEqualTo(DELIVERIES);
        assertThat(a.backlog().pending()).isZero();
        assertThat(perOwner.get("node-a").get()).as("node-a's share").isPositive();
        assertThat(perOwner.get("node-b").get()).as("node-b's share").isPositive();
    }
}
