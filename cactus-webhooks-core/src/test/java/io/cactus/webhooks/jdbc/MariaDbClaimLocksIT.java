package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.EventType;
import io.cactus.webhooks.MessageId;
import io.cactus.webhooks.WebhookMessage;
import io.cactus.webhooks.delivery.AttemptOutcome;
import io.cactus.webhooks.delivery.DeliveryAttempt;
import io.cactus.webhooks.delivery.DeliveryStatus;
import io.cactus.webhooks.spi.AttemptRecord;
import io.cactus.webhooks.spi.ClaimRequest;
import io.cactus.webhooks.spi.ClaimedDelivery;
import io.cactus.webhooks.spi.DeliveryQuery;
import io.cactus.webhooks.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * InnoDB locks the index records that a locking read scans, and at its default REPEATABLE READ the
 * gaps between them too. A claim that is still open must lock exactly the deliveries it returns:
 * other nodes claim the rest, publishing and recording go on, and nothing waits for it.
 */
class MariaDbClaimLocksIT {

    private DataSource dataSource;
    private JdbcDeliveryStore store;

    @BeforeEach
    void createStore() {
        dataSource = MariaDbServer.newDataSource();
        store = JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build();
    }

    @Test
    void anOpenClaimLocksOnlyTheDeliveriesItReturnsAndBlocksNoOtherWork() throws Exception {
        anOpenClaimLocksOnlyWhatItReturns(Set.of());
    }

    @Test
    void anOpenClaimThatExcludesAnEndpointLeavesThatEndpointsRowsUnlocked() throws Exception {
        anOpenClaimLocksOnlyWhatItReturns(Set.of("ep-b"));
    }

    private void anOpenClaimLocksOnlyWhatItReturns(Set<String> excluded) throws Exception {
        enqueue(10, "ep-a", "ep-b");
        Instant now = Instant.now();
        ClaimedDelivery leasedEarlier = store.claim(new ClaimRequest("node-0", 1, now, now.plusSeconds(300),
                Set.of())).get(0); // IN_FLIGHT, due at its lease's end: the index record after the due ones

        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            try (Statement s = open.createStatement()) {
                s.execute(JdbcDialect.MARIADB.rowLockingTransactionStatement());
            }
            List<ClaimedDelivery> held = DeliveryClaims.claim(open, new ClaimRequest("node-1", 5, Instant.now(),
                    Instant.now().plusSeconds(60), excluded), JdbcDialect.MARIADB);
            assertThat(held).hasSize(5).noneMatch(c -> excluded.contains(c.endpointId()));
            Set<String> heldIds = held.stream().map(ClaimedDelivery::deliveryId).collect(Collectors.toSet());

            for (String id : allDeliveryIds()) {
                assertThat(lockedByAnother(id)).as(id).isEqualTo(heldIds.contains(id));
            }
            // another node claims everything else that is due, an excluded endpoint's rows included
            List<ClaimedDelivery> others = within(() -> store.claim(new ClaimRequest("node-2", 100, Instant.now(),
                    Instant.now().plusSeconds(60), Set.of())));
            assertThat(others).hasSize(20 - 1 - 5).noneMatch(c -> heldIds.contains(c.deliveryId()));
            // publishing inserts after the scanned range; recording updates the leased row beyond it
            within(() -> enqueue(1, "ep-a"));
            List<AttemptRecord> recorded = within(() -> store.record(List.of(succeeded(leasedEarlier))));
            assertThat(recorded).hasSize(1);
            open.rollback();
        }
        assertThat(store.count(DeliveryQuery.all().withStatus(DeliveryStatus.PENDING)))
                .as("the rolled-back claim's five, and the new one").isEqualTo(6);
    }

    private boolean lockedByAnother(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM cactus_webhook_deliveries WHERE id = ? FOR UPDATE NOWAIT")) {
                ps.setString(1, id);
                ps.executeQuery().close();
                return false;
            } catch (SQLException e) {
                if (e.getErrorCode() == 1205) { // ER_LOCK_WAIT_TIMEOUT: NOWAIT found it locked
                    return true;
                }
                throw e;
            } finally {
                c.rollback();
            }
        }
    }

    private List<String> allDeliveryIds() {
        return store.query(DeliveryQuery.all().page(0, 1000)).stream().map(d -> d.id()).toList();
    }

    private void enqueue(int messages, String... endpoints) {
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            WebhookMessage m = new WebhookMessage(MessageId.generate(), EventType.of("client.created"), Instant.now(),
                    "{}".getBytes(StandardCharsets.UTF_8));
            batch.add(new OutboundMessage(m, List.of(endpoints)));
        }
        store.enqueue(batch);
    }

    private static AttemptRecord succeeded(ClaimedDelivery c) {
        return new AttemptRecord(c, new DeliveryAttempt(c.deliveryId(), c.attempt(), Instant.now(),
                AttemptOutcome.response(200, null, "ok", Duration.ofMillis(1))), DeliveryStatus.SUCCEEDED, null);
    }

    /** Runs the work on another thread and fails if it has to wait (for a lock) more than a few seconds. */
    private static <T> T within(java.util.concurrent.Callable<T> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private static Object within(Runnable work) throws Exception {
        return within(() -> {
            work.run();
            return Boolean.TRUE;
        });
    }
}
