package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** Retention on H2 in file mode; the second node opens the same file with a DataSource of its own. */
class H2FileRetentionIT extends JdbcRetentionContract {

    @TempDir
    Path dir;

    /** The URL options after the file name; none: plain H2. */
    String urlOptions() {
        return "";
    }

    @Override
    DataSource newDataSource() {
        return TestDatabases.h2File(dir, urlOptions());
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.h2File(dir, urlOptions());
    }

    /** H2 names the access of each table in a comment: an index, or {@code tableScan}. */
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
