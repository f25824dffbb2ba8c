package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.PayloadExpungedException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryListener;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention on every store, through the real engine ({@code WebhookAdmin.runRetention}), with a
 * clock the tests move: each outcome's window, payload expunge, batches, the lease between nodes.
 * A subclass supplies a fresh store and, for the lease, a second node's store on the same data.
 */
public abstract class RetentionContract {

    protected static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    /** Less than any store's precision would lose: past the bound, not at it. */
    protected static final Duration TICK = Duration.ofMillis(1);

    protected static final RetentionPolicy POLICY = RetentionPolicy.builder().succeeded(Duration.ofDays(7))
            .dead(Duration.ofDays(30)).cancelled(Duration.ofDays(20)).payloads(Duration.ofDays(3)).build();

    protected final MutableClock clock = new MutableClock(START);
    protected DeliveryStore store;
    protected final List<RetentionReport> reports = new CopyOnWriteArrayList<>();
    private final List<Webhooks> opened = new ArrayList<>();

    /** A fresh, empty store on {@code clock}. */
    protected abstract DeliveryStore newStore(Clock clock) throws Exception;

    /** The store of a second node on the same data as {@link #store}. */
    protected abstract DeliveryStore secondNode(Clock clock) throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore(clock);
    }

    @AfterEach
    void closeNodes() {
        opened.forEach(Webhooks::close);
    }

    protected Webhooks node(DeliveryStore on, String nodeId, RetentionPolicy policy) {
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void onRetentionRun(RetentionReport report) {
                reports.add(report);
            }
        };
        Webhooks w = Webhooks.builder().store(on).clock(clock).nodeId(nodeId).retention(policy).listener(listener)
                .build();
        opened.add(w);
        return w;
    }

    protected WebhookMessage enqueue(String... endpoints) {
        WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.created"), clock.instant(),
                "{\"type\":\"client.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        store.enqueue(List.of(new OutboundMessage(m, List.of(endpoints))));
        return m;
    }

    protected List<ClaimedDelivery> claimAll() {
        Instant now = clock.instant();
        return store.claim(new ClaimRequest("node-test", 10_000, now, now.plusSeconds(30), Set.of()));
    }

    /** Claims every due delivery and records each as {@code status} (2xx for SUCCEEDED, else 500). */
    protected List<ClaimedDelivery> finishAll(DeliveryStatus status) {
        List<ClaimedDelivery> claims = claimAll();
        List<AttemptRecord> records = new ArrayList<>();
        for (ClaimedDelivery c : claims) {
            int code = status == DeliveryStatus.SUCCEEDED ? 200 : 500;
            records.add(new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), clock.instant(),
                    AttemptOutcome.response(code, null, "body", Duration.ofMillis(5))), status, null));
        }
        if (!records.isEmpty()) {
            store.record(records);
        }
        return claims;
    }

    protected String finishOne(DeliveryStatus status) {
        enqueue("ep-" + status.name().toLowerCase(java.util.Locale.ROOT));
        if (status == DeliveryStatus.CANCELLED) {
            String id = store.query(DeliveryQuery.all().withStatus(DeliveryStatus.PENDING)).get(0).id();
            store.cancelPending("ep-cancelled", clock.instant());
            return id;
        }
        return finishAll(status).get(0).deliveryId();
    }

    private boolean exists(String deliveryId) {
        return store.find(deliveryId).isPresent();
    }

    @Test
    void eachOutcomeIsKeptForItsOwnWindowCountedFromItsFinish() {
        Webhooks node = node(store, "node-a", POLICY);
        String succeeded = finishOne(DeliveryStatus.SUCCEEDED);
        String dead = finishOne(DeliveryStatus.DEAD);
        String cancelled = finishOne(DeliveryStatus.CANCELLED);
        String messageOfSucceeded = store.find(succeeded).orElseThrow().messageId();

        clock.advance(Duration.ofDays(7));
        RetentionReport atTheBound = node.admin().runRetention();
        assertThat(atTheBound.ran()).isTrue();
        assertThat(atTheBound.deliveriesPurged()).as("finished exactly 7 days ago: inside the window").isZero();
        assertThat(exists(succeeded)).isTrue();

        clock.advance(TICK);
        RetentionReport past = node.admin().runRetention();
        assertThat(past.deliveries()).containsEntry(DeliveryStatus.SUCCEEDED, 1L)
                .containsEntry(DeliveryStatus.DEAD, 0L).containsEntry(DeliveryStatus.CANCELLED, 0L);
        assertThat(past.attempts()).containsEntry(DeliveryStatus.SUCCEEDED, 1L);
        assertThat(exists(succeeded)).isFalse();
        assertThat(store.attempts(succeeded)).isEmpty();
        assertThat(store.message(messageOfSucceeded)).as("gone with its last delivery").isEmpty();
        assertThat(exists(dead)).isTrue();
        assertThat(exists(cancelled)).isTrue();

        clock.advance(Duration.ofDays(13).minus(TICK)); // 20 days after the finish
        assertThat(node.admin().runRetention().deliveriesPurged()).isZero();
        assertThat(exists(cancelled)).as("exactly 20 days: inside").isTrue();
        clock.advance(TICK);
        assertThat(node.admin().runRetention().deliveries()).containsEntry(DeliveryStatus.CANCELLED, 1L);
        assertThat(exists(cancelled)).isFalse();
        assertThat(exists(dead)).isTrue();

        clock.advance(Duration.ofDays(10).minus(TICK)); // 30 days
        node.admin().runRetention();
        assertThat(exists(dead)).as("exactly 30 days: inside").isTrue();
        clock.advance(TICK);
        RetentionReport last = node.admin().runRetention();
        assertThat(last.deliveries()).containsEntry(DeliveryStatus.DEAD, 1L);
        assertThat(exists(dead)).isFalse();
        assertThat(store.count(DeliveryQuery.all())).isZero();
        assertThat(last.oldestFinished()).isEmpty();
    }

    @Test
    void theOldestFinishedDeliveryOfEachOutcomeIsReported() {
        Webhooks node = node(store, "node-a", POLICY);
        finishOne(DeliveryStatus.DEAD);
        Instant deadAt = clock.instant();
        clock.advance(Duration.ofHours(1));
        finishOne(DeliveryStatus.SUCCEEDED);
        Instant succeededAt = clock.instant();

        RetentionReport report = node.admin().runRetention();

        assertThat(report.oldestFinished(DeliveryStatus.SUCCEEDED)).contains(succeededAt);
        assertThat(report.oldestFinished(DeliveryStatus.DEAD)).contains(deadAt);
        assertThat(report.oldestFinished(DeliveryStatus.CANCELLED)).isEmpty();
        assertThat(reports).as("told to the listeners").containsExactly(report);
    }

    @Test
    void aPayloadIsExpungedWhileTheMessageItsDeliveryAndAttemptsStay() {
        Webhooks node = node(store, "node-a", POLICY);
        String dead = finishOne(DeliveryStatus.DEAD);
        String messageId = store.find(dead).orElseThrow().messageId();
        WebhookMessage stillWaiting = enqueue("ep-slow", "ep-fast"); // one delivery will stay pending
        claimAndFinish(stillWaiting, "ep-fast");

        clock.advance(Duration.ofDays(3));
        assertThat(node.admin().runRetention().payloads()).as("exactly 3 days: inside").isZero();
        assertThat(store.message(messageId).orElseThrow().isPayloadExpunged()).isFalse();

        clock.advance(TICK);
        RetentionReport report = node.admin().runRetention();

        assertThat(report.payloads()).isEqualTo(1);
        WebhookMessage expunged = store.message(messageId).orElseThrow();
        assertThat(expunged.isPayloadExpunged()).isTrue();
        assertThat(expunged.payloadExpungedAt()).contains(clock.instant());
        assertThat(expunged.id()).isEqualTo(messageId);
        assertThat(expunged.type()).isEqualTo(EventType.of("client.created"));
        assertThat(expunged.toString()).contains("payloadExpungedAt=");
        assertThatThrownBy(expunged::body).isInstanceOf(PayloadExpungedException.class)
                .hasMessageContaining(messageId).hasMessageContaining("expunged by retention");
        assertThatThrownBy(expunged::bodyAsString).isInstanceOf(PayloadExpungedException.class);
        assertThat(store.find(dead)).as("the delivery stays").isPresent();
        assertThat(store.attempts(dead)).as("its attempts stay").hasSize(1);
        assertThat(node.reader().message(messageId)).contains(expunged);

        assertThatThrownBy(() -> node.admin().redeliver(dead)).isInstanceOf(PayloadExpungedException.class)
                .hasMessageContaining("cannot redeliver " + dead);
        assertThat(store.find(dead).orElseThrow().status()).as("left as it was").isEqualTo(DeliveryStatus.DEAD);
        assertThat(store.replayFailed("ep-dead", START, clock.instant())).as("nothing to send").isZero();

        assertThat(store.message(stillWaiting.id()).orElseThrow().isPayloadExpunged())
                .as("a delivery of it is still pending").isFalse();
        claimAndFinish(stillWaiting, "ep-slow");
        clock.advance(Duration.ofDays(3).plus(TICK));
        assertThat(node.admin().runRetention().payloads()).isEqualTo(1);
        assertThat(store.message(stillWaiting.id()).orElseThrow().isPayloadExpunged()).isTrue();
    }

    private void claimAndFinish(WebhookMessage m, String endpointId) {
        Instant now = clock.instant();
        List<String> others = List.of("ep-slow", "ep-fast").stream().filter(e -> !e.equals(endpointId)).toList();
        ClaimedDelivery c = store.claim(new ClaimRequest("node-test", 10, now, now.plusSeconds(30), Set.copyOf(others)))
                .stream().filter(x -> x.message().id().equals(m.id())).findFirst().orElseThrow();
        store.record(List.of(new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), now,
                AttemptOutcome.response(200, null, "ok", Duration.ofMillis(5))), DeliveryStatus.SUCCEEDED, null)));
    }

    @Test
    void messagesThatMatchedNoEndpointGoAfterTheSucceededWindow() {
        Webhooks node = node(store, "node-a", POLICY);
        WebhookMessage unmatched = enqueue();

        clock.advance(Duration.ofDays(7));
        assertThat(node.admin().runRetention().messages()).isZero();
        assertThat(store.message(unmatched.id())).isPresent();

        clock.advance(TICK);
        assertThat(node.admin().runRetention().messages()).isEqualTo(1);
        assertThat(store.message(unmatched.id())).isEmpty();
    }

    @Test
    void moreRowsThanABatchTakeSeveralTransactions() {
        Webhooks node = node(store, "node-a", POLICY.toBuilder().batchSize(3).build());
        for (int i = 0; i < 10; i++) {
            enqueue("ep-a");
        }
        finishAll(DeliveryStatus.SUCCEEDED);
        clock.advance(Duration.ofDays(8));

        RetentionReport report = node.admin().runRetention();

        assertThat(report.deliveries()).containsEntry(DeliveryStatus.SUCCEEDED, 10L);
        assertThat(report.attempts()).containsEntry(DeliveryStatus.SUCCEEDED, 10L);
        assertThat(report.messages()).isEqualTo(10);
        // succeeded 3+3+3+1, one each for dead, cancelled, payloads, unmatched messages and expired idempotency keys
        assertThat(report.batches()).isEqualTo(9);
        assertThat(store.count(DeliveryQuery.all())).isZero();
    }

    @Test
    void oneNodePurgesAtATimeAndAnotherTakesOverWhenTheHolderStops() throws Exception {
        DeliveryStore other = secondNode(clock);
        RetentionPolicy monthly = POLICY.toBuilder().interval(Duration.ofDays(30)).build(); // a lease of 60 days
        Webhooks a = node(store, "node-a", monthly).start();
        Webhooks b = node(other, "node-b", monthly);

        assertThat(a.admin().runRetention().ran()).isTrue();
        finishOne(DeliveryStatus.SUCCEEDED);
        clock.advance(Duration.ofDays(8));
        RetentionReport skipped = b.admin().runRetention();
        assertThat(skipped.ran()).as("node-a holds the lease between its runs").isFalse();
        assertThat(skipped.deliveriesPurged()).isZero();
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(1);

        a.stop(); // gives the lease back

        RetentionReport takenOver = b.admin().runRetention();
        assertThat(takenOver.ran()).isTrue();
        assertThat(takenOver.deliveriesPurged()).isEqualTo(1);
        assertThat(a.admin().runRetention().ran()).as("node-b holds it now").isFalse();
    }

    @Test
    void aLeaseThatIsNotRenewedEndsAndAnotherNodeTakesOver() throws Exception {
        DeliveryStore other = secondNode(clock);
        Webhooks a = node(store, "node-a", POLICY);
        Webhooks b = node(other, "node-b", POLICY);

        assertThat(a.admin().runRetention().ran()).isTrue();
        clock.advance(POLICY.interval());
        assertThat(b.admin().runRetention().ran()).as("node-a's lease runs two intervals and a minute").isFalse();
        assertThat(a.admin().runRetention().ran()).as("node-a renews it").isTrue();

        clock.advance(POLICY.interval().multipliedBy(2).plusMinutes(1)); // node-a died: no renewal
        assertThat(b.admin().runRetention().ran()).isTrue();
        assertThat(a.admin().runRetention().ran()).isFalse();
    }

    @Test
    void theScheduleRunsOnItsOwnThreadWhileStarted() {
        Webhooks node = node(store, "node-a", POLICY.toBuilder().interval(Duration.ofSeconds(1)).build());
        finishOne(DeliveryStatus.SUCCEEDED);
        clock.advance(Duration.ofDays(8));

        node.start();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> reports.stream().anyMatch(r -> r.deliveriesPurged() == 1));
        assertThat(store.count(DeliveryQuery.all())).isZero();
    }

    @Test
    void aDisabledPolicyDoesNotRunOnASchedule() {
        RetentionPolicy off = POLICY.toBuilder().enabled(false).interval(Duration.ofSeconds(1)).build();
        Webhooks node = node(store, "node-a", off).start();
        finishOne(DeliveryStatus.SUCCEEDED);
        clock.advance(Duration.ofDays(8));

        assertThat(node.admin().runRetention().deliveriesPurged()).as("by hand it still runs").isEqualTo(1);
        assertThat(reports).hasSize(1);
    }
}
