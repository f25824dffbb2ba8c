package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The ordering contract on a real PostgreSQL (embedded), a new database per test. */
class PostgresOrderingIT extends JdbcOrderingContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
