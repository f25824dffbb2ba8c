package io.cactus.webhooks.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.operational.OperationalEvent;
import io.cactus.webhooks.operational.OperationalEventType;
import io.cactus.webhooks.operational.OperationalEvents;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers on one database raise one operational event per transition, not one per node:
 * the node whose health-store update won the transition raises it. Subclasses give the database.
 */
abstract class OperationalEventsTwoNodesContract {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").build();
    private static final EndpointHealthPolicy POLICY = EndpointHealthPolicy.builder().failureThreshold(3)
            .pause(Duration.ofSeconds(30)).maxPause(Duration.ofMinutes(10)).disableAfter(Duration.ofDays(5)).build();

    private final WebhookSecret secret = WebhookSecret.generate();
    private final MutableClock clock = MutableClock.startingNow();
    private final AtomicInteger flakyStatus = new AtomicInteger(503);
    private final AtomicInteger flakyRequests = new AtomicInteger();
    private final List<String> opsTypes = new CopyOnWriteArrayList<>();
    private final List<OperationalEvent> heard = new CopyOnWriteArrayList<>();
    private final List<Webhooks> opened = new ArrayList<>();
    private MockWebServer flaky;
    private MockWebServer ops;

    /** A new, empty database. */
    abstract DataSource newDatabase();

    /** Another connection source to the database {@link #newDatabase()} made last. */
    abstract DataSource sameDatabase();

    @BeforeEach
    void startReceivers() throws Exception {
        flaky = new MockWebServer();
        flaky.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                flakyRequests.incrementAndGet();
                return new MockResponse.Builder().code(flakyStatus.get()).build();
            }
        });
        flaky.start();
        ops = new MockWebServer();
        ops.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().string(UTF_8);
                opsTypes.add(body.substring(body.indexOf("\"type\":\"") + 8, body.indexOf('"', body.indexOf("\"type\":\"") + 8)));
                return new MockResponse.Builder().code(200).build();
            }
        });
        ops.start();
    }

    @AfterEach
    void stop() {
        opened.forEach(Webhooks::close);
        flaky.close();
        ops.close();
    }

    private Webhooks node(DataSource ds, String name) {
        Webhooks w = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(ds).initializeSchema(true).clock(clock).build())
                .endpoint(Endpoint.builder("flaky", flaky.url("/hook").toString()).secret(secret).build())
                .endpoint(Endpoint.builder("ops", ops.url("/ops").toString()).secret(secret).events("none.*").build())
                .operationalEvents(OperationalEvents.to("ops"))
                .networkPolicy(LOOPBACK)
                .healthPolicy(POLICY)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ofMinutes(10)).build())
                .listener(new DeliveryListener() {
                    @Override
                    public void onOperationalEvent(OperationalEvent event) {
                        heard.add(event);
                    }
                })
                .clock(clock)
                .nodeId(name)
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        opened.add(w);
        return w.start();
    }

    private static void publish(Webhooks w, int n) {
        for (int i = 0; i < n; i++) {
            w.publisher().publish(WebhookEvent.of("client.updated", Map.of("n", i)));
        }
    }

    private long heard(OperationalEventType type) {
        return heard.stream().filter(e -> e.type() == type).count();
    }

    private long received(OperationalEventType type) {
        return opsTypes.stream().filter(type.wireName()::equals).count();
    }

    /** Exactly one of this kind raised and received, and still one a moment later. */
    private void exactlyOne(OperationalEventType type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> heard(type) >= 1 && received(type) >= 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> heard(type) == 1 && received(type) == 1);
    }

    @Test
    void eachTransitionRaisesOneEventAcrossTwoNodes() {
        Webhooks a = node(newDatabase(), "node-a");
        Webhooks b = node(sameDatabase(), "node-b");

        // Both nodes send failing attempts at once; one update crosses the threshold.
        publish(a, 10);
        publish(b, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.reader().health("flaky").state() == EndpointHealth.State.PAUSED);
        exactlyOne(OperationalEventType.ENDPOINT_PAUSED);
        assertThat(flakyRequests.get()).as("the control: failures happened").isGreaterThanOrEqualTo(3);

        // The pause ends; one probe succeeds.
        flakyStatus.set(200);
        clock.advance(Duration.ofSeconds(31));
        publish(a, 1);
        publish(b, 1);
        a.wake();
        b.wake();
        exactlyOne(OperationalEventType.ENDPOINT_RECOVERED);

        // 410 Gone, to every node that sends: one disabling.
        flakyStatus.set(410);
        publish(a, 10);
        publish(b, 10);
        exactlyOne(OperationalEventType.ENDPOINT_DISABLED);
        assertThat(heard).extracting(OperationalEvent::endpointId).containsOnly("flaky");
        assertThat(heard(OperationalEventType.DELIVERY_DEAD)).isZero();
    }
}
