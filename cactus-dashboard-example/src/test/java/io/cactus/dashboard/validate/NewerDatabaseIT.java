package io.cactus.dashboard.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A database migrated by a newer build (a migration this jar does not have) fails {@code --validate}
 * with one line naming both versions; the same database without it passes (the positive control).
 */
class NewerDatabaseIT {

    @Test
    void validateRefusesADatabaseMigratedByANewerBuildNamingBothVersions() throws Exception {
        Path dataDir = Path.of("target", "it-data", "newer-" + UUID.randomUUID()).toAbsolutePath();
        ValidateDatabases.create(dataDir);
        assertThat(validate(dataDir)).as("before the newer build").contains("[PASS] Schema (Flyway migrations) (current");

        Path newer = Files.createDirectories(dataDir.resolve("newer-build"));
        Files.writeString(newer.resolve("V99__from_a_newer_build.sql"), "CREATE TABLE IF NOT EXISTS newer_build (id INT);\n");
        Flyway.configure().dataSource("jdbc:h2:file:" + dataDir.resolve("cactus"), "sa", "")
                .locations("classpath:db/migration", "filesystem:" + newer).load().migrate();

        String report = validate(dataDir);
        assertThat(report).contains("[FAIL] Schema (Flyway migrations) : The database is newer than this build: its app"
                + " schema (flyway_schema_history) is at V99, this jar's migrations go up to V" + newestAppMigration() + ".")
                .contains("[PASS] Webhook tables").contains("Failed: 1");
    }

    /** The newest version among the app's own migrations on the classpath (it moves as migrations are added). */
    private static int newestAppMigration() throws IOException {
        int newest = 0;
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql")) {
            String name = Objects.requireNonNull(r.getFilename());
            newest = Math.max(newest, Integer.parseInt(name.substring(1, name.indexOf("__"))));
        }
        assertThat(newest).as("the app's migrations").isGreaterThanOrEqualTo(3);
        return newest;
    }

    private static String validate(Path dataDir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConfigurationValidator.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--validate",
                "--CACTUS_DATA_DIR=" + dataDir);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
