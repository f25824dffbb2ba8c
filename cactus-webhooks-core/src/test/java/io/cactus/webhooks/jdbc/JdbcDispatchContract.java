package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptEvent;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookHeaders;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.signing.WebhookVerifier;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on a real database, for each database a subclass: a crashed node's claimed work
 * delivered by another after its lease, and two nodes sharing work without double sends.
 */
abstract class JdbcDispatchContract {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();

    /** A DataSource on a new, empty database. */
    abstract DataSource newDatabase() throws Exception;

    /** Another DataSource on the database of the last {@link #newDatabase()}: a second node's. */
    abstract DataSource sameDatabase();

    /**
     * Whether two nodes on this database compete for a backlog long enough that each takes a
     * share: not H2 in this JVM, where the first node drains 2,000 deliveries before the second
     * polls (its two-node claims are covered by {@link H2FileConcurrentClaimIT}).
     */
    boolean nodesCompeteForABacklog() {
        return true;
    }

    private final WebhookSecret secret = WebhookSecret.generate();
    private final MutableClock clock = MutableClock.startingNow();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final AtomicInteger badSignatures = new AtomicInteger();
    final List<Webhooks> opened = new ArrayList<>();
    private MockWebServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        WebhookVerifier verifier = WebhookVerifier.builder().secret(secret).clock(clock).build();
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    String id = verifier.verify(request.getBody().toByteArray(),
                            WebhookHeaders.ofMultiMap(request.getHeaders().toMultimap())).id();
                    received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    return new MockResponse.Builder().code(200).build();
                } catch (RuntimeException e) {
                    badSignatures.incrementAndGet();
                    return new MockResponse.Builder().code(401).build();
                }
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        opened.forEach(Webhooks::close);
        receiver.close();
    }

    Webhooks webhooks(DataSource ds, String node, DeliveryListener listener) {
        Webhooks.Builder b = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(ds).initializeSchema(true).clock(clock).build())
                .endpoint(Endpoint.builder("receiver", receiver.url("/hook").toString()).secret(secret).maxInFlight(16).build())
                .networkPolicy(LOOPBACK)
                .clock(clock)
                .nodeId(node)
                .lease(Duration.ofSeconds(40))
                .shutdownTimeout(Duration.ofSeconds(5));
        if (listener != null) {
            b.listener(listener);
        }
        Webhooks w = b.build();
        opened.add(w);
        return w;
    }

    @Test
    void workClaimedByACrashedNodeIsDeliveredByAnotherAfterTheLease() throws Exception {
        DataSource ds = newDatabase();
        Webhooks survivor = webhooks(ds, "survivor", null);
        PublishReceipt receipt = survivor.publisher().publish(WebhookEvent.of("portfolio.created", Map.of("id", 7)));

        // A node claims the delivery and dies before sending: its lease is all that is left.
        List<ClaimedDelivery> lost = JdbcDeliveryStore.builder(ds).clock(clock).build().claim(new ClaimRequest("crashed-node", 10, clock.instant(),
                clock.instant().plus(Duration.ofSeconds(40)), Set.of()));
        assertThat(lost).hasSize(1);

        survivor.start();
        assertThat(survivor.reader().deliveries(DeliveryQuery.all()).get(0).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        clock.advance(Duration.ofSeconds(41));
        survivor.wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> received.containsKey(receipt.messageId()));
        Delivery done = await().until(() -> survivor.reader().deliveries(DeliveryQuery.all()).get(0),
                d -> d.status() == DeliveryStatus.SUCCEEDED);
        assertThat(done.attempts()).as("the lost attempt counts against the schedule").isEqualTo(2);
        assertThat(survivor.reader().attempts(done.id())).hasSize(1);
    }

    @Test
    void twoNodesShareTwoThousandDeliveriesWithoutDoubleSends() throws Exception {
        Assumptions.assumeTrue(nodesCompeteForABacklog(), "the first node drains the backlog alone on this database");
        DataSource first = newDatabase();
        Map<String, AtomicInteger> sentBy = new ConcurrentHashMap<>();
        DeliveryListener countA = counting(sentBy, "a");
        DeliveryListener countB = counting(sentBy, "b");
        Webhooks a = webhooks(first, "node-a", countA);
        Webhooks b = webhooks(sameDatabase(), "node-b", countB);

        List<WebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            events.add(WebhookEvent.of("notification.sent", Map.of("n", i)));
        }
        for (int i = 0; i < events.size(); i += 200) {
            a.publisher().publishAll(events.subList(i, i + 200));
        }
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == 2000);
        await().until(() -> a.reader().count(DeliveryQuery.all().withStatus(DeliveryStatus.SUCCEEDED)) == 2000);
        assertThat(received.values()).as("each webhook received exactly once").allMatch(n -> n.get() == 1);
        assertThat(badSignatures).hasValue(0);
        assertThat(sentBy.get("a").get() + sentBy.get("b").get()).isEqualTo(2000);
        assertThat(sentBy.get("a").get()).as("node a took a share").isPositive();
        assertThat(sentBy.get("b").get()).as("node b took a share").isPositive();
        assertThat(a.reader().deliveries(DeliveryQuery.all().page(0, 1000))).allMatch(d -> d.attempts() == 1);
    }

    private static DeliveryListener counting(Map<String, AtomicInteger> counts, String node) {
        counts.put(node, new AtomicInteger());
        return new DeliveryListener() {
            @Override
            public void onAttemptSucceeded(AttemptEvent event) {
                counts.get(node).incrementAndGet();
            }
        };
    }
}
