package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.WebhookStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that lets one migrator at a time change the schema of a database whose DDL commits by
 * itself, held on a connection of its own until {@link #close()}: on H2 a row of
 * {@code cactus_webhook_schema_lock} locked {@code FOR UPDATE}, on MariaDB and MySQL the named
 * lock {@value #NAMED_LOCK} ({@code GET_LOCK}, which belongs to the session, not to a
 * transaction). DDL on the migrator's other connection cannot release it, and a process that dies
 * releases it with its connection. Where DDL is transactional (PostgreSQL) each migration
 * transaction takes the dialect's lock instead and this one is a no-op.
 */
final class SchemaLock implements AutoCloseable {

    static final String TABLE = "cactus_webhook_schema_lock";

    /** H2's "timeout trying to lock the table": the lock's wait is over, not the migration. */
    private static final int H2_LOCK_TIMEOUT = 50200;

    /** The name of MariaDB's (and MySQL's) migration lock; names are server-wide, so it names the library. */
    static final String NAMED_LOCK = "cactus_webhooks_schema";

    /** Seconds of one {@code GET_LOCK} wait: the loop checks the deadline and says that it waits between them. */
    private static final int NAMED_LOCK_WAIT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(SchemaLock.class);

    private final @Nullable Connection connection;
    private final boolean autoCommit;
    private final boolean named;

    private SchemaLock(@Nullable Connection connection, boolean autoCommit, boolean named) {
        this.connection = connection;
        this.autoCommit = autoCommit;
        this.named = named;
    }

    /**
     * Takes the lock, waiting up to {@code maxWait} for another migrator to finish.
     *
     * @throws WebhookStoreException if the database refuses, or the lock is still held after {@code maxWait}
     */
    static SchemaLock acquire(DataSource dataSource, JdbcDialect dialect, Duration maxWait) {
        if (dialect.migrationLockStatement() != null) {
            return new SchemaLock(null, true, false);
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            if (dialect.migratesUnderNamedLock()) {
                waitForNamedLock(c, maxWait);
                return new SchemaLock(c, autoCommit, true);
            }
            createLockRow(c);
            c.setAutoCommit(false);
            waitForRow(c, maxWait);
            return new SchemaLock(c, autoCommit, false);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            SQLException sql = (SQLException) e;
            throw new WebhookStoreException("could not take the webhook schema lock ("
                    + (dialect.migratesUnderNamedLock() ? NAMED_LOCK : TABLE) + ", SQL state " + sql.getSQLState()
                    + ")", sql);
        }
    }

    private static void createLockRow(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INTEGER NOT NULL PRIMARY KEY)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE id = 1")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            try {
                s.execute("INSERT INTO " + TABLE + " (id) VALUES (1)");
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) { // another node inserted it first: there it is
                    throw e;
                }
            }
        }
    }

    private static void waitForRow(Connection c, Duration maxWait) throws SQLException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        try (Statement s = c.createStatement()) {
            while (true) {
                try {
                    s.executeQuery("SELECT id FROM " + TABLE + " WHERE id = 1 FOR UPDATE").close();
                    return;
                } catch (SQLException e) {
                    // each try waits up to the session's LOCK_TIMEOUT, so the loop does not spin
                    if (e.getErrorCode() != H2_LOCK_TIMEOUT) {
                        throw e;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new WebhookStoreException("another node held the webhook schema lock (" + TABLE
                                + ") for more than " + maxWait + "; is its migration stuck?", e);
                    }
                    if (!told) {
                        log.info("Waiting for another node's webhook schema migration to finish ({})", TABLE);
                        told = true;
                    }
                }
            }
        }
    }

    private static void waitForNamedLock(Connection c, Duration maxWait) throws SQLException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
            ps.setString(1, NAMED_LOCK);
            ps.setInt(2, NAMED_LOCK_WAIT_SECONDS);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int got = rs.getInt(1);
                    if (rs.wasNull()) {
                        throw new SQLException("GET_LOCK('" + NAMED_LOCK + "') failed");
                    }
                    if (got == 1) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new WebhookStoreException("another node held the webhook schema lock (" + NAMED_LOCK
                            + ") for more than " + maxWait + "; is its migration stuck?");
                }
                if (!told) {
                    log.info("Waiting for another node's webhook schema migration to finish ({})", NAMED_LOCK);
                    told = true;
                }
            }
        }
    }

    /** Releases the lock and gives the connection back as it came. */
    @Override
    public void close() {
        Connection c = connection;
        if (c == null) {
            return;
        }
        try (c) {
            if (named) {
                try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, NAMED_LOCK);
                    ps.executeQuery().close();
                }
            } else {
                c.rollback();
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // closing the connection releases the lock all the same
            log.debug("Releasing the webhook schema lock: {}", e.toString());
        }
    }
}
