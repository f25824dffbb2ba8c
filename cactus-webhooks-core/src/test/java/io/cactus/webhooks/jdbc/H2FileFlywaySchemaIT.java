package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** Flyway and the shipped scripts on H2 in file mode. */
class H2FileFlywaySchemaIT extends FlywaySchemaContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, "");
    }
}
