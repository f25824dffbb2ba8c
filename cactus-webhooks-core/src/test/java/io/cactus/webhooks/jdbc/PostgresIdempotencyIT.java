package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Idempotent publishing on a real PostgreSQL (embedded), a new database per test; two nodes have DataSources of their own. */
class PostgresIdempotencyIT extends JdbcIdempotencyContract {

    private String database;

    @Override
    DataSource newDataSource() {
        database = TestDatabases.newPostgresDatabase();
        return TestDatabases.postgresDataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.postgresDataSource(database);
    }
}
