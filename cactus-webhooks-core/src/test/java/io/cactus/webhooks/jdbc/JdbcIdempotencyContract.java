package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.store.IdempotencyContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotent publishing on a database: the store contract's cases, with two nodes on their own
 * DataSources, plus what only a database shows: the key in the caller's transaction (held until
 * it ends, freed by its rollback, a duplicate that leaves the transaction usable), restarts, and
 * retention's deletes in the key table.
 */
abstract class JdbcIdempotencyContract extends IdempotencyContract {

    DataSource dataSource;
    /** Keeps an H2 file database open between the store's connections, as a pool would. */
    private Connection keepOpen;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource() throws Exception;

    /** Another DataSource on the database of the last {@link #newDataSource()}: a second node's. */
    abstract DataSource sameDatabase();

    @Override
    protected DeliveryStore newStore(Clock clock) throws Exception {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        return JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(clock).build();
    }

    @Override
    protected DeliveryStore secondNode(Clock clock) {
        return JdbcDeliveryStore.builder(sameDatabase()).clock(clock).build();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    private long keyRows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cactus_webhook_idempotency")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theKeyHoldsAcrossARestartOfTheNode() throws Exception {
        Webhooks before = node(store, "node-a");
        PublishReceipt first = before.publisher().publish(keyed("k-restart"));
        before.close();

        Webhooks after = node(secondNode(clock), "node-a");
        assertThat(after.publisher().publish(keyed("k-restart")).messageId()).isEqualTo(first.messageId());
        assertThat(keyRows()).isEqualTo(1);
    }

    @Test
    void retentionDeletesTheExpiredRowsOfTheKeyTable() throws Exception {
        Webhooks w = node(store, "node-a");
        w.publisher().publish(keyed("k-old-1"));
        w.publisher().publish(keyed("k-old-2"));
        clock.advance(Duration.ofHours(20));
        w.publisher().publish(keyed("k-young"));
        assertThat(keyRows()).isEqualTo(3);
        clock.advance(Duration.ofHours(4));

        assertThat(store.purgeExpiredIdempotencyKeys(clock.instant(), 1)).isEqualTo(1);
        assertThat(store.purgeExpiredIdempotencyKeys(clock.instant(), 1)).isEqualTo(1);
        assertThat(store.purgeExpiredIdempotencyKeys(clock.instant(), 1)).isZero();

        assertThat(keyRows()).isEqualTo(1);
    }

    @Test
    void aDuplicateInTheCallersTransactionLeavesItUsable() throws Exception {
        Webhooks w = node(store, "node-a");
        PublishReceipt first = w.publisher().publish(keyed("k-tx"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PublishReceipt dup = w.publisher().publish(keyed("k-tx"), c);
            PublishReceipt other = w.publisher().publish(keyed("k-tx-other"), c);
            c.commit();
            assertThat(dup.outcome()).isEqualTo(PublishOutcome.DUPLICATE);
            assertThat(dup.messageId()).isEqualTo(first.messageId());
            assertThat(other.outcome()).isEqualTo(PublishOutcome.STORED);
            assertThat(store.message(other.messageId())).isPresent();
        }
        assertThat(deliveries()).isEqualTo(4);
    }

    @Test
    void aKeyInAnOpenTransactionMakesAnotherPublishWaitThenItsRollbackFreesTheKey() throws Exception {
        Webhooks w = node(store, "node-a");
        Webhooks other = node(secondNode(clock), "node-b");
        WebhookEvent inTx = keyed("k-rollback");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(w.publisher().publish(inTx, c).outcome()).isEqualTo(PublishOutcome.STORED);
            WebhookEvent waiting = keyed("k-rollback");
            CompletableFuture<PublishReceipt> second = CompletableFuture.supplyAsync(() -> other.publisher().publish(waiting));
            c.rollback();
            PublishReceipt receipt = second.get(30, TimeUnit.SECONDS);
            assertThat(receipt.outcome()).isEqualTo(PublishOutcome.STORED);
            assertThat(receipt.messageId()).isEqualTo(waiting.id());
        }
        assertThat(store.message(inTx.id())).isEmpty();
        assertThat(deliveries()).isEqualTo(2);
    }

    @Test
    void aKeyInAnOpenTransactionMakesAnotherPublishWaitThenItsCommitMakesItADuplicate() throws Exception {
        Webhooks w = node(store, "node-a");
        Webhooks other = node(secondNode(clock), "node-b");
        WebhookEvent inTx = keyed("k-commit");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            w.publisher().publish(inTx, c);
            CompletableFuture<PublishReceipt> second = CompletableFuture.supplyAsync(
                    () -> other.publisher().publish(keyed("k-commit")));
            c.commit();
            PublishReceipt receipt = second.get(30, TimeUnit.SECONDS);
            assertThat(receipt.outcome()).isEqualTo(PublishOutcome.DUPLICATE);
            assertThat(receipt.messageId()).isEqualTo(inTx.id());
        }
        assertThat(deliveries()).isEqualTo(2);
    }
}
