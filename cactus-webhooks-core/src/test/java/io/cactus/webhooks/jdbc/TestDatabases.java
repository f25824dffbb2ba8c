package io.cactus.webhooks.jdbc;

import io.cactus.webhooks.spi.DeliveryStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Databases for the JDBC tests: one embedded PostgreSQL per test JVM, a fresh database per call. */
final class TestDatabases {

    /** The options of H2's PostgreSQL mode as apps that test against H2 set them. */
    static final String H2_POSTGRES_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return postgres;
    }

    /** The name of a new, empty PostgreSQL database. */
    static String newPostgresDatabase() {
        String name = "cactus_test_" + NEXT.incrementAndGet();
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** A new, unpooled DataSource on the named database; every call gives a separate instance. */
    static DataSource postgresDataSource(String database) {
        return postgres().getDatabase("postgres", database);
    }

    /** Two stores as two nodes have them, on separate DataSources of one database; the first creates the schema. */
    static List<DeliveryStore> twoStores(DataSource first, DataSource second) {
        return List.of(JdbcDeliveryStore.builder(first).initializeSchema(true).build(),
                JdbcDeliveryStore.builder(second).build());
    }

    /**
     * Runs a test fixture's idempotent DDL from before versioned scripts ({@code legacy/<name>-<database>.sql}):
     * {@code schema-0.1} or {@code schema-unversioned}.
     */
    static void runLegacySchema(DataSource dataSource, JdbcDialect dialect, String name) throws SQLException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dialect != JdbcDialect.MARIADB,
                "MariaDB had no schema before versioned scripts: nothing to adopt");
        String resource = "legacy/" + name + "-" + dialect.scriptFolder() + ".sql";
        String text;
        try (java.io.InputStream in = TestDatabases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : SchemaScript.statements(text)) {
                s.execute(statement);
            }
        }
    }

    static DataSource h2File(Path dir, String options) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("webhooks").toAbsolutePath() + options);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
