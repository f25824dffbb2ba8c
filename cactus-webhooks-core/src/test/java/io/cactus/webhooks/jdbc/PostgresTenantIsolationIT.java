package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Tenant isolation on a real PostgreSQL (embedded), a new database per test. */
class PostgresTenantIsolationIT extends JdbcTenantIsolationContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
