package io.cactus.webhooks.jdbc;

import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Retention on a real PostgreSQL (embedded), a new database per test; two nodes have DataSources of their own. */
class PostgresRetentionIT extends JdbcRetentionContract {

    private String database;

    @Override
    DataSource newDataSource() {
        database = TestDatabases.newPostgresDatabase();
        return TestDatabases.postgresDataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return TestDatabases.postgresDataSource(database);
    }

    /** With sequential scans priced out, a plan that still has one has no index to use. */
    @Override
    void preferIndexes(Statement s) throws SQLException {
        s.execute("SET enable_seqscan = off");
    }

    @Override
    boolean readsAWholeTable(String plan) {
        return plan.contains("Seq Scan");
    }

    /** A {@code Sort} node sorts what the scan below it read. */
    @Override
    boolean sortsRows(String plan) {
        return plan.contains("Sort");
    }
}
