package io.cactus.dashboard.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipFile;
import org.h2.tools.Restore;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The backup service on a real H2 file: a restorable zip, owner-only permissions, the retention count. */
class BackupServiceIT {

    private final Path root = Path.of("target", "it-data", "backup-" + UUID.randomUUID()).toAbsolutePath();

    @Test
    void backUpToWritesAnOwnerOnlyZipThatRestoresTheDatabase() throws Exception {
        JdbcClient jdbc = database(root.resolve("data"));
        jdbc.sql("CREATE TABLE clients (id INT PRIMARY KEY, name VARCHAR(50))").update();
        jdbc.sql("INSERT INTO clients VALUES (1, 'Ada'), (2, 'Grace')").update();
        BackupService backups = new BackupService(jdbc, settings(7), true, Clock.systemUTC());

        BackupFile file = backups.backUpNow();

        assertThat(file.name()).matches("cactus-\\d{8}-\\d{6}-\\d{3}\\.zip");
        assertThat(file.size()).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("backups")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        try (ZipFile zip = new ZipFile(file.path().toFile())) {
            assertThat(zip.stream().map(e -> e.getName()).toList()).contains("cactus.mv.db");
        }
        assertThat(backups.latest()).contains(file);

        Path restored = root.resolve("restored");
        Restore.execute(file.path().toString(), restored.toString(), "cactus");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + restored.resolve("cactus") + ";IFEXISTS=TRUE", "sa", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT name FROM clients ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Ada");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Grace");
        }
    }

    @Test
    void keepsTheNewestBackupsUpToTheCountAndDeletesTheOlderOnes() {
        JdbcClient jdbc = database(root.resolve("data"));
        MovingClock clock = new MovingClock();
        BackupService backups = new BackupService(jdbc, settings(2), true, clock);

        BackupFile first = backups.backUpNow();
        clock.advance();
        BackupFile second = backups.backUpNow();
        assertThat(backups.list()).as("up to the count nothing is deleted").extracting(BackupFile::name)
                .containsExactlyInAnyOrder(first.name(), second.name());
        clock.advance();
        BackupFile third = backups.backUpNow();
        clock.advance();
        BackupFile fourth = backups.backUpNow();

        List<String> kept = backups.list().stream().map(BackupFile::name).toList();
        assertThat(kept).containsExactlyInAnyOrder(third.name(), fourth.name());
        assertThat(first.path()).doesNotExist();
        assertThat(second.path()).doesNotExist();
    }

    @Test
    void refusesToBackUpADatabaseOtherThanH2() {
        BackupService backups = new BackupService(database(root.resolve("data")), settings(7), false, Clock.systemUTC());

        assertThatThrownBy(backups::backUpNow).isInstanceOf(IllegalStateException.class).hasMessageContaining("pg_dump");
        assertThat(root.resolve("backups")).doesNotExist();
    }

    private BackupSettings settings(int keep) {
        return new BackupSettings(true, Duration.ofDays(1), keep, root.resolve("backups"));
    }

    private static JdbcClient database(Path dir) {
        return JdbcClient.create(new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("cactus"), "sa", ""));
    }

    /** A clock a second further on at each advance(), so file names and times differ without waiting. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance() {
            now = now.plusSeconds(1);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
