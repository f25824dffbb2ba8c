package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** {@link OperationalEventsTwoNodesContract} on an H2 file database opened by two stores. */
class H2FileOperationalEventsIT extends OperationalEventsTwoNodesContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDatabase() {
        return TestDatabases.h2File(dir, "");
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.h2File(dir, "");
    }
}
