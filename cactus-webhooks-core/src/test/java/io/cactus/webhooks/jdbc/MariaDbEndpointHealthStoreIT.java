package io.cactus.webhooks.jdbc;

import java.util.List;
import javax.sql.DataSource;

/** The endpoint health contract on a real MariaDB: two nodes, each with its own DataSource. */
class MariaDbEndpointHealthStoreIT extends JdbcEndpointHealthStoreContract {

    @Override
    List<DataSource> twoDataSources() {
        String db = MariaDbServer.newDatabase();
        return List.of(MariaDbServer.dataSource(db), MariaDbServer.dataSource(db));
    }
}
