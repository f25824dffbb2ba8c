package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Flyway (with flyway-mysql) and the shipped scripts on a real MariaDB. */
class MariaDbFlywaySchemaIT extends FlywaySchemaContract {

    @Override
    DataSource newDataSource() {
        return MariaDbServer.newDataSource();
    }
}
