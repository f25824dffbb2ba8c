package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.cactus.webhooks.spi.EditableEndpointRegistry;
import io.cactus.webhooks.tenant.TenantIsolationContract;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/**
 * Tenant isolation on a database: the library's JDBC store and registry on one DataSource, whose
 * scoped reads and changes carry the tenant in their statements.
 */
abstract class JdbcTenantIsolationContract extends TenantIsolationContract {

    private DataSource dataSource;
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

    @Override
    protected EditableEndpointRegistry newRegistry() {
        return JdbcEndpointRegistry.builder(dataSource).initializeSchema(true).build();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (keepOpen != null) {
            keepOpen.close();
        }
    }
}
