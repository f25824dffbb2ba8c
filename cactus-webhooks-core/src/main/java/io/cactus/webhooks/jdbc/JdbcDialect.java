package io.cactus.webhooks.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the supported databases. The SQL the stores run is common to all of them
 * ({@code FOR UPDATE SKIP LOCKED}, {@code LIMIT/OFFSET}, {@code TIMESTAMP WITH TIME ZONE}); the
 * schema is not (payload type, partial indexes), so each has its own folder of versioned scripts.
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
            "SELECT pg_advisory_xact_lock(7161114234333648712)");

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

    /** The folder of this database's scripts under {@code db/cactus-webhooks/}: Spring Boot's {@code {vendor}} id. */
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

    /** The dialect named {@code h2} or {@code postgresql} (any case). */
    static JdbcDialect named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dialect must not be blank; use 'h2' or 'postgresql'");
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql", "postgres" -> POSTGRESQL;
            default -> throw new IllegalArgumentException("dialect '" + name
                    + "' is not supported; use 'h2' or 'postgresql'");
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
        throw new IllegalArgumentException("database '" + product
                + "' is not supported by the JDBC store; supported are H2 and PostgreSQL");
    }
}
