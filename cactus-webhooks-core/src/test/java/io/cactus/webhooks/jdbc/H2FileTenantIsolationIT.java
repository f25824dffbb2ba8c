package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** Tenant isolation on H2 in file mode. */
class H2FileTenantIsolationIT extends JdbcTenantIsolationContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, "");
    }
}
