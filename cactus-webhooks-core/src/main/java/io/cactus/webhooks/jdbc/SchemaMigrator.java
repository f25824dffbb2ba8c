package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.WebhookStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in migrator behind {@code initializeSchema(true)}: applies a component's versioned
 * scripts that the database does not have yet, each once, in version order, and records each in
 * {@code cactus_webhook_schema_history}.
 *
 * <p>Each script runs in a transaction of its own with its history row: atomic on PostgreSQL, whose
 * DDL is transactional; on H2 every DDL statement commits by itself, so a script that fails halfway
 * keeps what it did and runs again in full on the next start (the scripts are written so that this
 * completes them); so does MariaDB's (and MySQL's). Migrators on several nodes wait for each other:
 * on PostgreSQL each transaction takes a transaction-scoped advisory lock, on H2 and MariaDB a
 * {@link SchemaLock} is held for the whole run.
 *
 * <p>Before it changes anything it checks the history: a version of the component that this
 * library does not have (a newer library migrated the database) or an applied script whose
 * checksum differs fails the migration. A database whose tables were created before versioned
 * scripts (0.1's idempotent DDL; the tables are there, the history is not) is adopted: the first
 * script finds its tables and creates only what is missing, its row says {@code baseline}, and the
 * later scripts follow.
 */
final class SchemaMigrator {

    static final String HISTORY = "cactus_webhook_schema_history";

    /** Plain SQL every database runs; not a versioned script: Flyway users have their own history. */
    private static String createHistory(JdbcDialect dialect) {
        return "CREATE TABLE IF NOT EXISTS " + HISTORY + " ("
                + " version      INTEGER      NOT NULL PRIMARY KEY,"
                + " component    VARCHAR(32)  NOT NULL,"
                + " description  VARCHAR(200) NOT NULL,"
                + " script       VARCHAR(200) NOT NULL,"
                + " checksum     VARCHAR(64)  NOT NULL,"
                + " installed_at " + dialect.timestampType() + " NOT NULL,"
                + " execution_ms BIGINT       NOT NULL,"
                + " baseline     BOOLEAN      NOT NULL)";
    }

    private static final String SELECT_APPLIED = "SELECT version, script, checksum, installed_at FROM " + HISTORY
            + " WHERE component = ? ORDER BY version";

    private static final String INSERT_APPLIED = "INSERT INTO " + HISTORY
            + " (version, component, description, script, checksum, installed_at, execution_ms, baseline)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** How long a node waits for another node's migration on H2 before it gives up. */
    private static final Duration MAX_LOCK_WAIT = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    /** Called inside a script's transaction, before the script runs: tests hold a migration there. */
    @FunctionalInterface
    interface BeforeScript {
        void run(SchemaScript script) throws SQLException;
    }

    /** One row of the history. */
    private record Applied(int version, String script, String checksum, @Nullable Instant installedAt) {
    }

    private final DataSource dataSource;
    private final JdbcDialect dialect;
    private final Clock clock;
    private final BeforeScript beforeScript;

    SchemaMigrator(DataSource dataSource, JdbcDialect dialect, Clock clock) {
        this(dataSource, dialect, clock, script -> { });
    }

    SchemaMigrator(DataSource dataSource, JdbcDialect dialect, Clock clock, BeforeScript beforeScript) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.beforeScript = beforeScript;
    }

    /**
     * Applies every script of {@code component} that the database does not have.
     *
     * @return the scripts this call applied, in order; empty when another node or an earlier start did
     * @throws WebhookStoreException if the database is newer than this library, an applied script was
     *     changed, a script fails, or the database cannot be reached
     */
    List<SchemaScript> migrate(SchemaComponent component) {
        return migrate(component, Integer.MAX_VALUE);
    }

    /** {@link #migrate(SchemaComponent)} up to and including {@code targetVersion} (tests build old schemas). */
    List<SchemaScript> migrate(SchemaComponent component, int targetVersion) {
        List<SchemaScript> applied = new ArrayList<>();
        try (SchemaLock lock = SchemaLock.acquire(dataSource, dialect, MAX_LOCK_WAIT)) {
            for (SchemaScript script : component.scripts()) {
                if (script.version() <= targetVersion && inMigrationTransaction(script,
                        c -> applyIfMissing(c, component, script))) {
                    applied.add(script);
                }
            }
        }
        return applied;
    }

    /** In the script's transaction: true if this call applied it, false if it was there. */
    private boolean applyIfMissing(Connection c, SchemaComponent component, SchemaScript script) throws SQLException {
        try (Statement s = c.createStatement()) {
            String lock = dialect.migrationLockStatement();
            if (lock != null) {
                s.execute(lock);
            }
            s.execute(createHistory(dialect));
        }
        Map<Integer, Applied> history = history(c, component, dialect);
        check(component, history);
        if (history.containsKey(script.version())) {
            return false;
        }
        boolean baseline = history.isEmpty() && tableExists(c, component.firstTable(), dialect);
        if (baseline) {
            log.info("Adopting the {} tables created before versioned schema scripts: {} creates only what is"
                    + " missing", component.folder(), script);
        }
        beforeScript.run(script);
        String text = script.text(dialect);
        long started = System.nanoTime();
        try (Statement s = c.createStatement()) {
            for (String statement : SchemaScript.statements(text)) {
                s.execute(statement);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        try (PreparedStatement ps = c.prepareStatement(INSERT_APPLIED)) {
            ps.setInt(1, script.version());
            ps.setString(2, component.folder());
            ps.setString(3, script.description());
            ps.setString(4, script.fileName());
            ps.setString(5, SchemaScript.checksum(text));
            dialect.setInstant(ps, 6, clock.instant());
            ps.setLong(7, millis);
            ps.setBoolean(8, baseline);
            ps.executeUpdate();
        }
        log.info("Applied webhook schema script {} in {} ms", script, millis);
        return true;
    }

    /** Refuses a history that this library cannot continue: newer versions, or changed scripts. */
    private void check(SchemaComponent component, Map<Integer, Applied> history) {
        Map<Integer, SchemaScript> known = new LinkedHashMap<>();
        component.scripts().forEach(s -> known.put(s.version(), s));
        for (Applied row : history.values()) {
            SchemaScript script = known.get(row.version());
            if (script == null) {
                throw new WebhookStoreException(row.version() > component.latestVersion()
                        ? "the webhook schema in the database is newer than this library: " + component.folder()
                                + " is at V" + row.version() + " (" + row.script() + ", applied " + row.installedAt()
                                + "), this library knows " + component.folder() + " up to V"
                                + component.latestVersion() + "; run a library version that knows V" + row.version()
                                + " (nothing was changed)"
                        : "the webhook schema history (" + HISTORY + ") records " + component.folder() + " V"
                                + row.version() + " (" + row.script() + "), a script this library does not have"
                                + " (nothing was changed)");
            }
            String expected = SchemaScript.checksum(script.text(dialect));
            if (!expected.equalsIgnoreCase(row.checksum())) {
                throw new WebhookStoreException("webhook schema script " + script + " differs from the one applied "
                        + row.installedAt() + ": checksum " + row.checksum() + " in " + HISTORY + ", " + expected
                        + " in this library. A released script never changes: was the history row or the script"
                        + " edited? (nothing was changed)");
            }
        }
    }

    private static Map<Integer, Applied> history(Connection c, SchemaComponent component, JdbcDialect dialect)
            throws SQLException {
        Map<Integer, Applied> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_APPLIED)) {
            ps.setString(1, component.folder());
            for (Applied row : Jdbc.readAll(ps, rs -> new Applied(rs.getInt(1), rs.getString(2), rs.getString(3),
                    dialect.getInstant(rs, 4)))) {
                rows.put(row.version(), row);
            }
        }
        return rows;
    }

    /** Whether the current schema has the table (any case: H2 folds names to upper case unless told otherwise). */
    static boolean tableExists(Connection c, String table, JdbcDialect dialect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE LOWER(TABLE_NAME) = ? AND TABLE_SCHEMA = " + dialect.currentSchema())) {
            ps.setString(1, table.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    /**
     * One transaction on a fresh connection, read committed whatever the pool's default, so that a
     * migrator that waited for the lock reads what the other one committed.
     */
    private <T> T inMigrationTransaction(SchemaScript script, Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource, "apply webhook schema script " + script,
                Connection.TRANSACTION_READ_COMMITTED, work);
    }
}
