package io.cactus.webhooks.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

/** The migrator on H2 in file mode: DDL commits by itself, so the lock is a row held on its own connection. */
class H2FileSchemaMigratorIT extends SchemaMigratorContract {

    @TempDir
    Path dir;

    /** The H2 options of the database; plain by default. */
    String options() {
        return "";
    }

    @Override
    Database newDatabase() {
        Path db = dir.resolve("db" + System.nanoTime());
        return () -> TestDatabases.h2File(db, options());
    }

    @Override
    boolean aMigratorIsWaiting(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
