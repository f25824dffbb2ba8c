package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The store contract on a real PostgreSQL (embedded), a new database per test. */
class PostgresDeliveryStoreIT extends JdbcDeliveryStoreContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
