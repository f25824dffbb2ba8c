package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent publishing on H2 in file mode; the second node opens the same file with a DataSource of its own. */
class H2FileIdempotencyIT extends JdbcIdempotencyContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, "");
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.h2File(dir, "");
    }
}
