package io.cactus.webhooks.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.delivery.RetryPolicy;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.endpoint.EndpointHealth;
import io.cactus.webhooks.endpoint.EndpointHealthPolicy;
import io.cactus.webhooks.endpoint.RecoveryPolicy;
import io.cactus.webhooks.http.NetworkPolicy;
import io.cactus.webhooks.signing.WebhookSecret;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.testing.MutableClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery without a storm, for each store a subclass: the ramp after a pause, the share of slots
 * kept for first attempts, fairness across endpoints and paced replays, all observed in the order
 * and concurrency of the requests a MockWebServer receives (held by a {@link Gate} until the test
 * releases them), never in wall-clock timings.
 */
public abstract class RecoveryContract {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final NetworkPolicy LOOPBACK = NetworkPolicy.builder().allow("127.0.0.1/32").allow("::1/128").build();

    /** A new, empty store on {@code clock}. */
    protected abstract DeliveryStore newStore(Clock clock) throws Exception;

    private final MutableClock clock = MutableClock.startingNow();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final List<MockWebServer> servers = new ArrayList<>();
    private final List<Webhooks> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Webhooks::close);
        servers.forEach(MockWebServer::close);
    }

    /**
     * A receiver that answers at once while open ({@link #answer} sets the status) and, while
     * holding, keeps each request until the test releases it; it records, at each arrival, how many
     * requests it held and how many it had answered since holding began.
     */
    static final class Gate extends Dispatcher {
        record Arrival(String messageId, int held, int answered) {
        }

        private volatile int answer = 200;
        private boolean holding;
        private final List<String> heldIds = new ArrayList<>();
        private final Map<String, Integer> released = new java.util.HashMap<>();
        /** Read at each arrival into {@link #watched}, when set. */
        volatile java.util.function.@org.jspecify.annotations.Nullable IntSupplier watch;
        final List<Integer> watched = java.util.Collections.synchronizedList(new ArrayList<>());
        private int answered;
        final List<Arrival> arrivals = new ArrayList<>();
        final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String id = request.getHeaders().get("webhook-id");
            java.util.function.IntSupplier w = watch;
            if (w != null) {
                watched.add(w.getAsInt());
            }
            order.add(id);
            int status = answer;
            synchronized (this) {
                if (holding) {
                    heldIds.add(id);
                    arrivals.add(new Arrival(id, heldIds.size(), answered));
                    Integer given;
                    while ((given = released.remove(id)) == null) {
                        wait();
                    }
                    status = given;
                    heldIds.remove(id);
                    answered++;
                    notifyAll();
                }
            }
            return new MockResponse.Builder().code(status).build();
        }

        void answer(int status) {
            this.answer = status;
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized int held() {
            return heldIds.size();
        }

        synchronized List<String> heldIds() {
            return List.copyOf(heldIds);
        }

        synchronized int answered() {
            return answered;
        }

        synchronized List<Arrival> arrivals() {
            return List.copyOf(arrivals);
        }

        /** Lets the oldest held request answer 200. */
        synchronized void releaseOne() {
            releaseOne(200);
        }

        /** Lets the oldest held request answer {@code status}. */
        synchronized void releaseOne(int status) {
            released.put(heldIds.get(0), status);
            notifyAll();
        }

        /** Lets every held request answer and stops holding. */
        synchronized void open() {
            holding = false;
            heldIds.forEach(id -> released.put(id, answer));
            notifyAll();
        }
    }

    private MockWebServer server(Gate gate) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(gate);
        server.start();
        servers.add(server);
        return server;
    }

    private Webhooks webhooks(Consumer<Webhooks.Builder> config) throws Exception {
        Webhooks.Builder b = Webhooks.builder()
                .store(newStore(clock))
                .clock(clock)
                .networkPolicy(LOOPBACK)
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(STEP, STEP, STEP).build())
                .shutdownTimeout(Duration.ofSeconds(1));
        config.accept(b);
        Webhooks w = b.build().start();
        opened.add(w);
        return w;
    }

    private Endpoint endpoint(String id, MockWebServer server, int cap) {
        return Endpoint.builder(id, server.url("/hook/" + id).toString()).secret(secret).maxInFlight(cap)
                .events(id + ".*").build();
    }

    private static List<PublishReceipt> publish(Webhooks w, String endpoint, int n) {
        List<WebhookEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(WebhookEvent.of(endpoint + ".updated", Map.of("n", i)));
        }
        return w.publisher().publishAll(events);
    }

    private static long count(Webhooks w, String endpoint, DeliveryStatus status) {
        return w.reader().count(DeliveryQuery.all().withEndpoint(endpoint).withStatus(status));
    }

    /** The allowance after {@code answered} healthy answers of a ramp 1, x2 up to {@code cap}. */
    private static int ramp(int answered, int cap) {
        int allowance = 1;
        int needed = 1;
        int left = answered;
        while (allowance < cap && left >= needed) {
            left -= needed;
            allowance = Math.min(cap, allowance * 2);
            needed = allowance;
        }
        return allowance;
    }

    /**
     * Pauses an endpoint of cap 8 with one failure, queues {@code backlog} deliveries behind it,
     * lets the probe through, then answers the drain one request at a time, each time waiting until
     * the server holds {@code expected(answered)} requests.
     */
    private Gate recover(RecoveryPolicy recovery, int backlog, java.util.function.IntUnaryOperator expected)
            throws Exception {
        Gate gate = new Gate();
        MockWebServer server = server(gate);
        Webhooks w = webhooks(b -> b.endpoint(endpoint("crm", server, 8)).concurrency(16).recovery(recovery)
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(1).pause(Duration.ofSeconds(30)).build()));
        gate.answer(500);
        publish(w, "crm", 1);
        await().until(() -> w.reader().health("crm").state() == EndpointHealth.State.PAUSED);
        publish(w, "crm", backlog);
        gate.answer(200);
        gate.hold();
        clock.advance(Duration.ofSeconds(31));
        w.wake();
        await().until(() -> gate.held() == 1); // the probe
        gate.releaseOne();
        await().until(() -> w.reader().health("crm").state() == EndpointHealth.State.HEALTHY);
        int total = backlog; // the probe was one of backlog + 1
        for (int answered = 1; answered <= total; answered++) {
            int want = Math.min(expected.applyAsInt(answered - 1), total - (answered - 1));
            int step = answered;
            await().alias("held " + want + " after " + step + " answers")
                    .until(gate::held, n -> n == want);
            gate.releaseOne();
        }
        await().until(() -> count(w, "crm", DeliveryStatus.SUCCEEDED) == backlog + 1);
        return gate;
    }

    @Test
    void aRecoveringEndpointRampsItsInFlightAllowanceOneTwoFourUpToItsCap() throws Exception {
        Gate ramped = recover(RecoveryPolicy.DEFAULT, 40, answered -> ramp(answered, 8));
        List<Gate.Arrival> after = ramped.arrivals().subList(1, ramped.arrivals().size()); // after the probe
        assertThat(after).hasSize(40).allSatisfy(a -> assertThat(a.held())
                .as("held at an arrival after %d answers", a.answered()).isLessThanOrEqualTo(ramp(a.answered() - 1, 8)));
        assertThat(after).extracting(Gate.Arrival::held).as("the ramp reaches the cap").contains(8);
        assertThat(after.get(0).held()).isEqualTo(1);

        // Positive control: without a ramp the backlog goes out at the cap as soon as the probe succeeds.
        Gate burst = recover(RecoveryPolicy.NONE, 40, answered -> 8);
        assertThat(burst.arrivals().subList(1, 9)).extracting(Gate.Arrival::answered).as("8 sent after one answer")
                .containsOnly(1);
    }

    @Test
    void a503WithRetryAfterRestartsTheRampAndHoldsTheEndpoint() throws Exception {
        Gate gate = new Gate();
        MockWebServer server = server(gate);
        Webhooks w = webhooks(b -> b.endpoint(endpoint("crm", server, 8)).concurrency(16)
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(100).build()));
        gate.hold();
        publish(w, "crm", 1);
        await().until(() -> gate.held() == 1);
        publish(w, "crm", 30);
        await().until(() -> gate.held() == 8); // healthy: the cap at once
        gate.releaseOne(503); // a 503 without Retry-After: the ramp starts again at 1
        for (int i = 0; i < 7; i++) {
            int left = 7 - i;
            await().until(() -> gate.held() == left); // nothing new is sent while they are under way
            gate.releaseOne(); // the 7 already under way answer 200: no step of the new ramp
        }
        await().until(() -> gate.answered() == 8);
        await().until(() -> gate.held() == 1);
        gate.releaseOne();
        await().until(() -> gate.held() == 2);
        List<Gate.Arrival> arrivals = gate.arrivals();
        assertThat(arrivals.subList(8, arrivals.size())).as("after the 503: one, then two")
                .extracting(Gate.Arrival::held).containsExactly(1, 1, 2);
        gate.open();
        await().until(() -> count(w, "crm", DeliveryStatus.SUCCEEDED) == 30);
    }

    @Test
    void retriesDoNotStarveFirstAttemptsOfTheSameEndpoint() throws Exception {
        List<Integer> shared = freshPositions(RecoveryPolicy.DEFAULT);
        assertThat(shared).as("positions of the 10 first attempts among 210 requests").hasSize(10)
                .allSatisfy(p -> assertThat(p).isLessThan(180));
        // Not asserted: how far ahead of 180 they come. That depends on how many retries the lane
        // had buffered when the claim thread next ran, which is scheduling, not the share (it
        // failed a bound of "6 within the first 100" on a quiet machine).
        // Positive control: with no share kept, the first attempts wait behind the retries.
        List<Integer> starved = freshPositions(RecoveryPolicy.builder().firstAttemptShare(0).rampStart(Integer.MAX_VALUE)
                .build());
        assertThat(starved).hasSize(10).allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(180));
    }

    /** 200 retries due, then 10 first attempts published: where the first attempts came in the order of requests. */
    private List<Integer> freshPositions(RecoveryPolicy recovery) throws Exception {
        Gate gate = new Gate();
        MockWebServer server = server(gate);
        Webhooks w = webhooks(b -> b.endpoint(endpoint("crm", server, 4)).concurrency(16).recovery(recovery)
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(10_000).build()));
        gate.answer(500);
        publish(w, "crm", 200);
        await().until(() -> count(w, "crm", DeliveryStatus.RETRYING) == 200);
        gate.order.clear();
        gate.answer(200);
        gate.hold();
        clock.advance(STEP.plusSeconds(1));
        w.wake();
        await().until(() -> gate.held() == 4);
        Set<String> fresh = new HashSet<>();
        for (PublishReceipt r : publish(w, "crm", 10)) {
            fresh.add(r.messageId());
        }
        gate.open();
        await().until(() -> count(w, "crm", DeliveryStatus.SUCCEEDED) == 210);
        List<Integer> positions = new ArrayList<>();
        List<String> order = List.copyOf(gate.order);
        for (int i = 0; i < order.size(); i++) {
            if (fresh.contains(order.get(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    @Test
    void aBacklogAtTheDispatchersWholeConcurrencyDoesNotDelayAnotherEndpoint() throws Exception {
        Gate big = new Gate();
        Gate other = new Gate();
        MockWebServer bigServer = server(big);
        MockWebServer otherServer = server(other);
        Webhooks w = webhooks(b -> b.endpoint(endpoint("big", bigServer, 8)).endpoint(endpoint("other", otherServer, 8))
                .concurrency(4));
        big.hold();
        publish(w, "big", 300);
        await().until(() -> big.held() == 4); // every dispatcher slot
        PublishReceipt fresh = w.publisher().publish(WebhookEvent.of("other.created", Map.of()));
        await().until(() -> count(w, "other", DeliveryStatus.IN_FLIGHT) == 1); // claimed, waiting for a slot
        assertThat(other.order).isEmpty();
        other.watch = () -> big.order.size();
        // The other lane may still be on its way to the queue of lanes waiting for a slot when the
        // first answer comes: two answers, each followed by the backlog's lane filling up again.
        for (int i = 0; i < 2; i++) {
            big.releaseOne();
            await().until(() -> big.held() == 4); // the backlog goes on (positive control)
        }
        await().until(() -> other.order.size() == 1);
        assertThat(other.order).containsExactly(fresh.messageId());
        assertThat(other.watched).singleElement().as("the backlog's requests when the other endpoint's came:"
                + " a freed slot went to it, not to the backlog").satisfies(n -> assertThat(n).isLessThanOrEqualTo(5));
        big.open();
        await().atMost(Duration.ofSeconds(60)).until(() -> count(w, "big", DeliveryStatus.SUCCEEDED) == 300);
    }

    /**
     * Each claim's endpoints, in the order of the claims, once {@code watching} is set, and whether
     * it began after {@code published} was set.
     */
    static final class ClaimLog implements java.lang.reflect.InvocationHandler {
        private final DeliveryStore store;
        volatile boolean watching;
        volatile boolean published;
        record Claim(boolean afterPublication, List<String> endpoints) {
        }
        final List<Claim> claims = java.util.Collections.synchronizedList(new ArrayList<>());

        ClaimLog(DeliveryStore store) {
            this.store = store;
        }

        DeliveryStore proxy() {
            return (DeliveryStore) java.lang.reflect.Proxy.newProxyInstance(DeliveryStore.class.getClassLoader(),
                    new Class<?>[] {DeliveryStore.class}, this);
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            boolean watched = watching;
            boolean after = published; // read before the call: under way at publication or not
            Object result;
            try {
                result = method.invoke(store, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
            if (watched && method.getName().equals("claim")) {
                claims.add(new Claim(after, ((List<?>) result).stream()
                        .map(c -> ((io.cactus.webhooks.spi.ClaimedDelivery) c).endpointId()).toList()));
            }
            return result;
        }
    }

    @Test
    void aBacklogOfTenThousandOnOneEndpointDoesNotKeepAnotherEndpointsFreshDeliveryBehindIt() throws Exception {
        Gate big = new Gate();
        Gate other = new Gate();
        MockWebServer bigServer = server(big);
        MockWebServer otherServer = server(other);
        ClaimLog log = new ClaimLog(newStore(clock));
        Webhooks w = webhooks(b -> b.store(log.proxy()).endpoint(endpoint("big", bigServer, 8))
                .endpoint(endpoint("other", otherServer, 8)).concurrency(16));
        publish(w, "big", 10_000);
        await().atMost(Duration.ofSeconds(60)).until(() -> big.order.size() >= 50); // the backlog drains
        clock.advance(Duration.ofSeconds(1)); // due after every delivery of the backlog
        log.watching = true;
        PublishReceipt fresh = w.publisher().publish(WebhookEvent.of("other.created", Map.of()));
        log.published = true;
        w.wake();
        await().atMost(Duration.ofSeconds(60)).until(() -> other.order.size() == 1);
        assertThat(other.order).containsExactly(fresh.messageId());
        List<ClaimLog.Claim> claims = List.copyOf(log.claims);
        int upTo = 0; // claims begun after publication, before the one that took it
        long backlogBefore = 0;
        for (ClaimLog.Claim claim : claims) {
            if (claim.endpoints().contains("other")) {
                break;
            }
            if (claim.afterPublication()) {
                upTo++;
                backlogBefore += claim.endpoints().size();
            }
        }
        org.slf4j.LoggerFactory.getLogger(RecoveryContract.class).info("fairness: claimed in claim {} after"
                + " publication, {} of the backlog claimed before it", upTo + 1, backlogBefore);
        // Oldest due first across endpoints, each claim after publication would take the backlog's
        // oldest (up to 9,950 of them) while its lane had room; claimed by endpoint, the first claim
        // after publication takes it.
        assertThat(upTo).as("claims after publication before the one with the other endpoint's delivery: " + claims)
                .isZero();
        assertThat(claims).as("the backlog goes on (positive control)")
                .anySatisfy(c -> assertThat(c.endpoints()).contains("big"));
    }

    @Test
    void aReplayDryRunCountsWhatTheReplayThenSendsPacedBehindFreshWork() throws Exception {
        Gate gate = new Gate();
        MockWebServer server = server(gate);
        Webhooks w = webhooks(b -> b.endpoint(endpoint("crm", server, 8))
                .retryPolicy(RetryPolicy.builder().jitter(0).schedule(List.of()).build())
                .recovery(RecoveryPolicy.builder().replayRatePerSecond(1).build())
                .healthPolicy(EndpointHealthPolicy.builder().failureThreshold(10_000).build()));
        gate.answer(500);
        Instant from = clock.instant();
        publish(w, "crm", 12);
        w.publisher().publish(WebhookEvent.of("crm.deleted", Map.of()));
        await().until(() -> count(w, "crm", DeliveryStatus.DEAD) == 13);
        clock.advance(Duration.ofSeconds(1));
        Instant before = clock.instant();
        gate.answer(200);

        ReplaySelection updated = ReplaySelection.of("crm", from, before).eventType("crm.updated");
        int dryRun = w.admin().replayDryRun(updated);
        assertThat(dryRun).isEqualTo(12);
        assertThat(count(w, "crm", DeliveryStatus.DEAD)).as("a dry run changes nothing").isEqualTo(13);
        int sent = gate.order.size();
        assertThat(w.admin().replay(updated)).isEqualTo(dryRun);
        PublishReceipt live = w.publisher().publish(WebhookEvent.of("crm.created", Map.of()));
        // One replayed delivery per second of (the test's) clock: the first now, the live one right behind it.
        await().until(() -> count(w, "crm", DeliveryStatus.SUCCEEDED) == 2);
        assertThat(gate.order.subList(sent, gate.order.size())).hasSize(2).contains(live.messageId());
        for (int i = 1; i <= 11; i++) {
            clock.advance(Duration.ofSeconds(1));
            w.wake();
            int expected = 2 + i;
            await().until(() -> count(w, "crm", DeliveryStatus.SUCCEEDED) == expected);
        }
        assertThat(count(w, "crm", DeliveryStatus.DEAD)).as("the other type is left dead").isEqualTo(1);
        assertThat(w.admin().replayDryRun(updated)).isZero();

        assertThatIllegalArgumentException().isThrownBy(() -> ReplaySelection.of("crm", before, from))
                .withMessageContaining("from (" + before + ") must be before");
        assertThatIllegalArgumentException().isThrownBy(() -> w.admin().replayDryRun(ReplaySelection.of("nobody", from, before)));
    }
}
