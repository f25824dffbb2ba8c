package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

class PostgresEndpointRegistryIT extends AbstractJdbcEndpointRegistryContract {

    @Override
    DataSource newDataSource() {
        return TestDatabases.postgresDataSource(TestDatabases.newPostgresDatabase());
    }
}
