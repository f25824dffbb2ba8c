package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** {@link OperationalEventsTwoNodesContract} on a real PostgreSQL (embedded), a new database per test. */
class PostgresOperationalEventsIT extends OperationalEventsTwoNodesContract {

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
