package io.cactus.webhooks.jdbc;

import javax.sql.DataSource;

/** The endpoint registry contract on a real MariaDB, including two nodes saving one endpoint at once. */
class MariaDbEndpointRegistryIT extends AbstractJdbcEndpointRegistryContract {

    @Override
    DataSource newDataSource() {
        return MariaDbServer.newDataSource();
    }
}
