package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The store contract on a real MariaDB (Debian's mariadb-server, see {@link MariaDbServer}), a new database per test. */
class MariaDbDeliveryStoreIT extends JdbcDeliveryStoreContract {

    @Override
    DataSource newDataSource() {
        return MariaDbServer.newDataSource();
    }
}
