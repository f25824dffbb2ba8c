package io.cactus.webhooks.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * One store kind for a peer run: an H2 folder, or one embedded PostgreSQL server, from which every
 * variant run takes a fresh database ({@link #fresh}) so that no run reads another's history. Not
 * thread-safe (the main thread opens and closes).
 */
final class FreshDatabases implements AutoCloseable {

    /** Per-database counters from {@code pg_stat_database}. */
    record PgCounters(long commits, long inserted, long updated, long deleted) {
        PgCounters minus(PgCounters before) {
            return new PgCounters(commits - before.commits, inserted - before.inserted, updated - before.updated,
                    deleted - before.deleted);
        }
    }

    final StoreSetup.Kind kind;
    private final int poolSize;
    private final Path root;
    private final EmbeddedPostgres postgres;
    private final String settings;
    private int next;

    private FreshDatabases(StoreSetup.Kind kind, int poolSize, Path root, EmbeddedPostgres postgres, String settings) {
        this.kind = kind;
        this.poolSize = poolSize;
        this.root = root;
        this.postgres = postgres;
        this.settings = settings;
    }

    static FreshDatabases open(StoreSetup.Kind kind, int poolSize) throws IOException {
        Path root = Files.createTempDirectory("cactus-peers-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        switch (kind) {
            case H2, H2_DURABLE: {
                String settings;
                try (HikariDataSource probe = StoreSetup.h2Pool(root.resolve("probe"), StoreSetup.h2Options(kind), 1)) {
                    settings = StoreSetup.h2Settings(kind, probe, root) + "; URL jdbc:h2:file:<fresh folder>/db"
                            + StoreSetup.h2Options(kind) + " for every variant";
                }
                return new FreshDatabases(kind, poolSize, root, null, settings + ", HikariCP pool of " + poolSize);
            }
            case PG, PG_DURABLE: {
                EmbeddedPostgres pg = StoreSetup.startPostgres(root.resolve("pgdata"), kind == StoreSetup.Kind.PG_DURABLE);
                String settings = "embedded PostgreSQL (one server for this store, a fresh database per variant run) "
                        + StoreSetup.pgSettings(pg.getPostgresDatabase()) + ", HikariCP pool of " + poolSize;
                return new FreshDatabases(kind, poolSize, root, pg, settings);
            }
            default:
                throw new IllegalArgumentException("the peer run needs a database; got " + kind.label);
        }
    }

    String settings() {
        return settings;
    }

    boolean isPostgres() {
        return postgres != null;
    }

    /** A new, empty database with its own pool. */
    Database fresh() throws IOException, SQLException {
        String name = "bench_" + (++next);
        if (postgres == null) {
            Path dir = Files.createDirectory(root.resolve(name));
            return new Database(name, StoreSetup.h2Pool(dir.resolve("db"), StoreSetup.h2Options(kind), poolSize), dir);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new Database(name, StoreSetup.pool(postgres.getDatabase("postgres", name), name, poolSize), null);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        StoreSetup.deleteTree(root);
    }

    /** One variant run's database. */
    final class Database implements AutoCloseable {

        final String name;
        private final HikariDataSource pool;
        private final Path dir;

        private Database(String name, HikariDataSource pool, Path dir) {
            this.name = name;
            this.pool = pool;
            this.dir = dir;
        }

        DataSource dataSource() {
            return pool;
        }

        /** The H2 database's folder; empty on PostgreSQL. */
        java.util.Optional<Path> directory() {
            return java.util.Optional.ofNullable(dir);
        }

        /**
         * The counters once every backend of the pool has reported: the idle connections are closed
         * (a backend sends its pending statistics when it exits; PostgreSQL 14 may hold them while a
         * backend is idle) and the pool opens new ones, then the counters are read until they stop
         * moving. Read over a connection to the {@code postgres} database, so reading does not count.
         */
        PgCounters settledCounters() {
            pool.getHikariPoolMXBean().softEvictConnections();
            return awaitStableCounters();
        }

        /** After {@link #closePool()}: the final counters. */
        PgCounters awaitStableCounters() {
            AtomicReference<PgCounters> last = new AtomicReference<>();
            AtomicReference<Long> stableSince = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                PgCounters now = readCounters();
                if (!now.equals(last.getAndSet(now))) {
                    stableSince.set(System.nanoTime());
                }
                // The PostgreSQL 14 statistics collector writes its file at most every 500 ms.
                return System.nanoTime() - stableSince.get() >= Duration.ofMillis(1_200).toNanos();
            });
            return last.get();
        }

        private PgCounters readCounters() throws SQLException {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = s.executeQuery("SELECT xact_commit, tup_inserted, tup_updated, tup_deleted"
                        + " FROM pg_stat_database WHERE datname = '" + name + "'")) {
                    rs.next();
                    return new PgCounters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }

        void closePool() {
            pool.close();
        }

        @Override
        public void close() throws IOException, SQLException {
            pool.close();
            if (dir != null) {
                StoreSetup.deleteTree(dir);
            } else {
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name);
                }
            }
        }
    }
}
