package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class H2FileEndpointHealthStoreIT extends JdbcEndpointHealthStoreContract {

    @TempDir
    Path dir;

    @Override
    List<DataSource> twoDataSources() {
        return List.of(TestDatabases.h2File(dir, ""), TestDatabases.h2File(dir, ""));
    }
}
