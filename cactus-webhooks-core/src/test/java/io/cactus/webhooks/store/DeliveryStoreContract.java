package io.cactus.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.delivery.ReplaySelection;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.Backlog;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link DeliveryStore} must do, in memory or on any database. A subclass supplies a
 * fresh, empty store per test; one whose writes can fail says how to make them fail.
 */
public abstract class DeliveryStoreContract {

    protected static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(30);

    protected final MutableClock clock = new MutableClock(START);
    protected DeliveryStore store;
    private final List<String> messageIds = new ArrayList<>();

    /** A fresh, empty store that stamps creation and finish times with {@code clock}. */
    protected abstract DeliveryStore newStore(Clock clock) throws Exception;

    /**
     * Makes the store's writes of attempts fail from now on, after the delivery rows of a record
     * were written (so a store that applies only part of a record is caught).
     *
     * @return false if this store's writes cannot fail (the test is then skipped)
     */
    protected boolean breakAttemptWrites() throws Exception {
        return false;
    }

    /** Undoes {@link #breakAttemptWrites()}; called after every test. */
    protected void repairAttemptWrites() throws Exception {
    }

    @BeforeEach
    void createStore() throws Exception {
        store = newStore(clock);
    }

    @AfterEach
    void repair() throws Exception {
        repairAttemptWrites();
    }

    protected WebhookMessage message(String type) {
        WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of(type), clock.instant(),
                ("{\"type\":\"" + type + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8));
        messageIds.add(m.id());
        return m;
    }

    /** A message carrying the trace context of its publish. */
    protected WebhookMessage traced(String type, W3cTraceContext trace) {
        WebhookMessage plain = message(type);
        return new WebhookMessage(plain.id(), plain.type(), plain.timestamp(), plain.body(), trace);
    }

    protected WebhookMessage enqueue(String type, String... endpoints) {
        WebhookMessage m = message(type);
        store.enqueue(List.of(new OutboundMessage(m, List.of(endpoints))));
        return m;
    }

    protected List<ClaimedDelivery> claim(String owner, int limit, String... excluded) {
        Instant now = clock.instant();
        return store.claim(new ClaimRequest(owner, limit, now, now.plus(LEASE), Set.of(excluded)));
    }

    protected AttemptRecord outcome(ClaimedDelivery c, int status, DeliveryStatus newStatus, Instant next) {
        return new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), clock.instant(),
                AttemptOutcome.response(status, null, "body " + status, Duration.ofMillis(12))), newStatus, next);
    }

    protected AttemptRecord succeeded(ClaimedDelivery c) {
        return outcome(c, 200, DeliveryStatus.SUCCEEDED, null);
    }

    protected Delivery delivery(String id) {
        return store.find(id).orElseThrow();
    }

    /** What a caller can see of the store: deliveries, their attempts, messages, backlog. */
    protected record Seen(List<Delivery> deliveries, Map<String, List<DeliveryAttempt>> attempts,
            Map<String, Optional<WebhookMessage>> messages, Backlog backlog) {
    }

    protected Seen seen() {
        List<Delivery> all = store.query(DeliveryQuery.all().page(0, 1000));
        Map<String, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
        for (Delivery d : all) {
            attempts.put(d.id(), store.attempts(d.id()));
        }
        Map<String, Optional<WebhookMessage>> messages = new LinkedHashMap<>();
        for (String id : messageIds) {
            messages.put(id, store.message(id));
        }
        return new Seen(all, attempts, messages, store.backlog());
    }

    /** Asserts that {@code call} throws an {@link IllegalArgumentException} and changes nothing a caller can see. */
    protected void refused(Executable call) {
        Seen before = seen();
        assertThatThrownBy(call::execute).isInstanceOf(IllegalArgumentException.class);
        assertThat(seen()).isEqualTo(before);
    }

    @Test
    void enqueueClaimAndRecordSuccess() {
        WebhookMessage m = enqueue("client.created", "ep-a", "ep-b");

        assertThat(store.backlog()).isEqualTo(new Backlog(2, START));
        List<ClaimedDelivery> claims = claim("node-1", 10);

        assertThat(claims).hasSize(2).allSatisfy(c -> {
            assertThat(c.attempt()).isEqualTo(1);
            assertThat(c.message()).isEqualTo(m);
            assertThat(c.leaseToken()).isNotBlank();
            assertThat(c.createdAt()).isEqualTo(START);
        });
        assertThat(claims).extracting(ClaimedDelivery::endpointId).containsExactlyInAnyOrder("ep-a", "ep-b");
        ClaimedDelivery first = claims.get(0);
        Delivery inFlight = delivery(first.deliveryId());
        assertThat(inFlight.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(inFlight.nextAttemptAt()).isEqualTo(START.plus(LEASE));
        assertThat(inFlight.id()).startsWith("dlv_").hasSize(30);

        clock.advance(Duration.ofSeconds(1));
        AttemptRecord record = succeeded(first);
        assertThat(store.record(List.of(record))).singleElement().isSameAs(record);

        Delivery done = delivery(first.deliveryId());
        assertThat(done.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.nextAttemptAt()).isNull();
        assertThat(done.lastStatusCode()).isEqualTo(200);
        assertThat(done.lastError()).isNull();
        assertThat(done.lastAttemptAt()).isEqualTo(clock.instant());
        assertThat(done.eventType()).isEqualTo("client.created");
        assertThat(done.messageId()).isEqualTo(m.id());
        assertThat(done.createdAt()).isEqualTo(START);
        assertThat(store.attempts(first.deliveryId())).singleElement().satisfies(a -> {
            assertThat(a.deliveryId()).isEqualTo(first.deliveryId());
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.duration()).isEqualTo(Duration.ofMillis(12));
            assertThat(a.responseExcerpt()).isEqualTo("body 200");
        });
        assertThat(store.backlog().pending()).isEqualTo(1);
        assertThat(store.message(m.id())).contains(m);
    }

    @Test
    void attemptsOfManyDeliveriesInOneCallMatchTheOneByOneReads() {
        enqueue("client.created", "ep-a", "ep-b", "ep-c");
        List<ClaimedDelivery> claims = claim("node-1", 10);
        assertThat(claims).hasSize(3);
        Instant next = clock.instant().plusSeconds(5);
        store.record(List.of(outcome(claims.get(0), 503, DeliveryStatus.RETRYING, next), succeeded(claims.get(1))));
        clock.advance(Duration.ofSeconds(5));
        ClaimedDelivery again = claim("node-1", 10).get(0);
        assertThat(again.deliveryId()).isEqualTo(claims.get(0).deliveryId());
        store.record(List.of(succeeded(again)));

        List<String> ids = List.of(claims.get(2).deliveryId(), "dlv_unknown", claims.get(0).deliveryId(),
                claims.get(1).deliveryId(), claims.get(0).deliveryId());
        Map<String, List<DeliveryAttempt>> many = store.attempts(ids);

        assertThat(many.keySet()).as("one entry per distinct id, in the order given").containsExactly(
                claims.get(2).deliveryId(), "dlv_unknown", claims.get(0).deliveryId(), claims.get(1).deliveryId());
        for (String id : many.keySet()) {
            assertThat(many.get(id)).as(id).isEqualTo(store.attempts(id));
        }
        assertThat(many.get(claims.get(0).deliveryId())).extracting(DeliveryAttempt::attempt).containsExactly(1, 2);
        assertThat(many.get(claims.get(1).deliveryId())).hasSize(1);
        assertThat(many.get(claims.get(2).deliveryId())).as("claimed, never recorded").isEmpty();
        assertThat(store.attempts(List.<String>of())).isEmpty();
        refused(() -> store.attempts((java.util.Collection<String>) null));
        refused(() -> store.attempts(java.util.Arrays.asList(claims.get(0).deliveryId(), null)));
        refused(() -> store.attempts(List.of(" ")));
    }

    @Test
    void attemptsOfMoreDeliveriesThanOneQueryTakes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            ids.add("dlv_missing_" + i);
        }
        enqueue("client.created", "ep-a");
        ClaimedDelivery c = claim("node-1", 10).get(0);
        store.record(List.of(succeeded(c)));
        ids.add(c.deliveryId());

        Map<String, List<DeliveryAttempt>> many = store.attempts(ids);

        assertThat(many).hasSize(1_201);
        assertThat(many.get(c.deliveryId())).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(200));
        assertThat(many.get("dlv_missing_0")).isEmpty();
    }

    @Test
    void retryingIsDueAtNextAttemptThenDeadThenRedeliverStartsNewRound() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery c1 = claim("node-1", 10).get(0);
        Instant next = clock.instant().plusSeconds(5);
        assertThat(store.record(List.of(outcome(c1, 503, DeliveryStatus.RETRYING, next)))).hasSize(1);

        Delivery retrying = delivery(c1.deliveryId());
        assertThat(retrying.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(retrying.nextAttemptAt()).isEqualTo(next);
        assertThat(retrying.lastError()).isEqualTo("HTTP 503");
        assertThat(claim("node-1", 10)).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        ClaimedDelivery c2 = claim("node-1", 10).get(0);
        assertThat(c2.attempt()).isEqualTo(2);
        store.record(List.of(outcome(c2, 500, DeliveryStatus.DEAD, null)));
        Delivery dead = delivery(c1.deliveryId());
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.nextAttemptAt()).isNull();
        assertThat(claim("node-1", 10)).isEmpty();

        assertThat(store.redeliver(c1.deliveryId(), clock.instant())).isTrue();
        Delivery again = delivery(c1.deliveryId());
        assertThat(again.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(again.nextAttemptAt()).isEqualTo(clock.instant());
        ClaimedDelivery c3 = claim("node-1", 10).get(0);
        assertThat(c3.attempt()).isEqualTo(1);
        assertThat(store.redeliver(c3.deliveryId(), clock.instant())).as("in flight is left alone").isFalse();
        store.record(List.of(succeeded(c3)));
        assertThat(store.attempts(c1.deliveryId())).extracting(DeliveryAttempt::attempt).containsExactly(1, 2, 1);
        assertThat(store.redeliver("dlv_unknown", clock.instant())).isFalse();
    }

    @Test
    void claimRespectsDueTimeLimitAndExcludedEndpoints() {
        for (int i = 0; i < 3; i++) {
            enqueue("client.created", "ep-a", "ep-b");
        }
        clock.advance(Duration.ofSeconds(1));
        WebhookMessage later = enqueue("client.updated", "ep-a");
        clock.advance(Duration.ofSeconds(-1));

        List<ClaimedDelivery> onlyB = claim("node-1", 10, "ep-a");
        assertThat(onlyB).hasSize(3).allSatisfy(c -> assertThat(c.endpointId()).isEqualTo("ep-b"));

        List<ClaimedDelivery> two = claim("node-1", 2);
        assertThat(two).hasSize(2).allSatisfy(c -> assertThat(c.endpointId()).isEqualTo("ep-a"));
        assertThat(claim("node-1", 10)).as("the later one is not due yet").hasSize(1)
                .allSatisfy(c -> assertThat(c.message().id()).isNotEqualTo(later.id()));
        assertThat(claim("node-1", 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(claim("node-1", 10)).singleElement().satisfies(c -> assertThat(c.message()).isEqualTo(later));
    }

    @Test
    void claimTakesTheOldestDueFirst() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery retried = claim("node-1", 10).get(0);
        store.record(List.of(outcome(retried, 500, DeliveryStatus.RETRYING, START.plusSeconds(30))));
        clock.advance(Duration.ofSeconds(10));
        WebhookMessage second = enqueue("client.created", "ep-a");
        clock.advance(Duration.ofSeconds(10));
        WebhookMessage third = enqueue("client.created", "ep-a");
        clock.advance(Duration.ofSeconds(10));

        assertThat(claim("node-1", 2)).extracting(c -> c.message().id()).containsExactly(second.id(), third.id());
        assertThat(claim("node-1", 2)).extracting(ClaimedDelivery::deliveryId).containsExactly(retried.deliveryId());
    }

    @Test
    void expiredLeaseIsClaimedByAnotherOwnerAndTheStaleRecordIsIgnored() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery old = claim("node-1", 10).get(0);
        assertThat(claim("node-2", 10)).as("lease still live").isEmpty();

        clock.advance(LEASE);
        ClaimedDelivery fresh = claim("node-2", 10).get(0);
        assertThat(fresh.deliveryId()).isEqualTo(old.deliveryId());
        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(fresh.leaseToken()).isNotEqualTo(old.leaseToken());

        assertThat(store.record(List.of(succeeded(old)))).as("stale: not applied, not returned").isEmpty();
        assertThat(delivery(old.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(store.attempts(old.deliveryId())).as("no attempt for a stale record").isEmpty();
        store.release(List.of(old), clock.instant());
        assertThat(delivery(old.deliveryId()).status()).as("stale release ignored").isEqualTo(DeliveryStatus.IN_FLIGHT);

        AttemptRecord live = succeeded(fresh);
        assertThat(store.record(List.of(live))).containsExactly(live);
        assertThat(store.record(List.of(succeeded(fresh)))).as("a record applies once").isEmpty();
        assertThat(delivery(old.deliveryId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(store.attempts(old.deliveryId())).extracting(DeliveryAttempt::attempt).containsExactly(2);
    }

    @Test
    void recordReturnsExactlyTheAppliedRecordsTheSameInstancesInOrder() {
        enqueue("client.created", "ep-a", "ep-b", "ep-c");
        List<ClaimedDelivery> first = claim("node-1", 10);
        clock.advance(LEASE);
        // node-1 is still sending; its lease on ep-b's delivery ends and node-2 takes it over.
        ClaimedDelivery retaken = claim("node-2", 10, "ep-a", "ep-c").get(0);
        AttemptRecord a = succeeded(of(first, "ep-a"));
        AttemptRecord stale = succeeded(of(first, "ep-b"));
        AttemptRecord c = outcome(of(first, "ep-c"), 500, DeliveryStatus.DEAD, null);
        AttemptRecord unknown = succeeded(new ClaimedDelivery("dlv_unknown", "ep-a", retaken.message(), 1, "token",
                START));

        List<AttemptRecord> applied = store.record(List.of(a, stale, c, unknown));

        assertThat(applied).hasSize(2);
        assertThat(applied.get(0)).isSameAs(a);
        assertThat(applied.get(1)).isSameAs(c);
        assertThat(delivery(retaken.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(store.attempts(retaken.deliveryId())).isEmpty();
        assertThat(delivery(a.claim().deliveryId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(delivery(c.claim().deliveryId()).status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(store.find("dlv_unknown")).isEmpty();
        AttemptRecord live = succeeded(retaken);
        assertThat(store.record(List.of(stale))).as("still stale").isEmpty();
        assertThat(store.record(List.of(live))).containsExactly(live);
        assertThat(store.attempts(retaken.deliveryId())).extracting(DeliveryAttempt::attempt).containsExactly(2);
    }

    private static ClaimedDelivery of(List<ClaimedDelivery> claims, String endpointId) {
        return claims.stream().filter(c -> c.endpointId().equals(endpointId)).findFirst().orElseThrow();
    }

    @Test
    void aStoreWriteFailureThrowsAndAppliesNothing() throws Exception {
        enqueue("client.created", "ep-a", "ep-b");
        List<ClaimedDelivery> claims = claim("node-1", 10);
        List<AttemptRecord> records = List.of(succeeded(claims.get(0)),
                outcome(claims.get(1), 500, DeliveryStatus.RETRYING, clock.instant().plusSeconds(5)));
        Seen before = seen();
        assumeTrue(breakAttemptWrites(), "this store's writes cannot fail");

        assertThatThrownBy(() -> store.record(records)).isInstanceOf(WebhookException.class).hasCauseInstanceOf(Exception.class);

        repairAttemptWrites();
        assertThat(seen()).isEqualTo(before);
        assertThat(store.record(records)).as("nothing was applied, so all apply now").containsExactlyElementsOf(records);
    }

    @Test
    void releaseMakesClaimsDueAgainWithTheAttemptCountRestored() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery c1 = claim("node-1", 10).get(0);
        store.record(List.of(outcome(c1, 500, DeliveryStatus.RETRYING, clock.instant())));
        ClaimedDelivery c2 = claim("node-1", 10).get(0);
        assertThat(c2.attempt()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(3));
        store.release(List.of(c2), clock.instant());

        Delivery released = delivery(c1.deliveryId());
        assertThat(released.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(released.attempts()).isEqualTo(1);
        assertThat(released.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(store.record(List.of(outcome(c2, 200, DeliveryStatus.SUCCEEDED, null))))
                .as("a released claim's lease is gone").isEmpty();
        assertThat(claim("node-2", 10)).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(2));

        enqueue("client.created", "ep-b");
        ClaimedDelivery fresh = claim("node-1", 10).get(0);
        store.release(List.of(fresh), clock.instant());
        assertThat(delivery(fresh.deliveryId()).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery(fresh.deliveryId()).attempts()).isZero();
    }

    @Test
    void replayFailedRevivesDeadAndCancelledOfTheEndpointSince() {
        WebhookMessage m = enqueue("client.created", "ep-a", "ep-b");
        for (ClaimedDelivery c : claim("node-1", 10)) {
            store.record(List.of(outcome(c, 500, DeliveryStatus.DEAD, null)));
        }
        clock.advance(Duration.ofMinutes(1));
        Instant since = clock.instant();
        enqueue("client.updated", "ep-a");
        store.cancelPending("ep-a", clock.instant());
        enqueue("client.deleted", "ep-a");

        assertThat(store.replayFailed("ep-a", since, clock.instant())).as("only the one cancelled since").isEqualTo(1);
        assertThat(store.count(DeliveryQuery.all().withEndpoint("ep-a").withStatus(DeliveryStatus.PENDING))).isEqualTo(2);

        assertThat(store.replayFailed("ep-a", START, clock.instant())).isEqualTo(1);
        assertThat(store.count(DeliveryQuery.all().withEndpoint("ep-a").withStatus(DeliveryStatus.PENDING))).isEqualTo(3);
        assertThat(store.count(DeliveryQuery.all().withEndpoint("ep-b").withStatus(DeliveryStatus.DEAD))).isEqualTo(1);
        assertThat(claim("node-1", 10)).hasSize(3).allSatisfy(c -> assertThat(c.attempt()).isEqualTo(1))
                .anySatisfy(c -> assertThat(c.message()).isEqualTo(m));
        assertThat(store.replayFailed("nobody", START, clock.instant())).isZero();
    }

    @Test
    void replayDryRunCountsWhatReplayThenMakesDueByEndpointTypeAndRange() {
        enqueue("client.created", "ep-a", "ep-b");          // before the range
        clock.advance(Duration.ofMinutes(1));
        Instant from = clock.instant();
        enqueue("client.created", "ep-a");                   // in range, type created
        enqueue("client.updated", "ep-a");                   // in range, other type
        clock.advance(Duration.ofSeconds(1));
        enqueue("client.created", "ep-a");                   // in range, type created
        clock.advance(Duration.ofMinutes(1));
        Instant before = clock.instant();
        enqueue("client.created", "ep-a");                   // at the end: excluded
        for (ClaimedDelivery c : claim("node-1", 100)) {
            store.record(List.of(outcome(c, 500, DeliveryStatus.DEAD, null)));
        }
        enqueue("client.created", "ep-a");                   // pending, never replayed

        ReplaySelection created = ReplaySelection.of("ep-a", from, before).eventType("client.created");
        int dryRun = store.countReplayable(created);
        assertThat(dryRun).isEqualTo(2);
        assertThat(store.countReplayable(ReplaySelection.of("ep-a", from, before))).isEqualTo(3);
        assertThat(store.countReplayable(ReplaySelection.of("ep-b", START, before))).isEqualTo(1);
        assertThat(store.count(DeliveryQuery.all().withStatus(DeliveryStatus.DEAD))).as("a dry run changes nothing")
                .isEqualTo(6);

        Instant due = clock.instant();
        assertThat(store.replay(created, due, Duration.ofSeconds(10))).isEqualTo(dryRun);
        assertThat(store.countReplayable(created)).as("replayed ones are no longer dead").isZero();
        assertThat(store.count(DeliveryQuery.all().withEndpoint("ep-a").withStatus(DeliveryStatus.DEAD)))
                .isEqualTo(3);
        // Paced: the first due now, the second 10 s later, each claimed only when due.
        List<ClaimedDelivery> first = claim("node-1", 100);
        assertThat(first).as("the never-sent pending one and the first replayed").hasSize(2);
        assertThat(claim("node-1", 100)).as("the second replayed is not due yet").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(claim("node-1", 100)).singleElement()
                .satisfies(c -> assertThat(c.message().type().name()).isEqualTo("client.created"))
                .satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test
    void freshFirstClaimsTheNewestFirstAttemptsOfTheNamedEndpointsAheadOfTheirBacklog() {
        List<String> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(enqueue("client.created", "ep-a").id());
            clock.advance(Duration.ofMillis(10));
        }
        ClaimedDelivery retry = claim("node-1", 1).get(0); // the oldest, failed once: a retry now due
        store.record(List.of(outcome(retry, 500, DeliveryStatus.RETRYING, clock.instant())));
        WebhookMessage otherOld = enqueue("client.created", "ep-b");
        clock.advance(Duration.ofSeconds(1));
        WebhookMessage fresh1 = enqueue("client.updated", "ep-a");
        clock.advance(Duration.ofMillis(10));
        WebhookMessage fresh2 = enqueue("client.updated", "ep-a");
        Instant now = clock.instant();

        List<ClaimedDelivery> got = store.claim(new ClaimRequest("node-1", 3, now, now.plus(LEASE), Set.of(),
                Set.of("ep-a"), 2));
        assertThat(got).hasSize(3);
        assertThat(got.subList(0, 2)).extracting(c -> c.message().id()).as("the two newest first attempts first")
                .containsExactlyInAnyOrder(fresh2.id(), fresh1.id());
        assertThat(got.get(2).message().id()).as("then the oldest due").isEqualTo(backlog.get(1));

        // Positive control: without fresh-first the same state is claimed oldest due first.
        store.release(got, now);
        List<ClaimedDelivery> plain = store.claim(new ClaimRequest("node-1", 3, now, now.plus(LEASE), Set.of()));
        assertThat(plain).extracting(c -> c.message().id()).doesNotContain(fresh1.id(), fresh2.id());
        store.release(plain, now);

        // An excluded endpoint is left alone even when named fresh-first; retries are never fresh.
        assertThat(store.claim(new ClaimRequest("node-1", 10, now, now.plus(LEASE), Set.of("ep-a"),
                Set.of("ep-a"), 5))).extracting(c -> c.message().id()).containsExactly(otherOld.id());
        List<ClaimedDelivery> rest = store.claim(new ClaimRequest("node-1", 10, now, now.plus(LEASE), Set.of(),
                Set.of("ep-a"), 10));
        assertThat(rest).hasSize(7);
        assertThat(rest.get(rest.size() - 1).deliveryId()).as("the retry comes with the oldest-due pass")
                .isEqualTo(retry.deliveryId());
    }

    @Test
    void aClaimByEndpointTakesEachNamedEndpointsOldestDueUpToItsQuotaWhateverTheOthersDueTimes() {
        List<WebhookMessage> backlog = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            backlog.add(enqueue("client.created", "ep-a"));
            clock.advance(Duration.ofMillis(1));
        }
        clock.advance(Duration.ofSeconds(1));
        WebhookMessage b1 = enqueue("client.created", "ep-b");
        clock.advance(Duration.ofMillis(10));
        WebhookMessage b2 = enqueue("client.created", "ep-b");
        WebhookMessage c1 = enqueue("client.created", "ep-c"); // not named: left alone
        Instant now = clock.instant();

        Map<String, Integer> quotas = new java.util.LinkedHashMap<>();
        quotas.put("ep-a", 4);
        quotas.put("ep-b", 5);
        List<ClaimedDelivery> got = store.claim(new ClaimRequest("node-1", 10, now, now.plus(LEASE), Set.of(),
                Set.of(), 0, quotas));
        assertThat(got.stream().filter(c -> c.endpointId().equals("ep-b")).map(c -> c.message().id()))
                .as("ep-b's two, oldest first").containsExactly(b1.id(), b2.id());
        assertThat(got.stream().filter(c -> c.endpointId().equals("ep-a")).map(c -> c.message().id()))
                .as("ep-a's quota of its oldest").containsExactlyInAnyOrderElementsOf(
                        backlog.subList(0, 4).stream().map(WebhookMessage::id).toList());
        assertThat(got).extracting(c -> c.message().id()).doesNotContain(c1.id());

        // The limit cuts the quotas in turns; an excluded endpoint is left alone.
        Map<String, Integer> big = Map.of("ep-a", 10, "ep-c", 10);
        assertThat(store.claim(new ClaimRequest("node-1", 2, now, now.plus(LEASE), Set.of(), Set.of(), 0, big)))
                .extracting(ClaimedDelivery::endpointId).containsExactlyInAnyOrder("ep-a", "ep-c");
        assertThat(store.claim(new ClaimRequest("node-1", 10, now, now.plus(LEASE), Set.of("ep-a"), Set.of(), 0,
                Map.of("ep-a", 5)))).isEmpty();

        // With fresh-first: the newest first attempts of a named endpoint count in its quota.
        clock.advance(Duration.ofSeconds(1));
        WebhookMessage fresh = enqueue("client.updated", "ep-a");
        Instant later = clock.instant();
        List<ClaimedDelivery> mixed = store.claim(new ClaimRequest("node-1", 10, later, later.plus(LEASE), Set.of(),
                Set.of("ep-a"), 1, Map.of("ep-a", 3)));
        assertThat(mixed).hasSize(3);
        assertThat(mixed.get(0).message().id()).as("the fresh one first").isEqualTo(fresh.id());
        assertThat(mixed.subList(1, 3)).extracting(c -> c.message().id())
                .containsExactlyInAnyOrder(backlog.get(5).id(), backlog.get(6).id());

        // Positive control: oldest due across endpoints, the backlog fills the claim.
        WebhookMessage b3 = enqueue("client.created", "ep-b");
        assertThat(store.claim(new ClaimRequest("node-1", 5, later, later.plus(LEASE), Set.of())))
                .extracting(ClaimedDelivery::endpointId).containsOnly("ep-a");
        assertThat(store.claim(new ClaimRequest("node-1", 5, later, later.plus(LEASE), Set.of(), Set.of(), 0,
                Map.of("ep-b", 5)))).extracting(c -> c.message().id()).containsExactly(b3.id());
    }

    @Test
    void quotasBelowOneAreRefusedNamingTheEndpoint() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> new ClaimRequest("node-1", 10, now, now.plus(LEASE), Set.of(), Set.of(), 0,
                Map.of("ep-a", 0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ep-a=0");
    }

    @Test
    void replayRefusesNullArgumentsAndANegativeSpacing() {
        ReplaySelection any = ReplaySelection.of("ep-a", START, START.plusSeconds(1));
        refused(() -> store.countReplayable(null));
        refused(() -> store.replay(null, START, Duration.ZERO));
        refused(() -> store.replay(any, null, Duration.ZERO));
        refused(() -> store.replay(any, START, Duration.ofSeconds(-1)));
        assertThat(store.replay(any, START, Duration.ZERO)).as("nothing to replay").isZero();
    }

    @Test
    void cancelPendingCancelsPendingAndRetryingButNotInFlight() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery retrying = claim("node-1", 10).get(0);
        store.record(List.of(outcome(retrying, 500, DeliveryStatus.RETRYING, clock.instant().plusSeconds(60))));
        enqueue("client.created", "ep-a");
        ClaimedDelivery inFlight = claim("node-1", 10).get(0);
        enqueue("client.created", "ep-a", "ep-b");

        assertThat(store.cancelPending("ep-a", clock.instant())).isEqualTo(2);

        assertThat(delivery(retrying.deliveryId()).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(delivery(retrying.deliveryId()).nextAttemptAt()).isNull();
        assertThat(delivery(inFlight.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(claim("node-1", 10)).singleElement().satisfies(c -> assertThat(c.endpointId()).isEqualTo("ep-b"));
        assertThat(store.record(List.of(succeeded(inFlight)))).as("the in-flight one's record decides").hasSize(1);
        assertThat(delivery(inFlight.deliveryId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void finishTimeIsTheStoresClockWhenTheOutcomeIsRecorded() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery c = claim("node-1", 10).get(0);
        // The attempt started at START and took 12 ms; its outcome is recorded an hour later.
        AttemptRecord done = succeeded(c);
        clock.advance(Duration.ofHours(1));
        store.record(List.of(done));

        assertThat(store.purgeSucceeded(START.plus(Duration.ofMinutes(30)))).as("finished at the record, not the attempt")
                .isZero();
        assertThat(store.purgeSucceeded(clock.instant())).as("finished exactly then: not before it").isZero();
        assertThat(store.purgeSucceeded(clock.instant().plusMillis(1))).isEqualTo(1);
        assertThat(store.find(c.deliveryId())).isEmpty();
        assertThat(store.attempts(c.deliveryId())).isEmpty();
    }

    @Test
    void purgeDeletesOldSucceededDeliveriesTheirAttemptsAndMessagesNoDeliveryNeeds() {
        WebhookMessage alone = enqueue("client.created", "ep-a");
        WebhookMessage shared = enqueue("client.created", "ep-a", "ep-b");
        WebhookMessage unmatched = enqueue("client.created");
        WebhookMessage waiting = enqueue("client.created", "ep-c");
        List<ClaimedDelivery> claims = claim("node-1", 10, "ep-c");
        for (ClaimedDelivery c : claims) {
            boolean ok = !c.endpointId().equals("ep-b");
            store.record(List.of(outcome(c, ok ? 200 : 500, ok ? DeliveryStatus.SUCCEEDED : DeliveryStatus.DEAD, null)));
        }
        clock.advance(Duration.ofDays(1));
        WebhookMessage recent = enqueue("client.created", "ep-a");
        ClaimedDelivery recentClaim = claim("node-1", 10, "ep-c").get(0);
        store.record(List.of(succeeded(recentClaim)));
        WebhookMessage unmatchedRecent = enqueue("client.updated");

        assertThat(store.purgeSucceeded(clock.instant().minusSeconds(1))).isEqualTo(2);

        assertThat(store.count(DeliveryQuery.all())).as("dead, pending and the recent success").isEqualTo(3);
        assertThat(store.attempts(recentClaim.deliveryId())).hasSize(1);
        assertThat(store.message(alone.id())).as("no delivery left").isEmpty();
        assertThat(store.message(unmatched.id())).as("matched no endpoint, old").isEmpty();
        assertThat(store.message(shared.id())).as("its dead delivery still needs it").contains(shared);
        assertThat(store.message(waiting.id())).contains(waiting);
        assertThat(store.message(recent.id())).contains(recent);
        assertThat(store.message(unmatchedRecent.id())).as("matched no endpoint, recent").contains(unmatchedRecent);
        assertThat(store.purgeSucceeded(clock.instant().minusSeconds(1))).isZero();

        clock.advance(Duration.ofDays(1));
        assertThat(store.purgeSucceeded(clock.instant())).isEqualTo(1);
        assertThat(store.message(recent.id())).isEmpty();
        assertThat(store.message(unmatchedRecent.id())).isEmpty();
        assertThat(store.message(shared.id())).contains(shared);
    }

    @Test
    void queryFiltersByStatusEndpointTypeAndTimeNewestFirstWithPaging() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WebhookMessage m = enqueue(i % 2 == 0 ? "client.created" : "portfolio.updated", "ep-a", "ep-b");
            created.add(m.id());
            clock.advance(Duration.ofSeconds(10));
        }
        ClaimedDelivery c = claim("node-1", 1, "ep-b").get(0);
        store.record(List.of(succeeded(c)));

        List<Delivery> all = store.query(DeliveryQuery.all());
        assertThat(all).hasSize(10);
        assertThat(all).extracting(Delivery::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(all.get(0).messageId()).isEqualTo(created.get(4));
        assertThat(store.count(DeliveryQuery.all())).isEqualTo(10);

        DeliveryQuery epA = DeliveryQuery.all().withEndpoint("ep-a");
        assertThat(store.query(epA)).hasSize(5).allSatisfy(d -> assertThat(d.endpointId()).isEqualTo("ep-a"));
        assertThat(store.query(epA.withStatus(DeliveryStatus.SUCCEEDED))).singleElement()
                .satisfies(d -> assertThat(d.messageId()).isEqualTo(created.get(0)));
        assertThat(store.count(DeliveryQuery.all().withEventType("portfolio.updated"))).isEqualTo(4);
        assertThat(store.query(DeliveryQuery.all().createdBetween(START.plusSeconds(10), START.plusSeconds(30))))
                .hasSize(4).extracting(Delivery::messageId).containsOnly(created.get(1), created.get(2));

        List<Delivery> page1 = store.query(epA.page(0, 2));
        List<Delivery> page2 = store.query(epA.page(2, 2));
        List<Delivery> page3 = store.query(epA.page(4, 2));
        assertThat(page1).extracting(Delivery::messageId).containsExactly(created.get(4), created.get(3));
        assertThat(page2).extracting(Delivery::messageId).containsExactly(created.get(2), created.get(1));
        assertThat(page3).extracting(Delivery::messageId).containsExactly(created.get(0));
        assertThat(store.count(epA.page(4, 2))).as("count ignores paging").isEqualTo(5);
        assertThat(store.query(DeliveryQuery.all().withEndpoint("nobody"))).isEmpty();
    }

    @Test
    void queryOrdersByCreationTimeThenDeliveryIdEvenWhenTheClockGoesBack() {
        clock.advance(Duration.ofSeconds(10));
        WebhookMessage later = enqueue("client.created", "ep-a", "ep-b", "ep-c");
        clock.advance(Duration.ofSeconds(-10));
        WebhookMessage earlier = enqueue("client.created", "ep-a");

        List<Delivery> all = store.query(DeliveryQuery.all());

        assertThat(all).extracting(Delivery::messageId)
                .containsExactly(later.id(), later.id(), later.id(), earlier.id());
        assertThat(all.subList(0, 3)).extracting(Delivery::id).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void attemptsAreReadBackAsStoredWithoutCauseAndCapped() {
        enqueue("client.created", "ep-a", "ep-b");
        List<ClaimedDelivery> claims = claim("node-1", 10);
        ClaimedDelivery c = claims.get(0);
        char[] big = new char[10_000];
        Arrays.fill(big, 'x');
        DeliveryAttempt attempt = new DeliveryAttempt(c.deliveryId(), 1, clock.instant(),
                AttemptOutcome.responseThenFailure(200, "120", new String(big), FailureKind.TIMEOUT, "timeout",
                        new IOException("read timed out"), Duration.ofMillis(30_000)));
        ClaimedDelivery other = claims.get(1);
        DeliveryAttempt refused = new DeliveryAttempt(other.deliveryId(), 1, clock.instant(),
                AttemptOutcome.failure(FailureKind.CONNECT, null, new IOException("refused"), Duration.ofMillis(4)));
        store.record(List.of(new AttemptRecord(c, attempt, DeliveryStatus.RETRYING, clock.instant().plusSeconds(5)),
                new AttemptRecord(other, refused, DeliveryStatus.RETRYING, clock.instant().plusSeconds(5))));

        DeliveryAttempt stored = store.attempts(c.deliveryId()).get(0);
        assertThat(stored.responseExcerpt()).hasSize(DeliveryAttempt.MAX_EXCERPT);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(stored.error()).isEqualTo("timeout");
        assertThat(stored.outcome().succeeded()).isTrue();
        assertThat(stored.outcome().cause()).isNull();
        assertThat(stored.outcome().retryAfter()).isNull();
        assertThat(stored.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stored.startedAt()).isEqualTo(clock.instant());
        assertThat(delivery(c.deliveryId()).lastStatusCode()).isEqualTo(200);
        assertThat(delivery(c.deliveryId()).lastError()).isEqualTo("timeout");

        DeliveryAttempt storedRefusal = store.attempts(other.deliveryId()).get(0);
        assertThat(storedRefusal.statusCode()).isNull();
        assertThat(storedRefusal.failure()).isEqualTo(FailureKind.CONNECT);
        assertThat(storedRefusal.error()).isEqualTo(refused.error());
        assertThat(storedRefusal.outcome().cause()).isNull();
        assertThat(delivery(other.deliveryId()).lastStatusCode()).isNull();
        assertThat(store.attempts("dlv_unknown")).isEmpty();
    }

    @Test
    void claimsOfOneMessageShareItAndEachHasItsOwnLeaseToken() {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new OutboundMessage(message("client.created"), List.of("ep-a", "ep-b", "ep-c")));
        }
        WebhookMessage unmatched = message("client.deleted");
        batch.add(new OutboundMessage(unmatched, List.of()));
        store.enqueue(batch);

        assertThat(store.count(DeliveryQuery.all())).isEqualTo(60);
        assertThat(store.message(unmatched.id())).contains(unmatched);
        List<ClaimedDelivery> claims = claim("node-1", 100);
        assertThat(claims).hasSize(60);
        assertThat(claims.stream().map(ClaimedDelivery::message).distinct()).hasSize(20);
        assertThat(claims.stream().map(ClaimedDelivery::leaseToken).distinct()).hasSize(60);
    }

    @Test
    void theTraceContextOfAMessageComesBackWithEveryClaimAndRead() {
        WebhookMessage full = traced("client.created", new W3cTraceContext(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
        WebhookMessage bare = traced("client.updated",
                W3cTraceContext.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"));
        WebhookMessage none = message("client.deleted");
        store.enqueue(List.of(new OutboundMessage(full, List.of("ep-a", "ep-b")), new OutboundMessage(bare, List.of("ep-a")),
                new OutboundMessage(none, List.of("ep-a"))));

        List<ClaimedDelivery> claims = claim("node-1", 10);
        assertThat(claims).hasSize(4).allSatisfy(c -> assertThat(c.message())
                .isEqualTo(List.of(full, bare, none).stream().filter(m -> m.id().equals(c.message().id())).findFirst()
                        .orElseThrow()));
        assertThat(claims).extracting(c -> c.message().traceContext().map(W3cTraceContext::traceparent).orElse("-"))
                .containsOnly(full.traceContext().orElseThrow().traceparent(),
                        bare.traceContext().orElseThrow().traceparent(), "-");
        assertThat(store.message(full.id())).contains(full);
        assertThat(store.message(full.id()).orElseThrow().traceContext().orElseThrow().tracestate())
                .isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertThat(store.message(bare.id()).orElseThrow().traceContext().orElseThrow().tracestate()).isNull();
        assertThat(store.message(none.id()).orElseThrow().traceContext()).isEmpty();

        // A retry hours later is claimed with the same context.
        ClaimedDelivery first = claims.stream().filter(c -> c.message().id().equals(full.id())).findFirst().orElseThrow();
        Instant next = clock.instant().plus(Duration.ofHours(5));
        List<AttemptRecord> records = new ArrayList<>();
        for (ClaimedDelivery c : claims) {
            records.add(c == first ? outcome(c, 503, DeliveryStatus.RETRYING, next) : succeeded(c));
        }
        store.record(records);
        clock.advance(Duration.ofHours(5));
        assertThat(claim("node-2", 10)).singleElement().satisfies(c -> {
            assertThat(c.deliveryId()).isEqualTo(first.deliveryId());
            assertThat(c.message()).isEqualTo(full);
        });
    }

    @Test
    void emptyListsChangeNothing() {
        enqueue("client.created", "ep-a");
        Seen before = seen();

        store.enqueue(List.of());
        assertThat(store.record(List.of())).isEmpty();
        store.release(List.of(), clock.instant());

        assertThat(seen()).isEqualTo(before);
    }

    @Test
    void backlogCountsWhatIsNotFinishedAndItsOldestCreationTime() {
        assertThat(store.backlog()).isEqualTo(new Backlog(0, null));
        enqueue("client.created", "ep-a", "ep-b");
        clock.advance(Duration.ofMinutes(1));
        enqueue("client.created", "ep-c");
        List<ClaimedDelivery> claims = claim("node-1", 2, "ep-c");
        store.record(List.of(succeeded(claims.get(0))));

        assertThat(store.backlog()).as("one in flight, one pending").isEqualTo(new Backlog(2, START));
        store.record(List.of(outcome(claims.get(1), 500, DeliveryStatus.DEAD, null)));
        assertThat(store.backlog()).isEqualTo(new Backlog(1, START.plus(Duration.ofMinutes(1))));
    }

    @Test
    void enqueueRefusesBadListsAndStoresNothing() {
        WebhookMessage existing = enqueue("client.created", "ep-a");
        WebhookMessage m = message("client.created");
        List<OutboundMessage> withNull = new ArrayList<>();
        withNull.add(new OutboundMessage(m, List.of("ep-a")));
        withNull.add(null);

        refused(() -> store.enqueue(null));
        refused(() -> store.enqueue(withNull));
        assertThatThrownBy(() -> store.enqueue(withNull)).hasMessageContaining("messages[1]");
        refused(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a")),
                new OutboundMessage(m, List.of("ep-b")))));
        assertThat(store.message(m.id())).isEmpty();

        Seen before = seen();
        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a")),
                new OutboundMessage(existing, List.of("ep-b")))))
                .as("an id already stored fails the whole batch").isInstanceOf(WebhookException.class);
        assertThat(seen()).isEqualTo(before);
        assertThat(store.message(m.id())).isEmpty();
    }

    @Test
    void recordAndReleaseRefuseBadListsAndChangeNothing() {
        enqueue("client.created", "ep-a", "ep-b");
        List<ClaimedDelivery> claims = claim("node-1", 10);
        AttemptRecord ok = succeeded(claims.get(0));
        List<AttemptRecord> withNull = new ArrayList<>(List.of(ok));
        withNull.add(null);
        List<ClaimedDelivery> claimsWithNull = new ArrayList<>(claims);
        claimsWithNull.add(null);

        refused(() -> store.record(null));
        refused(() -> store.record(withNull));
        refused(() -> store.record(List.of(ok, outcome(claims.get(0), 500, DeliveryStatus.DEAD, null))));
        refused(() -> store.release(null, clock.instant()));
        refused(() -> store.release(claims, null));
        refused(() -> store.release(claimsWithNull, clock.instant()));
        refused(() -> store.release(List.of(claims.get(0), claims.get(0)), clock.instant()));

        assertThat(claims).allSatisfy(c -> assertThat(delivery(c.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT));
        assertThat(store.record(List.of(ok))).containsExactly(ok);
    }

    @Test
    void everyOtherMethodRefusesNullAndBlankArgumentsAndChangesNothing() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery c = claim("node-1", 10).get(0);
        store.record(List.of(outcome(c, 500, DeliveryStatus.DEAD, null)));
        enqueue("client.created", "ep-a");
        Instant now = clock.instant();

        refused(() -> store.claim(null));
        refused(() -> store.find(null));
        refused(() -> store.find(" "));
        refused(() -> store.attempts((String) null));
        refused(() -> store.message(null));
        refused(() -> store.message(""));
        refused(() -> store.query(null));
        refused(() -> store.count(null));
        refused(() -> store.redeliver(null, now));
        refused(() -> store.redeliver(c.deliveryId(), null));
        refused(() -> store.replayFailed(null, START, now));
        refused(() -> store.replayFailed("ep-a", null, now));
        refused(() -> store.replayFailed("ep-a", START, null));
        refused(() -> store.cancelPending(" ", now));
        refused(() -> store.cancelPending("ep-a", null));
        refused(() -> store.purgeSucceeded(null));

        assertThat(store.find("dlv_nope")).isEmpty();
        assertThat(store.message("msg_nope")).isEmpty();
        assertThat(store.endpointHealth()).isSameAs(store.endpointHealth());
    }
}
