package io.cactus.webhooks.jdbc;

import java.util.List;
import javax.sql.DataSource;

class PostgresEndpointHealthStoreIT extends JdbcEndpointHealthStoreContract {

    @Override
    List<DataSource> twoDataSources() {
        String db = TestDatabases.newPostgresDatabase();
        return List.of(TestDatabases.postgresDataSource(db), TestDatabases.postgresDataSource(db));
    }
}
