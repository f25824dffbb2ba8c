package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The ordering contract on a real MariaDB ({@link MariaDbServer}), a new database per test. */
class MariaDbOrderingIT extends JdbcOrderingContract {

    @Override
    DataSource newDataSource() {
        return MariaDbServer.newDataSource();
    }
}
