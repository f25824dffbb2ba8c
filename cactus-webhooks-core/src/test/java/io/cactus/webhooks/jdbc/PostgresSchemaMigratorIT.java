package io.cactus.webhooks.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The migrator on a real PostgreSQL (embedded): transactional DDL, a transaction-scoped advisory lock per script. */
class PostgresSchemaMigratorIT extends SchemaMigratorContract {

    @Override
    Database newDatabase() {
        String name = TestDatabases.newPostgresDatabase();
        return () -> TestDatabases.postgresDataSource(name);
    }

    @Override
    boolean aMigratorIsWaiting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
