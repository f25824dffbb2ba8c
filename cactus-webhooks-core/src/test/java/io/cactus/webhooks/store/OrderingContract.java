package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery per key, as every {@link DeliveryStore} must keep it: a claim never returns a
 * delivery while an earlier one of its endpoint and key is unfinished. A subclass supplies a fresh,
 * empty store per test.
 */
public abstract class OrderingContract {

    protected static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected final MutableClock clock = new MutableClock(START);
    protected DeliveryStore store;

    /** A fresh, empty store on {@code clock}. */
    protected abstract DeliveryStore newStore(Clock clock) throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore(clock);
    }

    /** Publishes one message with {@code key}, ordered on "ordered" and unordered on "plain"; returns its id. */
    protected String publish(String key) {
        WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.updated"), clock.instant(),
                "{}".getBytes(StandardCharsets.UTF_8));
        store.enqueue(List.of(new OutboundMessage(m, List.of("ordered", "plain"), key, Set.of("ordered"))));
        return m.id();
    }

    protected List<ClaimedDelivery> claim(String endpoint, int limit) {
        Set<String> excluded = endpoint.equals("ordered") ? Set.of("plain") : Set.of("ordered");
        return store.claim(new ClaimRequest("node-1", limit, clock.instant(), clock.instant().plus(LEASE), excluded));
    }

    protected AttemptRecord outcome(ClaimedDelivery c, DeliveryStatus status) {
        AttemptOutcome o = status == DeliveryStatus.SUCCEEDED ? AttemptOutcome.response(200, null, null, Duration.ofMillis(5))
                : AttemptOutcome.response(503, null, null, Duration.ofMillis(5));
        return new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), clock.instant(), o), status,
                status == DeliveryStatus.RETRYING ? clock.instant().plusSeconds(5) : null);
    }

    private static List<String> messages(List<ClaimedDelivery> claims) {
        return claims.stream().map(c -> c.message().id()).toList();
    }

    @Test
    void oneDeliveryPerKeyIsClaimedAtATimeInPublishOrderWhileOtherKeysAndUnorderedEndpointsGoInParallel() {
        String a1 = publish("client-a");
        String a2 = publish("client-a");
        String b1 = publish("client-b");

        List<ClaimedDelivery> first = claim("ordered", 10);
        assertThat(messages(first)).containsExactlyInAnyOrder(a1, b1);
        assertThat(first).allSatisfy(c -> assertThat(c.orderingKey()).isIn("client-a", "client-b"));
        assertThat(messages(claim("plain", 10))).as("positive control: unordered endpoint takes all three")
                .containsExactlyInAnyOrder(a1, a2, b1);
        assertThat(claim("ordered", 10)).as("a2 waits for a1 in flight").isEmpty();

        ClaimedDelivery claimA1 = first.stream().filter(c -> c.message().id().equals(a1)).findFirst().orElseThrow();
        store.record(List.of(outcome(claimA1, DeliveryStatus.SUCCEEDED)));
        assertThat(messages(claim("ordered", 10))).containsExactly(a2);
    }

    @Test
    void aRetryingHeadBlocksOnlyItsOwnKey() {
        String a1 = publish("client-a");
        String a2 = publish("client-a");
        ClaimedDelivery head = claim("ordered", 1).get(0);
        assertThat(head.message().id()).isEqualTo(a1);
        store.record(List.of(outcome(head, DeliveryStatus.RETRYING)));
        String b1 = publish("client-b");

        assertThat(messages(claim("ordered", 10))).as("a2 waits behind the retrying a1; b1 goes").containsExactly(b1);
        clock.advance(Duration.ofSeconds(6));
        ClaimedDelivery again = claim("ordered", 10).get(0);
        assertThat(again.message().id()).isEqualTo(a1);
        store.record(List.of(outcome(again, DeliveryStatus.SUCCEEDED)));
        assertThat(messages(claim("ordered", 10))).containsExactly(a2);
    }

    @Test
    void anExpiredLeaseIsTakenAgainBeforeTheNextOfItsKey() {
        String a1 = publish("client-a");
        publish("client-a");
        assertThat(messages(claim("ordered", 10))).containsExactly(a1);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(messages(claim("ordered", 10))).as("the crashed node's a1 comes back, a2 still waits")
                .containsExactly(a1);
    }

    @Test
    void aBlockedHeadHoldsItsKeyUntilSkippedOrRedelivered() {
        String a1 = publish("client-a");
        String a2 = publish("client-a");
        String a3 = publish("client-a");
        ClaimedDelivery head = claim("ordered", 10).get(0);
        store.record(List.of(outcome(head, DeliveryStatus.BLOCKED)));
        assertThat(store.find(head.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.BLOCKED);
        clock.advance(Duration.ofHours(1));
        assertThat(claim("ordered", 10)).as("blocked: nothing of client-a goes").isEmpty();
        assertThat(store.skipBlocked(claim("plain", 1).get(0).deliveryId(), clock.instant()))
                .as("only a BLOCKED delivery is skipped").isFalse();

        assertThat(store.redeliver(head.deliveryId(), clock.instant())).isTrue();
        ClaimedDelivery retried = claim("ordered", 10).get(0);
        assertThat(retried.message().id()).as("a redelivered blocked head keeps its place").isEqualTo(a1);
        store.record(List.of(outcome(retried, DeliveryStatus.BLOCKED)));

        assertThat(store.skipBlocked(retried.deliveryId(), clock.instant())).isTrue();
        assertThat(store.find(retried.deliveryId()).orElseThrow().status()).isEqualTo(DeliveryStatus.DEAD);
        ClaimedDelivery next = claim("ordered", 10).get(0);
        assertThat(next.message().id()).isEqualTo(a2);
        store.record(List.of(outcome(next, DeliveryStatus.SUCCEEDED)));
        assertThat(messages(claim("ordered", 10))).containsExactly(a3);
    }

    @Test
    void aRedeliveredFinishedDeliveryGoesAfterWhatItsKeyHasAndNeverBesideIt() {
        String a1 = publish("client-a");
        ClaimedDelivery c1 = claim("ordered", 10).get(0);
        store.record(List.of(outcome(c1, DeliveryStatus.SUCCEEDED)));
        String a2 = publish("client-a");
        ClaimedDelivery c2 = claim("ordered", 10).get(0);
        assertThat(c2.message().id()).isEqualTo(a2);

        assertThat(store.redeliver(c1.deliveryId(), clock.instant())).isTrue();
        assertThat(claim("ordered", 10)).as("a1 again waits for a2 in flight").isEmpty();
        store.record(List.of(outcome(c2, DeliveryStatus.SUCCEEDED)));
        assertThat(messages(claim("ordered", 10))).containsExactly(a1);
    }

    @Test
    void replayedDeadDeliveriesKeepTheirOrderAfterWhatTheKeyHas() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publish("client-a"));
        }
        for (int i = 0; i < 3; i++) {
            ClaimedDelivery c = claim("ordered", 10).get(0);
            store.record(List.of(outcome(c, DeliveryStatus.DEAD))); // what SKIP does
        }
        String later = publish("client-a");
        assertThat(store.replayFailed("ordered", START, clock.instant())).isEqualTo(3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClaimedDelivery c = claim("ordered", 10).get(0);
            order.add(c.message().id());
            store.record(List.of(outcome(c, DeliveryStatus.SUCCEEDED)));
        }
        assertThat(order).containsExactly(later, ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void cancellingAnEndpointFreesItsKeys() {
        publish("client-a");
        ClaimedDelivery head = claim("ordered", 10).get(0);
        store.record(List.of(outcome(head, DeliveryStatus.BLOCKED)));
        assertThat(store.cancelPending("ordered", clock.instant())).isEqualTo(1);
        String a2 = publish("client-a");
        assertThat(messages(claim("ordered", 10))).containsExactly(a2);
    }

    @Test
    void aKeyIsValidatedWithAClearError() {
        WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.updated"), clock.instant(),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new OutboundMessage(m, List.of("ordered"), " ", Set.of("ordered")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordering key");
        assertThatThrownBy(() -> new OutboundMessage(m, List.of("plain"), "k", Set.of("ordered")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered endpoint 'ordered'");
        assertThatThrownBy(() -> new OutboundMessage(m, List.of("ordered"), null, Set.of("ordered")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ordering key");
    }
}
