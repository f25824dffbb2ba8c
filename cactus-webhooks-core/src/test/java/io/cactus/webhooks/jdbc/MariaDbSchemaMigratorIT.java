package io.cactus.webhooks.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The migrator on a real MariaDB: DDL commits by itself, so the migrator holds the named lock
 * {@code cactus_webhooks_schema} ({@code GET_LOCK}) on a connection of its own. MariaDB had no
 * schema before versioned scripts, so the contract's adoption cases are skipped here.
 */
class MariaDbSchemaMigratorIT extends SchemaMigratorContract {

    @Override
    Database newDatabase() {
        String name = MariaDbServer.newDatabase();
        return () -> MariaDbServer.dataSource(name);
    }

    @Override
    boolean aMigratorIsWaiting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.PROCESSLIST WHERE STATE = 'User lock'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
