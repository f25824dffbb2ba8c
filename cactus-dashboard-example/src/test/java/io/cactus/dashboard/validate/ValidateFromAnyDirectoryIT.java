package io.cactus.dashboard.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's {@code java -jar cactus-dashboard-example/target/...jar --validate}, run in a process of
 * its own from the repository root and from the module folder, with a relative
 * {@code CACTUS_DATA_DIR}: both check the same database (the data folder resolves against the
 * app's home, never the working directory), and both refuse a missing one without creating it.
 */
class ValidateFromAnyDirectoryIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final String RELATIVE = "target/it-data/validate-cwd-" + UUID.randomUUID();

    private static Path jar;

    private record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void findTheJarAndCreateTheDatabase() throws IOException {
        try (Stream<Path> files = Files.list(MODULE.resolve("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("cactus-dashboard-example-.*\\.jar"))
                    .findFirst().orElse(null);
        }
        if (jar == null) {
            fail("no cactus-dashboard-example-*.jar in " + MODULE.resolve("target") + ": run through mvn verify,"
                    + " which packages it before the integration tests");
        }
        ValidateDatabases.create(MODULE.resolve(RELATIVE));
    }

    @Test
    void fromTheRepositoryRootAndTheModuleFolderTheSameDatabaseIsChecked() throws Exception {
        String file = MODULE.resolve(RELATIVE).resolve("cactus.mv.db").normalize().toString();

        Run fromRoot = validate(ROOT, RELATIVE);
        Run fromModule = validate(MODULE, RELATIVE);

        for (Run run : List.of(fromRoot, fromModule)) {
            assertThat(run.output()).contains("[PASS] Database (spring.datasource.url) (H2 file " + file
                    + " (CACTUS_DATA_DIR '" + RELATIVE + "' under the app's home " + MODULE + "), H2 ")
                    .contains("[PASS] Schema (Flyway migrations) (current, at V")
                    .contains("[PASS] Webhook tables (Flyway, history cactus_webhook_flyway_history) (current, at V");
        }
        assertThat(Files.exists(ROOT.resolve(RELATIVE))).as("nothing created under the repository root").isFalse();
    }

    @Test
    void aMissingDatabaseFailsFromTheRepositoryRootWithoutCreatingIt() throws Exception {
        String missing = "target/it-data/validate-missing-" + UUID.randomUUID();

        Run run = validate(ROOT, missing);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("[FAIL] Database (spring.datasource.url) : no database at "
                + MODULE.resolve(missing).resolve("cactus.mv.db") + " (CACTUS_DATA_DIR '" + missing
                + "' under the app's home " + MODULE + "): nothing was created.");
        assertThat(MODULE.resolve(missing)).doesNotExist();
        assertThat(ROOT.resolve(missing)).doesNotExist();
    }

    private static Run validate(Path workingDirectory, String dataDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--validate").directory(workingDirectory.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("CACTUS_") || k.startsWith("SPRING_") || k.startsWith("N8N_")
                || k.startsWith("WEBHOOK_"));
        env.put("CACTUS_DATA_DIR", dataDir);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes(); // until the process closes its output
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("--validate did not end within 60 s in " + workingDirectory);
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
