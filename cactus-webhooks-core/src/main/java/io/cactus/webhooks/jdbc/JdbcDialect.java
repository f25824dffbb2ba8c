package io.cactus.webhooks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the supported databases. The SQL the stores run is common to all of them
 * ({@code FOR UPDATE SKIP LOCKED}, {@code LIMIT/OFFSET}); the schema is not (payload type, time
 * type, partial indexes), so each has its own folder of versioned scripts, and instants are bound
 * as each database's time columns want them.
 */
enum JdbcDialect {

    /**
     * H2 2.x, plain or in {@code MODE=PostgreSQL} (its product name stays "H2"). H2 drops the
     * index-sorted {@code LIMIT} when a query also says {@code FOR UPDATE}: it reads, sorts and
     * locks every due row (seconds with 100,000 pending), so claims pick candidates first and lock
     * them by id.
     */
    H2("h2", true, false, null, null),
    /** PostgreSQL 12 or newer: {@code ORDER BY due_at LIMIT n FOR UPDATE SKIP LOCKED} walks the index. */
    POSTGRESQL("postgresql", false, true, "SET LOCAL synchronous_commit TO OFF",
            // the key is "cactusWH" in ASCII: any constant that other applications are unlikely to take
            "SELECT pg_advisory_xact_lock(7161114234333648712)"),
    /**
     * MariaDB 10.6+ and MySQL 8 (InnoDB; both have {@code SKIP LOCKED}). Instants live in
     * {@code DATETIME(6)} columns as UTC wall-clock time: bound and read as {@link LocalDateTime}
     * in UTC, which the driver passes as it is, so neither the server's nor the session's nor the
     * JVM's time zone takes part ({@code TIMESTAMP} would convert through the session time zone,
     * and ends in 2038). DDL commits by itself, so the migrator holds a named lock
     * ({@code GET_LOCK}) on a connection of its own. Row-locking transactions run at
     * {@code READ COMMITTED}: at InnoDB's default {@code REPEATABLE READ} a locking read also
     * locks the gaps between the index records it scans (and the first record after them, often a
     * leased delivery), which would block enqueues and outcomes until the claim commits, and two
     * nodes inserting the same new endpoint-health row would deadlock on each other's gap lock.
     */
    MARIADB("mariadb", false, false, null, null) {
        @Override
        @Nullable String withoutSubqueryMaterialization() {
            return "SET SESSION optimizer_switch = 'materialization=off,semijoin=off'";
        }

        @Override
        void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
            if (value == null) {
                ps.setNull(index, Types.TIMESTAMP);
            } else {
                ps.setObject(index, LocalDateTime.ofInstant(Jdbc.micros(value), ZoneOffset.UTC));
            }
        }

        @Override
        @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
            return utc(rs.getObject(column, LocalDateTime.class));
        }

        @Override
        @Nullable Instant getInstant(ResultSet rs, int column) throws SQLException {
            return utc(rs.getObject(column, LocalDateTime.class));
        }

        private @Nullable Instant utc(@Nullable LocalDateTime value) {
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }

        @Override
        String timestampType() {
            return "DATETIME(6)";
        }

        @Override
        String currentSchema() {
            return "DATABASE()";
        }

        // The optimizer may prefer a table scan and a sort when most rows are due; a locking read
        // then locks every due row before LIMIT cuts them. The due-time index reads them in order.
        @Override
        String claimFrom() {
            return DeliverySql.DELIVERIES + " FORCE INDEX (cactus_webhook_deliveries_due_at_idx)";
        }

        @Override
        @Nullable String rowLockingTransactionStatement() {
            // only the next transaction: the pool's connection keeps its own level afterwards
            return "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
        }

        @Override
        boolean keepsLocksOfFilteredRows() {
            return true;
        }

        @Override
        boolean migratesUnderNamedLock() {
            return true;
        }

        @Override
        boolean isDuplicateKey(SQLException e) {
            return e.getErrorCode() == MARIADB_DUPLICATE_KEY || super.isDuplicateKey(e);
        }
    };

    /** MariaDB's and MySQL's ER_DUP_ENTRY (SQL state 23000, which other constraint violations share). */
    private static final int MARIADB_DUPLICATE_KEY = 1062;

    private final String scriptFolder;
    private final boolean lockCandidatesById;
    private final boolean insertOnConflictDoNothing;
    private final @Nullable String relaxCommit;
    private final @Nullable String migrationLock;

    JdbcDialect(String scriptFolder, boolean lockCandidatesById, boolean insertOnConflictDoNothing,
            @Nullable String relaxCommit, @Nullable String migrationLock) {
        this.scriptFolder = scriptFolder;
        this.migrationLock = migrationLock;
        this.lockCandidatesById = lockCandidatesById;
        this.insertOnConflictDoNothing = insertOnConflictDoNothing;
        this.relaxCommit = relaxCommit;
    }

    /**
     * The statement that lets this transaction's commit return before its WAL is flushed, or null
     * where the database has no per-transaction switch (H2: its WRITE_DELAY is per database).
     */
    @Nullable String relaxCommitStatement() {
        return relaxCommit;
    }

    /**
     * The session setting under which a query with correlated {@code [NOT] EXISTS} subqueries probes
     * an index per outer row instead of materializing the subquery (a scan of the whole inner table),
     * or null where the planner needs no such help. InnoDB's optimizer materializes when it
     * estimates many outer rows, not knowing that the query stops at its {@code LIMIT}; the purge's
     * candidate queries then read every delivery per batch. Undone with
     * {@code SET SESSION optimizer_switch = DEFAULT}.
     */
    @Nullable String withoutSubqueryMaterialization() {
        return null;
    }

    /** Whether a claim selects candidates without locks, then locks them by id. */
    boolean lockCandidatesById() {
        return lockCandidatesById;
    }

    /**
     * Whether an insert that may meet an existing key says {@code ON CONFLICT DO NOTHING}. Without
     * it (H2) the insert fails with a duplicate-key error, which H2 confines to the statement; a
     * PostgreSQL transaction would be aborted by it.
     */
    boolean insertOnConflictDoNothing() {
        return insertOnConflictDoNothing;
    }

    /**
     * The folder of this database's scripts under {@code db/cactus-webhooks/}: Spring Boot's
     * {@code {vendor}} id ({@code DatabaseDriver}'s), {@code h2}, {@code postgresql} or
     * {@code mariadb}. MySQL, whose id is {@code mysql}, uses {@code mariadb}: one folder for both,
     * so that each version is written and pinned once (docs/storage.md).
     */
    String scriptFolder() {
        return scriptFolder;
    }

    /**
     * The statement that makes one schema migration transaction wait for any other (a lock released
     * at commit), or null where DDL commits by itself (H2), so that no transaction can hold a lock
     * across a script: there the migrator locks a row on a connection of its own instead.
     */
    @Nullable String migrationLockStatement() {
        return migrationLock;
    }

    /** Binds an instant (null: SQL NULL), cut to microseconds, as this database's time columns hold it. */
    void setInstant(PreparedStatement ps, int index, @Nullable Instant value) throws SQLException {
        Jdbc.setInstant(ps, index, value);
    }

    /** Reads an instant that {@link #setInstant} bound; null for SQL NULL. */
    @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
        return Jdbc.getInstant(rs, column);
    }

    /** {@link #getInstant(ResultSet, String)} by column index. */
    @Nullable Instant getInstant(ResultSet rs, int column) throws SQLException {
        return Jdbc.getInstant(rs, column);
    }

    /** The instant of a {@code NOT NULL} column. */
    final Instant getRequiredInstant(ResultSet rs, String column) throws SQLException {
        Instant value = getInstant(rs, column);
        if (value == null) {
            throw new SQLException("column " + column + " is null");
        }
        return value;
    }

    /** The column type of an instant in the tables the library creates outside the scripts (the history). */
    String timestampType() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** The SQL expression of the schema (database) that unqualified table names resolve in. */
    String currentSchema() {
        return "CURRENT_SCHEMA";
    }

    /** What a claim's locking SELECT reads from: the deliveries table, with an index hint where one is needed. */
    String claimFrom() {
        return DeliverySql.DELIVERIES;
    }

    /**
     * The statement that opens a transaction which locks rows (claims, outcomes, endpoint health,
     * endpoint saves), run first in it; null where the pool's isolation serves as it is.
     */
    @Nullable String rowLockingTransactionStatement() {
        return null;
    }

    /**
     * Whether a locking read keeps the locks of rows it scanned that its WHERE then dropped. InnoDB
     * does, even at {@code READ COMMITTED} (seen on MariaDB 10.11 with {@code SKIP LOCKED}): a
     * claim that excludes endpoints would hold their due rows, which another node could send, so
     * such a claim picks candidates first and locks them by id, as H2's do.
     */
    boolean keepsLocksOfFilteredRows() {
        return false;
    }

    /**
     * Whether the migrator holds a named session lock ({@code GET_LOCK}) on a connection of its
     * own for the whole run, instead of a locked row (H2) or a transaction-scoped lock per script.
     */
    boolean migratesUnderNamedLock() {
        return false;
    }

    /** Whether the exception says that an insert met an existing key (SQL state 23505 on H2 and PostgreSQL). */
    boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** The dialect named {@code h2}, {@code postgresql} or {@code mariadb} ({@code mysql} too; any case). */
    static JdbcDialect named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dialect must not be blank; use 'h2', 'postgresql' or 'mariadb'");
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql", "postgres" -> POSTGRESQL;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalArgumentException("dialect '" + name
                    + "' is not supported; use 'h2', 'postgresql' or 'mariadb' (also for MySQL)");
        };
    }

    /** Detects the dialect from the JDBC metadata's product name. */
    static JdbcDialect detect(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        // MariaDB's driver says "MariaDB" for a MariaDB server and "MySQL" for a MySQL one; MySQL's
        // driver says "MySQL" for both
        if (p.equals("mariadb") || p.equals("mysql")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("database '" + product
                + "' is not supported by the JDBC store; supported are H2, PostgreSQL, MariaDB and MySQL");
    }
}
