package io.cactus.webhooks.jdbc;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server for the tests: Debian's {@code mariadb-server} binaries, started once per
 * test JVM as a child process with a data directory in a temporary folder, on a free loopback
 * port, and stopped (and its folder deleted) when the JVM exits. The package's own service is not
 * used. The server's default time zone is {@code +05:00}, so that a test that passes does not
 * depend on the server being in UTC.
 *
 * <p>Without the binaries a test that asks for the server is skipped (a JUnit assumption) with a
 * message that says what to install, unless {@code CI=true}: there it fails, so that CI cannot go
 * green without having run the MariaDB tests.
 */
final class MariaDbServer {

    /** The server's default time zone: not UTC on purpose. */
    static final String SERVER_TIME_ZONE = "+05:00";

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"),
            Path.of("/usr/local/mysql/bin"), Path.of("/usr/local/bin"));
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static MariaDbServer shared;

    private final Path dir;
    private final Process process;
    private final int port;

    private MariaDbServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** The server of this JVM, started at the first call; skips or fails the calling test without binaries. */
    static synchronized MariaDbServer shared() {
        if (shared == null) {
            Path server = binary("mariadbd", "mysqld");
            Path installDb = binary("mariadb-install-db", "mysql_install_db");
            shared = start(server, installDb);
            MariaDbServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mariadb-stop"));
        }
        return shared;
    }

    /** The name of a new, empty database (utf8mb4, as an application's would be). */
    static String newDatabase() {
        MariaDbServer server = shared();
        String name = "cactus_test_" + NEXT.incrementAndGet();
        try (Connection c = DriverManager.getConnection(server.url("")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create MariaDB database " + name, e);
        }
        return name;
    }

    /** A new, unpooled DataSource on the named database, with the driver's default settings. */
    static DataSource dataSource(String database) {
        try {
            return new MariaDbDataSource(shared().url(database));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A DataSource on a new, empty database. */
    static DataSource newDataSource() {
        return dataSource(newDatabase());
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
    }

    private static Path binary(String... names) {
        for (String name : names) {
            for (Path dir : BIN_DIRS) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "MariaDB is not installed (no " + String.join(" or ", names) + " in " + BIN_DIRS
                + "): the MariaDB tests need Debian's mariadb-server (apt-get install --no-install-recommends"
                + " mariadb-server); its service need not run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ". CI=true: failing instead of skipping.");
        }
        Assumptions.abort(message + ". Skipped (CI is not set).");
        throw new AssertionError("unreachable");
    }

    private static MariaDbServer start(Path server, Path installDb) {
        Path dir;
        try {
            dir = Files.createTempDirectory("cactus-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        // small and fast: tests need neither a big buffer pool nor a binary log nor durable commits
        List<String> tuning = List.of("--innodb-buffer-pool-size=64M", "--innodb-log-file-size=8M",
                "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", "--skip-name-resolve");
        List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults", "--user=root",
                "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
        install.addAll(tuning);
        run(install, dir.resolve("install.log"));

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults", "--user=root",
                "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--log-error=" + dir.resolve("error.log"), "--default-time-zone=" + SERVER_TIME_ZONE,
                "--max-connections=500"));
        command.addAll(tuning);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + server, e);
        }
        MariaDbServer started = new MariaDbServer(dir, process, port);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || started.accepts());
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": "
                        + tail(dir.resolve("error.log")));
            }
        } catch (RuntimeException e) {
            started.stop();
            throw e;
        }
        log.info("MariaDB {} started on 127.0.0.1:{} (time zone {}, data in {})", version(started), port,
                SERVER_TIME_ZONE, data);
        return started;
    }

    private boolean accepts() {
        try (Connection c = DriverManager.getConnection(url(""))) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String version(MariaDbServer server) {
        try (Connection c = DriverManager.getConnection(server.url(""))) {
            return c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return "?";
        }
    }

    private static void run(List<String> command, Path logFile) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed with " + p.exitValue() + ": " + tail(logFile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    /** Stops the server and its children, then deletes its folder. */
    void stop() {
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
        log.info("MariaDB on port {} stopped", port);
    }
}
