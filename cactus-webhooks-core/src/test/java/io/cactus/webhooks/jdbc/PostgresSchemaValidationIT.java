package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Schema validation at publish on PostgreSQL (embedded, a fresh database per test). */
class PostgresSchemaValidationIT extends JdbcSchemaValidationContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
