package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.WebhookException;
import io.cactus.webhooks.WebhookStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers shared by the store and the registry. */
final class Jdbc {

    /** Rows per {@code executeBatch}: keeps driver memory flat on huge enqueues. */
    static final int BATCH = 500;

    private Jdbc() {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work without a result. */
    @FunctionalInterface
    interface Step {
        void run(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs the prepared query and maps every row. */
    static <T> java.util.List<T> readAll(PreparedStatement ps, RowMapper<T> mapper) throws SQLException {
        java.util.List<T> result = new java.util.ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(mapper.map(rs));
            }
        }
        return result;
    }

    /**
     * Runs {@code work} in one transaction on a fresh connection: commit on success, roll back on
     * any failure. The connection's auto-commit flag is restored before it is closed, so pooled
     * connections go back as they came.
     *
     * @throws WebhookException wrapping any {@link SQLException}; the message says what failed and
     *     never carries values, the cause carries the driver's detail
     */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        return inTransaction(dataSource, what, null, work);
    }

    /**
     * {@link #inTransaction(DataSource, String, Work)} at the given isolation level (a
     * {@link Connection} {@code TRANSACTION_*} constant; null: the connection's), restored with the
     * auto-commit flag before the connection is closed.
     */
    static <T> T inTransaction(DataSource dataSource, String what, @Nullable Integer isolation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // read only when it changes: some drivers ask the server (PostgreSQL's does)
            int previousIsolation = isolation == null ? Connection.TRANSACTION_NONE : c.getTransactionIsolation();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            if (isolation != null) {
                c.setTransactionIsolation(isolation);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                if (isolation != null) {
                    c.setTransactionIsolation(previousIsolation);
                }
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new WebhookStoreException("could not " + what + " (" + e.getClass().getSimpleName()
                    + ", SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Like {@link #inTransaction}, for a dispatcher's own bookkeeping (claims, outcomes, releases,
     * endpoint health) when {@code relaxed}: on PostgreSQL its commit does not wait for the WAL
     * flush ({@code synchronous_commit} off for this transaction only). A database crash can then
     * lose the last of these commits (PostgreSQL flushes within about 0.6 s); what that loses is a
     * lease or an outcome, never a message, so the delivery becomes due again and is sent once more
     * (a duplicate, which at-least-once delivery allows). Messages themselves ({@code enqueue}) are
     * always written with the database's own durability.
     */
    static <T> T inDispatcherTransaction(DataSource dataSource, JdbcDialect dialect, boolean relaxed, String what,
            Work<T> work) {
        String relax = relaxed ? dialect.relaxCommitStatement() : null;
        if (relax == null) {
            return inRowLockingTransaction(dataSource, dialect, what, work);
        }
        return inRowLockingTransaction(dataSource, dialect, what, c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(relax);
            }
            return work.run(c);
        });
    }

    /**
     * {@link #inTransaction} for work that locks rows: the dialect's
     * {@link JdbcDialect#rowLockingTransactionStatement()} (MariaDB: {@code READ COMMITTED} for
     * this transaction) runs first.
     */
    static <T> T inRowLockingTransaction(DataSource dataSource, JdbcDialect dialect, String what, Work<T> work) {
        String begin = dialect.rowLockingTransactionStatement();
        if (begin == null) {
            return inTransaction(dataSource, what, work);
        }
        return inTransaction(dataSource, what, c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(begin);
            }
            return work.run(c);
        });
    }

    /** {@link #inRowLockingTransaction} for work without a result. */
    static void runInRowLockingTransaction(DataSource dataSource, JdbcDialect dialect, String what, Step step) {
        inRowLockingTransaction(dataSource, dialect, what, asWork(step));
    }

    /** {@link #inTransaction} for work without a result. */
    static void runInTransaction(DataSource dataSource, String what, Step step) {
        inTransaction(dataSource, what, asWork(step));
    }

    /** {@link #inDispatcherTransaction} for work without a result. */
    static void runInDispatcherTransaction(DataSource dataSource, JdbcDialect dialect, boolean relaxed, String what,
            Step step) {
        inDispatcherTransaction(dataSource, dialect, relaxed, what, asWork(step));
    }

    // Work<@Nullable Void> would say it better, but NullAway checks type arguments only in its JSpecify mode.
    private static Work<Boolean> asWork(Step step) {
        return c -> {
            step.run(c);
            return Boolean.TRUE;
        };
    }

    /** Runs {@code work} on a fresh connection as it comes (reads). */
    static <T> T read(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new WebhookStoreException("could not " + what + " (" + e.getClass().getSimpleName()
                    + ", SQL state " + e.getSQLState() + ")", e);
        }
    }

    /**
     * An H2 file database writes commits to disk up to WRITE_DELAY ms later (500 by default): a
     * process killed in between loses deliveries that {@code publish} already returned for. Says so
     * once, at startup; never fails.
     */
    static void warnIfH2DelaysWrites(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            String url = String.valueOf(c.getMetaData().getURL());
            if (rs.next() && !"0".equals(rs.getString(1)) && !url.startsWith("jdbc:h2:mem:")) {
                org.slf4j.LoggerFactory.getLogger(JdbcDeliveryStore.class).warn("H2 writes commits to disk up to {} ms"
                        + " after they return (WRITE_DELAY): a killed process loses webhooks published in that"
                        + " window. Add ;WRITE_DELAY=0 to the JDBC URL for durable publishing.", rs.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            // only advice: a database that cannot say keeps working as it is
        }
    }

    static JdbcDialect detect(DataSource dataSource) {
        return read(dataSource, "detect the database", JdbcDialect::detect);
    }

    /** Instants are stored with microsecond precision (PostgreSQL's); truncating here keeps the databases alike. */
    static @Nullable Instant micros(@Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An instant as {@code TIMESTAMP WITH TIME ZONE} (H2, PostgreSQL). Callers bind through
     * {@link JdbcDialect#setInstant}, which MariaDB overrides.
     */
    static void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(micros(value), ZoneOffset.UTC));
        }
    }

    static @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static @Nullable Instant getInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setInteger(PreparedStatement ps, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static @Nullable Integer getInteger(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /**
     * Text cut to {@code max} characters (never splitting a surrogate pair), with NUL characters
     * replaced: PostgreSQL refuses them in text columns, and a response body may hold any bytes.
     */
    static @Nullable String text(@Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.indexOf('\0') >= 0 ? value.replace('\0', '\uFFFD') : value;
        if (v.length() <= max) {
            return v;
        }
        int end = Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
        return v.substring(0, end);
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }
}
