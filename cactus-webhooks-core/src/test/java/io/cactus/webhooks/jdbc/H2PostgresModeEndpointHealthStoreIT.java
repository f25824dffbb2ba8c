package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class H2PostgresModeEndpointHealthStoreIT extends JdbcEndpointHealthStoreContract {

    @TempDir
    Path dir;

    @Override
    List<DataSource> twoDataSources() {
        return List.of(TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE),
                TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE));
    }
}
