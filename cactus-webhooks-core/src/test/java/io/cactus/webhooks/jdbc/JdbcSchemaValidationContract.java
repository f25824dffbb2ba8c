package io.cactus.webhooks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cactus.webhooks.PublishOutcome;
import io.cactus.webhooks.PublishReceipt;
import io.cactus.webhooks.WebhookEvent;
import io.cactus.webhooks.Webhooks;
import io.cactus.webhooks.catalog.PayloadValidationException;
import io.cactus.webhooks.catalog.SchemaValidation;
import io.cactus.webhooks.catalog.SchemaValidationContract;
import io.cactus.webhooks.spi.DeliveryStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema validation on a database: the contract's cases, plus a refusal inside the caller's
 * transaction, which writes nothing on the caller's connection and leaves it usable.
 */
abstract class JdbcSchemaValidationContract extends SchemaValidationContract {

    DataSource dataSource;
    /** Keeps an H2 file database open between the store's connections, as a pool would. */
    private Connection keepOpen;

    /** A fresh, empty database for one test. */
    abstract DataSource newDataSource() throws Exception;

    @Override
    protected DeliveryStore newStore() throws Exception {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        return JdbcDeliveryStore.builder(dataSource).initializeSchema(true).build();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keepOpen.close();
    }

    private static long rows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRefusalInTheCallersTransactionWritesNothingOnItsConnection() throws Exception {
        Webhooks w = webhooks(SchemaValidation.ON);
        WebhookEvent rejected = bad("k-tx");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> w.publisher().publish(rejected, c)).isInstanceOf(PayloadValidationException.class);
            for (String table : new String[] {"cactus_webhook_messages", "cactus_webhook_deliveries",
                    "cactus_webhook_idempotency"}) {
                assertThat(rows(c, table)).as(table + " seen on the caller's connection").isZero();
            }
            // positive control on the same connection and key: the transaction is usable and writes
            PublishReceipt stored = w.publisher().publish(good("k-tx"), c);
            assertThat(rows(c, "cactus_webhook_messages")).isEqualTo(1);
            c.commit();
            assertThat(stored.outcome()).isEqualTo(PublishOutcome.STORED);
        }
        assertThat(store.message(rejected.id())).isEmpty();
        assertThat(deliveries()).isEqualTo(1);
    }
}
