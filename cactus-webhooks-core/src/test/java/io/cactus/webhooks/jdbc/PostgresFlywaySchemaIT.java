package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Flyway and the shipped scripts on a real PostgreSQL (embedded). */
class PostgresFlywaySchemaIT extends FlywaySchemaContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
