package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.IdempotencyKey;
import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.delivery.RetentionPolicy;
import io.cactus.webhooks.delivery.RetentionReport;
import io.cactus.webhooks.endpoint.Endpoint;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotent publishing on every store, through the real engine: a key published twice stores one
 * message and answers the first receipt; the window moves with the engine's clock; retention
 * deletes expired keys; two nodes racing on one key store one message; bad keys are refused and
 * change nothing. A subclass supplies a fresh store and a second node's store on the same data.
 */
public abstract class IdempotencyContract {

    protected static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    protected static final EventType CREATED = EventType.of("client.created");

    protected final MutableClock clock = new MutableClock(START);
    protected DeliveryStore store;
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

    /** An engine on {@code on}, not started (nothing is sent), with two endpoints for client.created. */
    protected Webhooks node(DeliveryStore on, String nodeId) {
        Webhooks w = Webhooks.builder().store(on).clock(clock).nodeId(nodeId).retention(RetentionPolicy.defaults())
                .endpoint(Endpoint.builder("crm", "https://crm.example.com/hook").build())
                .endpoint(Endpoint.builder("erp", "https://erp.example.com/hook").build())
                .build();
        opened.add(w);
        return w;
    }

    protected static WebhookEvent keyed(String key) {
        return WebhookEvent.builder(CREATED, Map.of("id", 42)).idempotencyKey(key).build();
    }

    protected long deliveries() {
        return store.count(DeliveryQuery.all());
    }

    @Test
    void sameKeyTwiceStoresOneMessageAndAnswersTheFirstReceipt() {
        Webhooks w = node(store, "node-a");
        PublishReceipt first = w.publisher().publish(keyed("order-42-placed"));
        WebhookEvent again = keyed("order-42-placed");
        PublishReceipt second = w.publisher().publish(again);

        assertThat(first.outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(second.outcome()).isEqualTo(PublishOutcome.DUPLICATE);
        assertThat(second.isDuplicate()).isTrue();
        assertThat(second.messageId()).isEqualTo(first.messageId()).isNotEqualTo(again.id());
        assertThat(second.type()).isEqualTo(first.type());
        assertThat(second.endpointIds()).containsExactly("crm", "erp").isEqualTo(first.endpointIds());
        assertThat(second).isEqualTo(first.asDuplicate());
        assertThat(deliveries()).isEqualTo(2);
        assertThat(store.message(first.messageId())).isPresent();
        assertThat(store.message(again.id())).isEmpty();
    }

    @Test
    void aKeyIsADuplicateUntilTheWindowEndsThenANewMessageIsStored() {
        Webhooks w = node(store, "node-a");
        PublishReceipt first = w.publisher().publish(keyed("k-window"));
        clock.advance(Webhooks.DEFAULT_IDEMPOTENCY_WINDOW.minusMillis(1));
        assertThat(w.publisher().publish(keyed("k-window")).outcome()).isEqualTo(PublishOutcome.DUPLICATE);

        clock.advance(Duration.ofMillis(1));
        PublishReceipt after = w.publisher().publish(keyed("k-window"));

        assertThat(after.outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(after.messageId()).isNotEqualTo(first.messageId());
        assertThat(deliveries()).isEqualTo(4);
        // the new message holds the key for a window of its own
        assertThat(w.publisher().publish(keyed("k-window")).messageId()).isEqualTo(after.messageId());
    }

    @Test
    void theWindowIsTheEnginesSetting() {
        Webhooks w = Webhooks.builder().store(store).clock(clock).idempotencyWindow(Duration.ofMinutes(5))
                .endpoint(Endpoint.builder("crm", "https://crm.example.com/hook").build()).build();
        opened.add(w);
        assertThat(w.idempotencyWindow()).isEqualTo(Duration.ofMinutes(5));
        PublishReceipt first = w.publisher().publish(keyed("k-short"));
        clock.advance(Duration.ofMinutes(4));
        assertThat(w.publisher().publish(keyed("k-short")).messageId()).isEqualTo(first.messageId());
        clock.advance(Duration.ofMinutes(1));
        assertThat(w.publisher().publish(keyed("k-short")).outcome()).isEqualTo(PublishOutcome.STORED);
    }

    @Test
    void retentionDeletesTheKeysWhoseWindowEndedAndKeepsTheOthers() {
        Webhooks w = node(store, "node-a");
        PublishReceipt early = w.publisher().publish(keyed("k-early"));
        clock.advance(Duration.ofHours(12));
        PublishReceipt late = w.publisher().publish(keyed("k-late"));
        clock.advance(Duration.ofHours(12));

        RetentionReport report = w.admin().runRetention();

        assertThat(report.idempotencyKeys()).isEqualTo(1);
        assertThat(w.publisher().publish(keyed("k-late")).messageId()).isEqualTo(late.messageId());
        assertThat(w.admin().runRetention().idempotencyKeys()).isZero();
        assertThat(w.publisher().publish(keyed("k-early")).messageId()).isNotEqualTo(early.messageId());
        // the messages stay: retention of keys does not delete what they named
        assertThat(store.message(early.messageId())).isPresent();
    }

    @Test
    void aBatchMixesDuplicatesAndNewEventsAndEventsWithoutKey() {
        Webhooks w = node(store, "node-a");
        PublishReceipt first = w.publisher().publish(keyed("k-1"));
        List<PublishReceipt> receipts = w.publisher().publishAll(List.of(keyed("k-1"), keyed("k-2"),
                WebhookEvent.of(CREATED, Map.of())));

        assertThat(receipts).extracting(PublishReceipt::outcome)
                .containsExactly(PublishOutcome.DUPLICATE, PublishOutcome.STORED, PublishOutcome.STORED);
        assertThat(receipts.get(0).messageId()).isEqualTo(first.messageId());
        assertThat(deliveries()).isEqualTo(6);
    }

    @Test
    void badKeysAreRefusedNamingTheProblemAndNothingIsStored() {
        Webhooks w = node(store, "node-a");
        assertThatThrownBy(() -> IdempotencyKey.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> keyed("x".repeat(256))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 characters").hasMessageContaining("at most 255");
        assertThatThrownBy(() -> keyed("order 42")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0020 at index 5");
        assertThatThrownBy(() -> keyed("commandé")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+00E9").hasMessageNotContaining("command");
        assertThatThrownBy(() -> w.publisher().publishAll(List.of(keyed("k-twice"), keyed("k-twice"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share an idempotency key");
        assertThat(deliveries()).isZero();

        // positive control: the same key alone is stored, and the refused batch left it free
        assertThat(w.publisher().publish(keyed("k-twice")).outcome()).isEqualTo(PublishOutcome.STORED);
        assertThat(keyed("x".repeat(255)).idempotencyKey()).isPresent();
        assertThat(deliveries()).isEqualTo(2);
    }

    @Test
    void twoNodesPublishingOneKeyAtOnceStoreOneMessage() throws Exception {
        Webhooks a = node(store, "node-a");
        Webhooks b = node(secondNode(clock), "node-b");
        int keys = 10;
        int perNode = 4;
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        try {
            for (int k = 0; k < keys; k++) {
                String key = "race-" + k;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<PublishReceipt>> results = new ArrayList<>();
                for (int i = 0; i < 2 * perNode; i++) {
                    Webhooks node = i % 2 == 0 ? a : b;
                    results.add(pool.submit(() -> {
                        go.await();
                        return node.publisher().publish(keyed(key));
                    }));
                }
                go.countDown();
                List<PublishReceipt> receipts = new ArrayList<>();
                for (Future<PublishReceipt> f : results) {
                    receipts.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(receipts).filteredOn(r -> r.outcome() == PublishOutcome.STORED).hasSize(1);
                assertThat(receipts).extracting(PublishReceipt::messageId).containsOnly(receipts.stream()
                        .filter(r -> r.outcome() == PublishOutcome.STORED).findFirst().orElseThrow().messageId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(deliveries()).isEqualTo(2L * keys);
    }
}
