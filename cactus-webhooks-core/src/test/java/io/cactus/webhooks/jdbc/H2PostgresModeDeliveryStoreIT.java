package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on H2 in file mode with {@code MODE=PostgreSQL}, as apps that test against H2 run it. */
class H2PostgresModeDeliveryStoreIT extends JdbcDeliveryStoreContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE);
    }
}
