package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.testing.MutableClock;
import io.cactus.webhooks.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An endpoint's circuit lives in PostgreSQL: every node, and a restarted one, sees it paused; one node probes. */
class SharedEndpointHealthIT {

    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").build();
    private static final EndpointHealthPolicy POLICY = EndpointHealthPolicy.builder().failureThreshold(3)
            .pause(Duration.ofSeconds(30)).maxPause(Duration.ofMinutes(10)).disableAfter(Duration.ofDays(5)).build();

    private final WebhookSecret secret = WebhookSecret.generate();
    private final MutableClock clock = MutableClock.startingNow();
    private final List<Webhooks> opened = new ArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean(true);
    private final AtomicInteger flakyRequests = new AtomicInteger();
    private final CountDownLatch releaseProbe = new CountDownLatch(1);
    private MockWebServer flaky;
    private MockWebServer steady;

    @BeforeEach
    void startReceivers() throws Exception {
        flaky = new MockWebServer();
        flaky.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                flakyRequests.incrementAndGet();
                if (failing.get()) {
                    return new MockResponse.Builder().code(503).build();
                }
                releaseProbe.await(30, TimeUnit.SECONDS); // holds the first answer after the outage: the probe
                return new MockResponse.Builder().code(200).build();
            }
        });
        flaky.start();
        steady = new MockWebServer();
        steady.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).build();
            }
        });
        steady.start();
    }

    @AfterEach
    void stop() {
        releaseProbe.countDown();
        opened.forEach(Webhooks::close);
        flaky.close();
        steady.close();
    }

    private Webhooks node(DataSource ds, String name, RecordingListener listener) {
        Webhooks w = Webhooks.builder()
                .store(JdbcDeliveryStore.builder(ds).initializeSchema(true).clock(clock).build())
                .endpoint(Endpoint.builder("flaky", flaky.url("/hook").toString()).secret(secret).build())
                .endpoint(Endpoint.builder("steady", steady.url("/hook").toString()).secret(secret).build())
                .networkPolicy(LOOPBACK)
                .healthPolicy(POLICY)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(5), Duration.ofSeconds(5)).build())
                .listener(listener)
                .clock(clock)
                .nodeId(name)
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        opened.add(w);
        return w.start();
    }

    private long succeeded(Webhooks w, String endpoint) {
        return w.reader().count(DeliveryQuery.all().withEndpoint(endpoint).withStatus(DeliveryStatus.SUCCEEDED));
    }

    private void publish(Webhooks w, int n) {
        for (int i = 0; i < n; i++) {
            w.publisher().publish(WebhookEvent.of("client.updated", Map.of("n", i)));
        }
    }

    @Test
    void aPauseIsSharedByEveryNodeSurvivesARestartAndOneNodeProbes() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        RecordingListener heardByA = new RecordingListener();
        Webhooks a = node(TestDatabases.postgresDataSource(database), "node-a", heardByA);

        publish(a, 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> heardByA.events.contains("paused flaky 3"));
        assertThat(flakyRequests).hasValue(3);

        // Another node joins, and a restarted one: both see the pause, while they do send to the steady endpoint.
        Webhooks b = node(TestDatabases.postgresDataSource(database), "node-b", new RecordingListener());
        assertThat(b.reader().health("flaky").state()).isEqualTo(EndpointHealth.State.PAUSED);
        publish(b, 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(b, "steady") == 8);
        b.close();
        opened.remove(b);
        Webhooks restarted = node(TestDatabases.postgresDataSource(database), "node-b", new RecordingListener());
        assertThat(restarted.reader().health("flaky").state()).isEqualTo(EndpointHealth.State.PAUSED);
        publish(restarted, 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(restarted, "steady") == 10);
        assertThat(flakyRequests).as("no node sent to the paused endpoint").hasValue(3);

        // The pause ends: one probe, from one node, while the other waits for its outcome.
        failing.set(false);
        clock.advance(Duration.ofSeconds(31));
        a.wake();
        restarted.wake();
        await().atMost(Duration.ofSeconds(20)).until(() -> flakyRequests.get() >= 1 + 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> flakyRequests.get() == 4);
        releaseProbe.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(a, "flaky") == 10);
        // Each node re-reads the shared state within its refresh interval (500 ms).
        await().atMost(Duration.ofSeconds(5)).until(() -> a.reader().health("flaky").state() == EndpointHealth.State.HEALTHY
                && restarted.reader().health("flaky").state() == EndpointHealth.State.HEALTHY);
    }
}
