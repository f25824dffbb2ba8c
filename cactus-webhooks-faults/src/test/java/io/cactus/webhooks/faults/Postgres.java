package io.cactus.webhooks.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL server (a real one, in a child process of the test JVM) on a fixed port and
 * data directory, so it can be stopped and started again where the app expects it.
 */
final class Postgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    Postgres(Path dataDir) {
        this.dataDir = dataDir;
        this.port = FreePorts.next();
    }

    Postgres start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setServerConfig("max_connections", "100").start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
        return this;
    }

    /** Stops the server: connections break, new ones are refused. */
    void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The environment that makes the app use it (its {@code postgres} profile). */
    AppProcess.Builder configure(AppProcess.Builder app) {
        return app.env("SPRING_PROFILES_ACTIVE", "postgres").env("SPRING_DATASOURCE_URL", jdbcUrl())
                .env("SPRING_DATASOURCE_USERNAME", "postgres").env("SPRING_DATASOURCE_PASSWORD", "postgres");
    }

    @Override
    public void close() {
        stop();
    }
}
