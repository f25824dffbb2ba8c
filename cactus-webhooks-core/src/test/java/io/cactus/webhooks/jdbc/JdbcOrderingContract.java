package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.store.OrderingContract;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The ordering contract on a database; subclasses supply a fresh, empty one per test. */
abstract class JdbcOrderingContract extends OrderingContract {

    DataSource dataSource;
    private Connection keepOpen;

    abstract DataSource newDataSource() throws Exception;

    @Override
    protected DeliveryStore newStore(Clock clock) throws Exception {
        dataSource = newDataSource();
        keepOpen = dataSource.getConnection();
        return JdbcDeliveryStore.builder(dataSource).initializeSchema(true).clock(clock).build();
    }

    @AfterEach
    void close() throws Exception {
        keepOpen.close();
    }
}
