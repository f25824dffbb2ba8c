package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/**
 * Idempotent publishing on a real MariaDB (Debian's mariadb-server, see {@link MariaDbServer}), a
 * new database per test; the second node has a DataSource of its own on the same database.
 */
class MariaDbIdempotencyIT extends JdbcIdempotencyContract {

    private String database;

    @Override
    DataSource newDataSource() {
        database = MariaDbServer.newDatabase();
        return MariaDbServer.dataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return MariaDbServer.dataSource(database);
    }
}
