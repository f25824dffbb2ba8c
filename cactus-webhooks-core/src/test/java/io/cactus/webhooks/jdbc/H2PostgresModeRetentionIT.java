package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** Retention on H2 in file mode with the options of its PostgreSQL mode. */
class H2PostgresModeRetentionIT extends JdbcRetentionContract {

    @TempDir
    Path dir;

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE);
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.h2File(dir, TestDatabases.H2_POSTGRES_MODE);
    }

    @Override
    boolean readsAWholeTable(String plan) {
        return plan.toLowerCase(Locale.ROOT).contains("tablescan");
    }

    /** H2 says {@code index sorted} when the order comes from the index it reads. */
    @Override
    boolean sortsRows(String plan) {
        return plan.contains("ORDER BY") && !plan.contains("index sorted");
    }
}
