package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointOrdering;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery per key with two dispatcher nodes on one PostgreSQL, a receiver that fails one
 * request in ten (so heads retry), and one node restarted halfway: 10,000 events over 100 keys
 * arrive in publish order per key, and one key is never in flight twice at once.
 */
class PostgresOrderedDispatchIT {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();
    private static final Pattern KEY = Pattern.compile("\"key\":\"(k[0-9]+)\"");
    private static final Pattern N = Pattern.compile("\"n\":([0-9]+)");
    private static final int EVENTS = 10_000;
    private static final int KEYS = 100;

    private final WebhookSecret secret = WebhookSecret.generate();
    private final Map<String, Integer> lastAccepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<Webhooks> opened = new ArrayList<>();
    private MockWebServer receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = new String(request.getBody().toByteArray(), StandardCharsets.UTF_8);
                Matcher k = KEY.matcher(body);
                Matcher n = N.matcher(body);
                if (!k.find() || !n.find()) {
                    return new MockResponse.Builder().code(400).build();
                }
                String key = k.group(1);
                int seq = Integer.parseInt(n.group(1));
                AtomicInteger running = inFlight.computeIfAbsent(key, x -> new AtomicInteger());
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        refused.incrementAndGet();
                        return new MockResponse.Builder().code(503).build();
                    }
                    synchronized (lastAccepted) {
                        int last = lastAccepted.getOrDefault(key, -1);
                        if (seq < last) { // equal: a resend after a lost outcome (at least once), not disorder
                            violations.incrementAndGet();
                        }
                        lastAccepted.put(key, Math.max(last, seq));
                    }
                    accepted.incrementAndGet();
                    return new MockResponse.Builder().code(200).build();
                } finally {
                    running.decrementAndGet();
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

    private Webhooks node(DataSource ds, String name) {
        Webhooks w = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(ds).initializeSchema(true).build())
                .endpoint(Endpoint.builder("ordered", receiver.url("/hook").toString()).secret(secret).maxInFlight(32)
                        .ordering(EndpointOrdering.PER_KEY_BLOCK).build())
                .retryPolicy(RetryPolicy.builder().schedule(List.of(Duration.ofMillis(20), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100),
                        Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100))).jitter(0).build())
                .networkPolicy(LOOPBACK)
                .nodeId(name)
                .pollInterval(Duration.ofMillis(100))
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
        opened.add(w);
        return w;
    }

    @Test
    void tenThousandEventsOverAHundredKeysArriveInOrderAcrossTwoNodesRetriesAndARestart() {
        String database = TestDatabases.newPostgresDatabase();
        Webhooks a = node(TestDatabases.postgresDataSource(database), "node-a").start();
        Webhooks b = node(TestDatabases.postgresDataSource(database), "node-b").start();
        int[] next = new int[KEYS];
        for (int from = 0; from < EVENTS; from += 100) {
            List<WebhookEvent> batch = new ArrayList<>(100);
            for (int i = from; i < from + 100; i++) {
                int key = ThreadLocalRandom.current().nextInt(KEYS);
                batch.add(WebhookEvent.builder(io.cactus.webhooks.EventType.of("client.updated"),
                        Map.of("key", "k" + key, "n", next[key]++)).orderingKey("k" + key).build());
            }
            (from % 200 == 0 ? a : b).publisher().publishAll(batch);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= EVENTS / 3);
        a.close(); // a restart: its claims are given back, then a new node takes its place
        Webhooks again = node(TestDatabases.postgresDataSource(database), "node-a2").start();

        await().atMost(Duration.ofMinutes(4)).until(() -> b.reader().count(DeliveryQuery.builder()
                .status(DeliveryStatus.SUCCEEDED).build()) == EVENTS);
        assertThat(refused.get()).as("heads did retry").isPositive();
        assertThat(violations.get()).as("order violations").isZero();
        assertThat(overlaps.get()).as("a key in flight twice at once").isZero();
        for (int key = 0; key < KEYS; key++) {
            if (next[key] > 0) {
                assertThat(lastAccepted.get("k" + key)).isEqualTo(next[key] - 1);
            }
        }
        assertThat(again.reader().count(DeliveryQuery.builder().status(DeliveryStatus.BLOCKED).build())).isZero();
    }
}
