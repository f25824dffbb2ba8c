package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The dispatcher on a real PostgreSQL (embedded), a new database per test ({@link JdbcDispatchContract}). */
class PostgresDispatchIT extends JdbcDispatchContract {

    private String database;

    @Override
    DataSource newDatabase() {
        database = TestDatabases.newPostgresDatabase();
        return TestDatabases.postgresDataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.postgresDataSource(database);
    }
}
