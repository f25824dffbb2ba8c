package io.cactus.dashboard.report;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WeeklyReportIT's hand computation and week boundaries on PostgreSQL: the app under its
 * {@code postgres} profile on an embedded PostgreSQL, the same data set, the same numbers.
 */
@SpringBootTest
class WeeklyReportPostgresIT {

    static final EmbeddedPostgres postgres = start();

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.profiles.active", () -> "postgres");
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("CACTUS_DATA_DIR", () -> Path.of("target", "it-data", "report-pg-" + UUID.randomUUID())
                .toAbsolutePath().toString());
        registry.add("ADMIN_PASSWORD", () -> "report-pg-password");
        registry.add("CACTUS_RETENTION_ENABLED", () -> "false");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Autowired
    WeeklyReports reports;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theKnownWeekGivesTheSameNumbersOnPostgresql() {
        ReportDataSet data = new ReportDataSet(jdbc, "pg", WeeklyReportIT.WEEK);
        data.write();
        WeeklyReportIT.assertKnownWeek(reports.report(WeeklyReportIT.WEEK), data);
        WeeklyReportIT.assertBoundaries(reports, data);
    }
}
