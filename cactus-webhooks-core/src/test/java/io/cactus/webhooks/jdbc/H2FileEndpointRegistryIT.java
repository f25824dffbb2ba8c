package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

class H2FileEndpointRegistryIT extends AbstractJdbcEndpointRegistryContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, "");
    }
}
