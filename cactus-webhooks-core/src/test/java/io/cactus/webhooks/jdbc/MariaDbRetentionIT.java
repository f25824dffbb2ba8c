package io.cactus.webhooks.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Retention on a real MariaDB (Debian's mariadb-server, see {@link MariaDbServer}), a new database
 * per test; the second node has a DataSource of its own on the same database.
 */
class MariaDbRetentionIT extends JdbcRetentionContract {

    private String database;

    @Override
    DataSource newDataSource() {
        database = MariaDbServer.newDatabase();
        return MariaDbServer.dataSource(database);
    }

    @Override
    DataSource sameDatabase() {
        return MariaDbServer.dataSource(database);
    }

    /**
     * InnoDB's optimizer scans a table of a few rows rather than use an index (and has no switch
     * like PostgreSQL's {@code enable_seqscan}), so the plans are taken with 5,000 more messages
     * present, each with a finished delivery, and the tables analysed: as a table in production
     * would look to it.
     */
    @Override
    void preferIndexes(Statement s) throws SQLException {
        s.execute("INSERT INTO cactus_webhook_messages (id, event_type, created_at, payload)"
                + " SELECT CONCAT('msg_plan_', seq), 'plan.filler', '2000-01-01 00:00:00', x'7b7d' FROM seq_1_to_5000");
        s.execute("INSERT INTO cactus_webhook_deliveries (id, message_id, endpoint_id, status, attempts, created_at,"
                + " finished_at) SELECT CONCAT('dlv_plan_', seq), CONCAT('msg_plan_', seq), 'ep-plan', 'SUCCEEDED', 1,"
                + " '2000-01-01 00:00:00', '2000-01-01 00:00:01' FROM seq_1_to_5000");
        s.execute("ANALYZE TABLE cactus_webhook_messages, cactus_webhook_deliveries, cactus_webhook_attempts");
        // the purge runs its candidate queries under this switch (without it InnoDB materializes
        // the NOT EXISTS subquery: a scan of every delivery per batch)
        s.execute(java.util.Objects.requireNonNull(JdbcDialect.MARIADB.withoutSubqueryMaterialization()));
    }

    /** MariaDB's EXPLAIN answers a row per table access: every column, named, e.g. {@code type=ref key=...}. */
    @Override
    String planRow(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.append(i == 1 ? "" : " ").append(meta.getColumnLabel(i)).append('=').append(rs.getString(i));
        }
        return row.toString();
    }

    /** Access type {@code ALL} is a full table scan. */
    @Override
    boolean readsAWholeTable(String plan) {
        return plan.contains("type=ALL");
    }

    /** {@code Using filesort}: the rows are sorted after they were read. */
    @Override
    boolean sortsRows(String plan) {
        return plan.contains("filesort");
    }
}
