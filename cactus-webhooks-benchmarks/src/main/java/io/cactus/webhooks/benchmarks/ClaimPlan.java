package io.cactus.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The database's plan for the store's claim query, with the values the dispatcher binds (due
 * between 1900 and now, 100 rows). The SQL is copied from the JDBC store (package-private there):
 * on PostgreSQL one {@code SELECT ... ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED}, run under
 * {@code EXPLAIN (ANALYZE, BUFFERS)} in a transaction that is rolled back; on H2 the first step,
 * the unlocked candidate query, then the second, which locks the candidates by id
 * ({@code EXPLAIN ANALYZE} both).
 */
final class ClaimPlan {

    private ClaimPlan() {
    }

    static String explain(javax.sql.DataSource ds, HistoryLoader.Dialect dialect, Instant now) throws SQLException {
        boolean pg = dialect == HistoryLoader.Dialect.POSTGRESQL;
        String ts = pg ? "TIMESTAMPTZ" : "TIMESTAMP WITH TIME ZONE";
        String due = " FROM cactus_webhook_deliveries WHERE due_at >= " + ts + " '1900-01-01 00:00:00+00' AND due_at <= "
                + ts + " '" + now.toString().replace('T', ' ').replace("Z", "+00") + "' ORDER BY due_at LIMIT 100";
        String sql = pg ? "EXPLAIN (ANALYZE, BUFFERS) SELECT id, message_id, endpoint_id, attempts, created_at" + due
                + " FOR UPDATE SKIP LOCKED" : "EXPLAIN ANALYZE SELECT id" + due;
        StringBuilder plan = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                explain(s, sql, plan);
                if (!pg) {
                    StringBuilder ids = new StringBuilder();
                    try (ResultSet rs = s.executeQuery("SELECT id" + due)) {
                        while (rs.next()) {
                            ids.append(ids.length() == 0 ? "'" : ", '").append(rs.getString(1)).append('\'');
                        }
                    }
                    explain(s, "EXPLAIN ANALYZE SELECT id, message_id, endpoint_id, attempts, created_at FROM"
                            + " cactus_webhook_deliveries WHERE id IN (" + ids + ") AND due_at <= " + ts + " '"
                            + now.toString().replace('T', ' ').replace("Z", "+00") + "' FOR UPDATE SKIP LOCKED", plan);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return plan.toString().stripTrailing();
    }

    private static void explain(Statement s, String sql, StringBuilder plan) throws SQLException {
        plan.append(sql.length() > 400 ? sql.substring(0, 400) + "..." : sql).append('\n');
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (String line : rs.getString(1).split("\n")) {
                    plan.append("    ").append(line.length() > 400 ? line.substring(0, 400) + "..." : line).append('\n');
                }
            }
        }
    }
}
