package io.cactus.webhooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.TenantId;
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
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fair scheduling across tenants, for each store a subclass: tenant A has a dead endpoint with a
 * backlog and more healthy endpoints with a backlog than one claim names; tenant B publishes a
 * fresh event. Observed in the requests a MockWebServer receives (A's held until the test answers
 * them one by one), never in wall-clock timings.
 */
public abstract class TenantFairnessContract {

    private static final TenantId A = TenantId.of("tenant-a");
    private static final TenantId B = TenantId.of("tenant-b");
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();
    /** More than the 64 endpoints one claim by endpoint names. */
    private static final int A_ENDPOINTS = 70;
    private static final int A_EVENTS = 20;
    private static final int DEAD_BACKLOG = 1_000;

    /** A new, empty store on {@code clock}. */
    protected abstract DeliveryStore newStore(Clock clock) throws Exception;

    private final MutableClock clock = MutableClock.startingNow();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    /**
     * Answers the dead endpoint 500 at once and tenant B at once (noting how many of A's healthy
     * requests had been answered by then); holds A's healthy requests until {@link #answerOne}.
     */
    static final class Receiver extends Dispatcher {
        private final List<String> heldIds = new ArrayList<>();
        private int release;
        private int answered;
        private int dead;
        private final List<Integer> bArrivedAfter = new ArrayList<>();
        private final List<String> bIds = new ArrayList<>();

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = String.valueOf(request.getUrl().encodedPath());
            String id = request.getHeaders().get("webhook-id");
            synchronized (this) {
                if (path.startsWith("/dead")) {
                    dead++;
                    return new MockResponse.Builder().code(500).build();
                }
                if (path.startsWith("/b")) {
                    bArrivedAfter.add(answered);
                    bIds.add(String.valueOf(id));
                    notifyAll();
                    return new MockResponse.Builder().code(200).build();
                }
                heldIds.add(String.valueOf(id));
                notifyAll();
                while (release == 0) {
                    wait();
                }
                release--;
                heldIds.remove(String.valueOf(id));
                answered++;
                notifyAll();
            }
            return new MockResponse.Builder().code(200).build();
        }

        synchronized int held() {
            return heldIds.size();
        }

        synchronized int answered() {
            return answered;
        }

        synchronized int dead() {
            return dead;
        }

        synchronized List<String> bIds() {
            return List.copyOf(bIds);
        }

        synchronized @Nullable Integer bArrivedAfter() {
            return bArrivedAfter.isEmpty() ? null : bArrivedAfter.get(0);
        }

        /** Lets one held request of A answer 200. */
        synchronized void answerOne() {
            release++;
            notifyAll();
        }

        synchronized void open() {
            release = Integer.MAX_VALUE / 2;
            notifyAll();
        }
    }

    private static long count(Webhooks w, String endpoint, DeliveryStatus status) {
        return w.reader().count(DeliveryQuery.all().withEndpoint(endpoint).withStatus(status));
    }

    @Test
    void aTenantsDeadEndpointAndBacklogOnMoreEndpointsThanOneClaimNamesDoNotKeepAnotherTenantsFreshEventBehind()
            throws Exception {
        Receiver receiver = new Receiver();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(receiver);
        server.start();
        opened.add(() -> {
            receiver.open();
            server.close();
        });
        Webhooks.Builder b = Webhooks.builder()
                .store(newStore(clock))
                .clock(clock)
                .networkPolicy(LOOPBACK)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ofSeconds(5)).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(5).pause(Duration.ofMinutes(5)).build())
                .concurrency(8)
                .shutdownTimeout(Duration.ofSeconds(1));
        b.endpoint(Endpoint.builder("a-dead", server.url("/dead").toString()).secret(secret).tenant(A)
                .events("a.dead.*").maxInFlight(4).build());
        for (int i = 0; i < A_ENDPOINTS; i++) {
            b.endpoint(Endpoint.builder("a-" + i, server.url("/a/" + i).toString()).secret(secret).tenant(A)
                    .events("a.order.*").maxInFlight(1).build());
        }
        b.endpoint(Endpoint.builder("b", server.url("/b").toString()).secret(secret).tenant(B).events("b.*").build());
        Webhooks w = b.build().start();
        opened.add(0, w);

        List<WebhookEvent> dead = new ArrayList<>();
        for (int i = 0; i < DEAD_BACKLOG; i++) {
            dead.add(WebhookEvent.of("a.dead.updated", Map.of("n", i)).toBuilder().tenant(A).build());
        }
        w.publisher().publishAll(dead);
        await().atMost(Duration.ofSeconds(60)).until(() -> w.reader().health("a-dead").state()
                == EndpointHealth.State.PAUSED);
        List<WebhookEvent> orders = new ArrayList<>();
        for (int i = 0; i < A_EVENTS; i++) {
            orders.add(WebhookEvent.of("a.order.updated", Map.of("n", i)).toBuilder().tenant(A).build());
        }
        w.publisher().publishAll(orders); // 20 deliveries on each of A's 70 healthy endpoints
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.held() == 8); // every dispatcher slot
        PublishReceipt fresh = w.publisher().publish(B, WebhookEvent.of("b.created", Map.of("n", 1)));

        int backlog = A_ENDPOINTS * A_EVENTS;
        for (int i = 0; i < backlog && receiver.bArrivedAfter() == null; i++) {
            receiver.answerOne();
            int answeredNow = i + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bArrivedAfter() != null
                    || receiver.answered() == answeredNow && receiver.held() == Math.min(8, backlog - answeredNow));
        }
        Integer after = receiver.bArrivedAfter();
        assertThat(after).as("tenant B's fresh event was delivered while A's backlog was held").isNotNull();
        assertThat(receiver.bIds()).containsExactly(fresh.messageId());
        org.slf4j.LoggerFactory.getLogger(TenantFairnessContract.class).info("tenant fairness: B's event came after"
                + " {} of A's {} healthy deliveries were answered", after, backlog);
        // Freed slots go to the tenants in turn: 2-7 here (283 of 1,400 when they went lane by lane in turn).
        assertThat(after).as("A's healthy deliveries answered before B's came (of %d)", backlog)
                .isLessThan(50);
        // Positive control: A's deliveries were being attempted meanwhile, the dead endpoint's too,
        // and most of A's backlog was still pending.
        assertThat(receiver.dead()).as("attempts at A's dead endpoint").isGreaterThanOrEqualTo(5);
        assertThat(count(w, "a-dead", DeliveryStatus.PENDING) + count(w, "a-dead", DeliveryStatus.RETRYING))
                .as("A's dead endpoint's backlog still waiting").isGreaterThan(DEAD_BACKLOG / 2);
        receiver.open();
        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.answered() == backlog);
        // Every healthy delivery of A was attempted (one held past its attempt timeout is retrying).
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            long done = 0;
            for (int i = 0; i < A_ENDPOINTS; i++) {
                done += count(w, "a-" + i, DeliveryStatus.SUCCEEDED) + count(w, "a-" + i, DeliveryStatus.RETRYING);
            }
            return done == backlog;
        });
    }

    @Test
    void aTenantWhoseEndpointsHoldTheWholeBufferDoesNotKeepAnotherTenantsFreshEventFromBeingClaimed()
            throws Exception {
        Receiver receiver = new Receiver();
        MockWebServer server = new MockWebServer();
        server.setDispatcher(receiver);
        server.start();
        opened.add(() -> {
            receiver.open();
            server.close();
        });
        int batch = 10;
        Webhooks.Builder b = Webhooks.builder()
                .store(newStore(clock))
                .clock(clock)
                .networkPolicy(LOOPBACK)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(Duration.ofSeconds(5)).build())
                .concurrency(8)
                .batchSize(batch)
                .shutdownTimeout(Duration.ofSeconds(1));
        for (int i = 0; i < A_ENDPOINTS; i++) {
            b.endpoint(Endpoint.builder("a-" + i, server.url("/a/" + i).toString()).secret(secret).tenant(A)
                    .events("a.order.*").maxInFlight(1).build());
        }
        b.endpoint(Endpoint.builder("b", server.url("/b").toString()).secret(secret).tenant(B).events("b.*").build());
        Webhooks w = b.build().start();
        opened.add(0, w);
        List<WebhookEvent> orders = new ArrayList<>();
        for (int i = 0; i < A_EVENTS; i++) {
            orders.add(WebhookEvent.of("a.order.updated", Map.of("n", i)).toBuilder().tenant(A).build());
        }
        w.publisher().publishAll(orders); // 20 deliveries on each of A's 70 endpoints
        // Positive control of the case: every send slot is A's and A's lanes hold the whole buffer
        // (claimed, in flight in the store, beyond the 8 being sent).
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.held() == 8
                && w.reader().count(DeliveryQuery.all().withTenant(A).withStatus(DeliveryStatus.IN_FLIGHT)) >= 8 + batch);
        PublishReceipt fresh = w.publisher().publish(B, WebhookEvent.of("b.created", Map.of("n", 1)));

        int backlog = A_ENDPOINTS * A_EVENTS;
        for (int i = 0; i < backlog && receiver.bArrivedAfter() == null; i++) {
            receiver.answerOne();
            int answeredNow = i + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bArrivedAfter() != null
                    || receiver.answered() == answeredNow && receiver.held() == Math.min(8, backlog - answeredNow));
        }
        Integer after = receiver.bArrivedAfter();
        assertThat(after).as("tenant B's fresh event was delivered while A's backlog was held").isNotNull();
        assertThat(receiver.bIds()).containsExactly(fresh.messageId());
        org.slf4j.LoggerFactory.getLogger(TenantFairnessContract.class).info("tenant fairness, full buffer: B's event"
                + " came after {} of A's {} deliveries were answered", after, backlog);
        // B's claim does not wait for A's buffer to drain, and its lane gets a freed slot in turn
        // (3-7 here; 43 when a full buffer held B's claim back).
        assertThat(after).as("A's deliveries answered before B's came").isLessThanOrEqualTo(batch);
        assertThat(w.reader().count(DeliveryQuery.all().withTenant(A).withStatus(DeliveryStatus.PENDING)))
                .as("A's backlog still waiting").isGreaterThan(backlog / 2);
    }
}
