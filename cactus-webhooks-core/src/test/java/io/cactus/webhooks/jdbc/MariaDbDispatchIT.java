package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/**
 * The dispatcher on a real MariaDB (Debian's mariadb-server, see {@link MariaDbServer}), a new
 * database per test ({@link JdbcDispatchContract}).
 */
class MariaDbDispatchIT extends JdbcDispatchContract {

    private String database;

    @Override
    DataSource newDatabase() {
        database = MariaDbServer.newDatabase();
        return MariaDbServer.dataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return MariaDbServer.dataSource(database);
    }
}
