package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.W3cTraceContext;
import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.Delivery;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.internal.Ulid;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.OutboundMessage;
import io.cactus.webhooks.store.DeliveryStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a database, plus what only a database shows: rows, the caller's
 * transaction, the driver's errors. Subclasses supply a fresh, empty database per test.
 */
abstract class JdbcDeliveryStoreContract extends DeliveryStoreContract {

    DataSource dataSource;
    JdbcDeliveryStore jdbc;
    private boolean attemptsAway;
    /** Keeps an H2 file database open between the store's connections, as a pool would. */
    private Connection keepOpen;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource() throws Exception;

    @Override
    protected DeliveryStore newStore(Clock clock) throws Exception {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        jdbc = JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(clock).build();
        return jdbc;
    }

    /** The attempts table goes away: a record fails after its delivery rows were updated. */
    @Override
    protected boolean breakAttemptWrites() throws SQLException {
        execute("ALTER TABLE cactus_webhook_attempts RENAME TO cactus_webhook_attempts_away");
        attemptsAway = true;
        return true;
    }

    @Override
    protected void repairAttemptWrites() throws SQLException {
        if (attemptsAway) {
            execute("ALTER TABLE cactus_webhook_attempts_away RENAME TO cactus_webhook_attempts");
            attemptsAway = false;
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aStaleRecordWritesNoRow() throws SQLException {
        enqueue("client.created", "ep-a");
        ClaimedDelivery old = claim("node-1", 10).get(0);
        clock.advance(LEASE);
        claim("node-2", 10);

        assertThat(store.record(List.of(succeeded(old)))).isEmpty();

        assertThat(rows("cactus_webhook_attempts")).isZero();
    }

    @Test
    void purgeDeletesTheRows() throws SQLException {
        enqueue("client.created", "ep-a");
        enqueue("client.created", "ep-a", "ep-b");
        enqueue("client.created");
        for (ClaimedDelivery c : claim("node-1", 10)) {
            boolean ok = !c.endpointId().equals("ep-b");
            store.record(List.of(outcome(c, ok ? 200 : 500, ok ? DeliveryStatus.SUCCEEDED : DeliveryStatus.DEAD, null)));
        }
        clock.advance(Duration.ofDays(1));
        enqueue("client.created", "ep-a");
        store.record(List.of(succeeded(claim("node-1", 10).get(0))));

        assertThat(store.purgeSucceeded(clock.instant().minusSeconds(1))).isEqualTo(2);

        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(2);
        assertThat(rows("cactus_webhook_attempts")).isEqualTo(2);
        assertThat(rows("cactus_webhook_messages")).as("the new one and the one still holding a dead delivery")
                .isEqualTo(2);
    }

    private static final W3cTraceContext TRACE = new W3cTraceContext(
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7");

    @Test
    void theTraceContextIsInTheDatabaseForAnotherStoreToRead() throws SQLException {
        WebhookMessage m = traced("client.created", TRACE);
        store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a"))));

        assertThat(string("SELECT traceparent FROM cactus_webhook_messages")).isEqualTo(TRACE.traceparent());
        assertThat(string("SELECT tracestate FROM cactus_webhook_messages")).isEqualTo(TRACE.tracestate());
        JdbcDeliveryStore another = JdbcDeliveryStore.builder(dataSource).clock(clock).build();
        assertThat(another.message(m.id())).contains(m);
        assertThat(another.claim(new io.cactus.webhooks.spi.ClaimRequest("node-2", 10, clock.instant(),
                clock.instant().plus(LEASE), java.util.Set.of()))).singleElement()
                .satisfies(c -> assertThat(c.message().traceContext()).contains(TRACE));
    }

    @Test
    void aStoredTraceContextThatIsNotValidIsReadAsNoneAndTheDeliveryGoesOn() throws SQLException {
        WebhookMessage m = traced("client.created", TRACE);
        store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a"))));
        execute("UPDATE cactus_webhook_messages SET traceparent = 'not-a-traceparent', tracestate = NULL");

        assertThat(store.message(m.id()).orElseThrow().traceContext()).isEmpty();
        assertThat(claim("node-1", 10)).singleElement()
                .satisfies(c -> assertThat(c.message().traceContext()).isEmpty());
    }

    String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void payloadIsStoredOncePerMessage() throws SQLException {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new OutboundMessage(message("client.created"), List.of("ep-a", "ep-b", "ep-c")));
        }
        batch.add(new OutboundMessage(message("client.deleted"), List.of()));
        store.enqueue(batch);

        assertThat(rows("cactus_webhook_messages")).isEqualTo(21);
        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(60);
    }

    @Test
    void enqueueOnTheCallersConnectionFollowsTheCallersTransaction() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            jdbc.enqueue(c, List.of(new OutboundMessage(message("client.created"), List.of("ep-a", "ep-b"))));
            assertThat(c.getAutoCommit()).isFalse();
            c.rollback();
        }
        assertThat(rows("cactus_webhook_messages")).isZero();
        assertThat(rows("cactus_webhook_deliveries")).isZero();

        WebhookMessage m1 = message("client.created");
        WebhookMessage m2 = message("client.updated");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            jdbc.enqueue(c, List.of(new OutboundMessage(m1, List.of("ep-a", "ep-b")),
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
    void enqueueOnTheCallersConnectionRefusesBadArgumentsAndStoresNothing() throws SQLException {
        WebhookMessage m = message("client.created");
        try (Connection c = dataSource.getConnection()) {
            assertThatThrownBy(() -> jdbc.enqueue(c, List.of(new OutboundMessage(m, List.of("ep-a")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto-commit");
            c.setAutoCommit(false);
            assertThatThrownBy(() -> jdbc.enqueue(c, null)).isInstanceOf(IllegalArgumentException.class);
            c.rollback();
        }
        assertThatThrownBy(() -> jdbc.enqueue(null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(rows("cactus_webhook_messages")).isZero();
    }

    @Test
    void aDuplicateMessageIdFailsInTheDatabaseWithTheDriversErrorAndRollsTheBatchBack() throws SQLException {
        WebhookMessage existing = enqueue("client.created", "ep-a");
        WebhookMessage m = message("client.created");

        assertThatThrownBy(() -> store.enqueue(List.of(new OutboundMessage(m, List.of("ep-a")),
                new OutboundMessage(existing, List.of("ep-b")))))
                .isInstanceOf(WebhookException.class).hasCauseInstanceOf(SQLException.class);

        assertThat(rows("cactus_webhook_messages")).isEqualTo(1);
        assertThat(rows("cactus_webhook_deliveries")).isEqualTo(1);
    }

    @Test
    void deliveryIdsAreTimedByTheStoresClock() {
        enqueue("client.created", "ep-a", "ep-b");
        clock.advance(Duration.ofSeconds(1));
        enqueue("client.created", "ep-c");

        Map<String, Long> millisByEndpoint = seen().deliveries().stream().collect(Collectors.toMap(
                Delivery::endpointId, d -> Ulid.millisOf(d.id().substring("dlv_".length()))));
        assertThat(millisByEndpoint).containsOnly(Map.entry("ep-a", START.toEpochMilli()),
                Map.entry("ep-b", START.toEpochMilli()), Map.entry("ep-c", START.toEpochMilli() + 1000));
    }
}
