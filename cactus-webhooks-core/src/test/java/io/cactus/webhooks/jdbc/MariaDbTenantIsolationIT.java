package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** Tenant isolation on a real MariaDB (Debian's mariadb-server, see {@link MariaDbServer}), a new database per test. */
class MariaDbTenantIsolationIT extends JdbcTenantIsolationContract {

    @Override
    DataSource newDataSource() {
        return MariaDbServer.dataSource(MariaDbServer.newDatabase());
    }
}
