package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.FailureKind;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcDeliveryStore} database must do; subclasses supply a fresh, empty database. */
abstract class AbstractJdbcDeliveryStoreContract {

    static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(START);
    DataSource dataSource;
    JdbcDeliveryStore store;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        dataSource = newDataSource();
        store = JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(clock).build();
    }

    WebhookMessage message(String type) {
        return new WebhookMessage(MessageId.generate(), EventType.of(type), clock.instant(),
                ("{\"type\":\"" + type + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8));
    }

    WebhookMessage enqueue(String type, String... endpoints) {
        WebhookMessage m = message(type);
        store.enqueue(List.of(new OutboundMessage(m, List.of(endpoints))));
        return m;
    }

    List<ClaimedDelivery> claim(String owner, int limit, String... excluded) {
        Instant now = clock.instant();
        return store.claim(new ClaimRequest(owner, limit, now, now.plus(LEASE), Set.of(excluded)));
    }

    AttemptRecord outcome(ClaimedDelivery c, int status, DeliveryStatus newStatus, Instant next) {
        return new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), clock.instant(),
                AttemptOutcome.response(status, null, "body " + status, Duration.ofMillis(12))), newStatus, next);
    }

    Delivery delivery(String id) {
        return store.find(id).orElseThrow();
    }

    long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void enqueueClaimAndRecordSuccess() {
        WebhookMessage m = enqueue("client.created", "ep-a", "ep-b");

        assertThat(store.backlog().pending()).isEqualTo(2);
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
        int applied = store.record(List.of(outcome(first, 200, DeliveryStatus.SUCCEEDED, null))).size();

        assertThat(applied).isEqualTo(1);
        Delivery done = delivery(first.deliveryId());
        assertThat(done.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.nextAttemptAt()).isNull();
        assertThat(done.lastStatusCode()).isEqualTo(200);
        assertThat(done.lastAttemptAt()).isEqualTo(clock.instant());
        assertThat(done.eventType()).isEqualTo("client.created");
        assertThat(done.messageId()).isEqualTo(m.id());
        assertThat(store.attempts(first.deliveryId())).singleElement().satisfies(a -> {
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.statusCode()).isEqualTo(200);
            assertThat(a.duration()).isEqualTo(Duration.ofMillis(12));
            assertThat(a.responseExcerpt()).isEqualTo("body 200");
        });
        assertThat(store.backlog().pending()).isEqualTo(1);
        assertThat(store.message(m.id())).contains(m);
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
        ClaimedDelivery c3 = claim("node-1", 10).get(0);
        assertThat(c3.attempt()).isEqualTo(1);
        assertThat(store.redeliver(c3.deliveryId(), clock.instant())).as("in flight is left alone").isFalse();
        store.record(List.of(outcome(c3, 204, DeliveryStatus.SUCCEEDED, null)));
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
    void expiredLeaseIsClaimedByAnotherOwnerAndTheStaleRecordIsIgnored() throws SQLException {
        enqueue("client.created", "ep-a");
        ClaimedDelivery old = claim("node-1", 10).get(0);
        assertThat(claim("node-2", 10)).as("lease still live").isEmpty();

        clock.advance(LEASE);
        ClaimedDelivery fresh = claim("node-2", 10).get(0);
        assertThat(fresh.deliveryId()).isEqualTo(old.deliveryId());
        assertThat(fresh.attempt()).isEqualTo(2);
        assertThat(fresh.leaseToken()).isNotEqualTo(old.leaseToken());

        assertThat(store.record(List.of(outcome(old, 200, DeliveryStatus.SUCCEEDED, null)))).isEmpty();
        assertThat(delivery(old.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(rows("cactus_webhook_attempts")).as("no attempt row for a stale record").isZero();
        store.release(List.of(old), clock.instant());
        assertThat(delivery(old.deliveryId()).status()).as("stale release ignored").isEqualTo(DeliveryStatus.IN_FLIGHT);

        assertThat(store.record(List.of(outcome(fresh, 200, DeliveryStatus.SUCCEEDED, null)))).hasSize(1);
        assertThat(store.record(List.of(outcome(fresh, 200, DeliveryStatus.SUCCEEDED, null))))
                .as("a record applies once").isEmpty();
        assertThat(delivery(old.deliveryId()).status()).isEqualTo(DeliveryStatus.SUCCEEDED);
        assertThat(store.attempts(old.deliveryId())).extracting(DeliveryAttempt::attempt).containsExactly(2);
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
    }

    @Test
    void purgeSucceededDeletesOldSucceededDeliveriesTheirAttemptsAndOrphanedMessages() throws SQLException {
        enqueue("client.created", "ep-a");
        enqueue("client.created", "ep-a", "ep-b");
        enqueue("client.created");
        List<ClaimedDelivery> claims = claim("node-1", 10);
        for (ClaimedDelivery c : claims) {
            boolean ok = !c.endpointId().equals("ep-b");
            store.record(List.of(outcome(c, ok ? 200 : 500, ok ? DeliveryStatus.SUCCEEDED : DeliveryStatus.DEAD, null)));
        }
        clock.advance(Duration.ofDays(1));
        enqueue("client.created", "ep-a");
        store.record(List.of(outcome(claim("node-1", 10).get(0), 200, DeliveryStatus.SUCCEEDED, null)));

        assertThat(store.purgeSucceeded(clock.instant().minusSeconds(1))).isEqualTo(2);

        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(2);
        assertThat(rows("cactus_webhook_attempts")).isEqualTo(2);
        assertThat(rows("cactus_webhook_messages")).as("the new one and the one still holding a dead delivery").isEqualTo(2);
        assertThat(store.purgeSucceeded(clock.instant().minusSeconds(1))).isZero();
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
        store.record(List.of(outcome(c, 200, DeliveryStatus.SUCCEEDED, null)));

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
    void attemptLogKeepsTheFirst4KiBOfTheResponse() {
        enqueue("client.created", "ep-a");
        ClaimedDelivery c = claim("node-1", 10).get(0);
        char[] big = new char[10_000];
        Arrays.fill(big, 'x');
        big[5] = '\0';
        DeliveryAttempt attempt = new DeliveryAttempt(c.deliveryId(), 1, clock.instant(),
                AttemptOutcome.responseThenFailure(200, null, new String(big), FailureKind.TIMEOUT, "timeout", null,
                        Duration.ofMillis(30_000)));
        store.record(List.of(new AttemptRecord(c, attempt, DeliveryStatus.RETRYING, clock.instant().plusSeconds(5))));

        DeliveryAttempt stored = store.attempts(c.deliveryId()).get(0);
        assertThat(stored.responseExcerpt()).hasSize(DeliveryAttempt.MAX_EXCERPT);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.failure()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(stored.outcome().succeeded()).isTrue();
        assertThat(stored.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(stored.startedAt()).isEqualTo(clock.instant());
        assertThat(delivery(c.deliveryId()).lastStatusCode()).isEqualTo(200);
        assertThat(store.attempts("dlv_unknown")).isEmpty();
    }

    @Test
    void enqueueOnTheCallersConnectionFollowsTheCallersTransaction() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            store.enqueue(c, List.of(new OutboundMessage(message("client.created"), List.of("ep-a", "ep-b"))));
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback();
        }
        assertThat(rows("cactus_webhook_messages")).isZero();
        assertThat(rows("cactus_webhook_deliveries")).isZero();

        WebhookMessage m1 = message("client.created");
        WebhookMessage m2 = message("client.updated");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            store.enqueue(c, List.of(new OutboundMessage(m1, List.of("ep-a", "ep-b")),
                    new OutboundMessage(m2, List.of("ep-a"))));
            assertThat(c.isClosed()).isFalse();
            assertThat(store.backlog().pending()).as("not visible before commit").isZero();
            c.commit();
        }
        assertThat(rows("cactus_webhook_messages")).isEqualTo(2);
        assertThat(store.backlog().pending()).isEqualTo(3);
        assertThat(claim("node-1", 10)).hasSize(3);
    }

    @Test
    void payloadIsStoredOncePerMessageAndReadOncePerClaimBatch() throws SQLException {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new OutboundMessage(message("client.created"), List.of("ep-a", "ep-b", "ep-c")));
        }
        batch.add(new OutboundMessage(message("client.deleted"), List.of()));
        store.enqueue(batch);

        assertThat(rows("cactus_webhook_messages")).isEqualTo(21);
        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(60);
        List<ClaimedDelivery> claims = claim("node-1", 100);
        assertThat(claims).hasSize(60);
        assertThat(claims.stream().map(ClaimedDelivery::message).distinct()).hasSize(20);
        assertThat(claims.stream().map(ClaimedDelivery::leaseToken).distinct()).hasSize(60);
    }

    @Test
    void badInputsThrowClearlyAndStoreNothing() throws SQLException {
        WebhookMessage existing = enqueue("client.created", "ep-a");
        WebhookMessage m = message("client.created");
        List<OutboundMessage> withNull = new ArrayList<>();
        withNull.add(new OutboundMessage(m, List.of("ep-a")));
        withNull.add(null);

        assertThatThrownBy(() -> store.enqueue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.enqueue(withNull)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messages[1]");
        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a", "ep-a")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a")),
                new OutboundMessage(m, List.of("ep-b"))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of(" ")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a")),
                new OutboundMessage(existing, List.of("ep-b")))))
                .as("a duplicate message id fails in the database and rolls the whole batch back")
                .isInstanceOf(WebhookException.class).hasCauseInstanceOf(SQLException.class);
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> store.enqueue(c, List.of(new OutboundMessage(m, List.of("ep-a")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto-commit");
        }
        assertThatThrownBy(() -> store.enqueue(null, List.of())).isInstanceOf(IllegalArgumentException.class);

        assertThat(rows("cactus_webhook_messages")).isEqualTo(1);
        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(1);
        assertThat(store.message(m.id())).isEmpty();

        assertThatThrownBy(() -> store.find(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find("dlv_nope")).isEmpty();
        assertThat(store.message("msg_nope")).isEmpty();
        assertThatThrownBy(() -> store.claim(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.record(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.query(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.redeliver("x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.purgeSucceeded(null)).isInstanceOf(IllegalArgumentException.class);

        ClaimedDelivery c = claim("node-1", 10).get(0);
        List<AttemptRecord> mixed = new ArrayList<>();
        mixed.add(outcome(c, 200, DeliveryStatus.SUCCEEDED, null));
        mixed.add(null);
        assertThatThrownBy(() -> store.record(mixed)).isInstanceOf(IllegalArgumentException.class);
        assertThat(delivery(c.deliveryId()).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(rows("cactus_webhook_attempts")).isZero();
    }
}
