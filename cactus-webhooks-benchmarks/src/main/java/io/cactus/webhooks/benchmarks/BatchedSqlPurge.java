package io.cactus.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Batched retention as plain SQL, standing in for the library's scheduled retention until that is
 * merged: each transaction picks up to {@code batchSize} succeeded deliveries finished before the
 * bound (oldest first, reading the {@code (status, finished_at)} index in order), deletes their attempts, the
 * deliveries, then those of their messages that no other delivery refers to; repeated until a
 * batch finds nothing. Short transactions, so a purge never holds many locks at once. Not
 * thread-safe (one purge at a time).
 */
final class BatchedSqlPurge implements HistoryPurge {

    /**
     * {@code ORDER BY status, finished_at}, not just {@code finished_at}: the order must name the
     * index's columns for H2 to read the index in order and stop at the limit; with
     * {@code ORDER BY finished_at} alone it reads every row before the bound and sorts them, on
     * every batch (seen at 10M rows: about 1,600 rows/s). PostgreSQL reads the index either way.
     */
    private static final String PICK = "SELECT id, message_id FROM cactus_webhook_deliveries"
            + " WHERE status = 'SUCCEEDED' AND finished_at < ? ORDER BY status, finished_at LIMIT ?";

    private final DataSource dataSource;
    private final int batchSize;

    BatchedSqlPurge(DataSource dataSource, int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1 to 10000, was " + batchSize);
        }
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    @Override
    public String label() {
        return "batched SQL DELETE, " + batchSize + " per transaction";
    }

    @Override
    public long purge(Instant before) throws SQLException {
        long total = 0;
        int n;
        do {
            n = batch(before);
            total += n;
        } while (n > 0);
        return total;
    }

    private int batch(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> ids = new ArrayList<>();
                Set<String> messageIds = new LinkedHashSet<>();
                try (PreparedStatement ps = c.prepareStatement(PICK)) {
                    ps.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                    ps.setInt(2, batchSize);
                    try (var rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                            messageIds.add(rs.getString(2));
                        }
                    }
                }
                if (!ids.isEmpty()) {
                    delete(c, "DELETE FROM cactus_webhook_attempts WHERE delivery_id IN (%s)", ids);
                    delete(c, "DELETE FROM cactus_webhook_deliveries WHERE id IN (%s)", ids);
                    delete(c, "DELETE FROM cactus_webhook_messages WHERE id IN (%s) AND NOT EXISTS (SELECT 1 FROM"
                            + " cactus_webhook_deliveries d WHERE d.message_id = cactus_webhook_messages.id)",
                            new ArrayList<>(messageIds));
                }
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void delete(Connection c, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(String.format(sql, "?, ".repeat(ids.size() - 1) + "?"))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            ps.executeUpdate();
        }
    }
}
