package io.cactus.dashboard.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --validate} run in-process, as {@code main} runs it, on its own H2 file (created once, as
 * the app's Flyway would); {@link ValidateFromAnyDirectoryIT} runs the jar from other folders.
 */
class ValidateModeIT {

    private static final String MALFORMED_SECRET = "whsec_this-is-not*base64!";

    private static final Path dataDir = Path.of("target", "it-data", "validate-" + UUID.randomUUID()).toAbsolutePath();

    @BeforeAll
    static void createDatabase() {
        ValidateDatabases.create(dataDir);
    }

    private record Report(int exitCode, List<String> lines, String text) {
    }

    private Report validate(String... extra) {
        return validateOn(dataDir, extra);
    }

    private Report validateOn(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--validate", "--CACTUS_DATA_DIR=" + dir));
        args.addAll(Arrays.asList(extra));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ConfigurationValidator.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        String text = bytes.toString(StandardCharsets.UTF_8);
        return new Report(code, text.lines().toList(), text);
    }

    @Test
    void passesOnTheDefaultConfiguration() {
        Report report = validate();

        assertThat(report.exitCode()).as(report.text()).isZero();
        List<String> checks = report.lines().subList(0, report.lines().size() - 1);
        assertThat(checks).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("[PASS] "));
        assertThat(checks).anySatisfy(line -> assertThat(line).startsWith("[PASS] Signing secret"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Endpoint 'demo'"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Schema (Flyway migrations) (current, at V"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Webhook tables (Flyway, history"
                        + " cactus_webhook_flyway_history) (current, at V"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Retry"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Timeouts"));
        assertThat(report.lines().get(report.lines().size() - 1))
                .isEqualTo("Total checks: " + checks.size() + ", Passed: " + checks.size() + ", Failed: 0");
    }

    /** The report names the database it checked: the H2 file and where its folder came from. */
    @Test
    void namesTheDatabaseItChecked() {
        Report report = validate();

        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("[PASS] Database"
                + " (spring.datasource.url) (H2 file " + dataDir.resolve("cactus.mv.db") + " (CACTUS_DATA_DIR="
                + dataDir + "), H2 "));
        assertThat(report.text()).doesNotContain("WRITE_DELAY"); // the URL is shown without its parameters
    }

    @Test
    void failsClearlyOnAMissingDatabaseAndCreatesNothing() throws Exception {
        Path missing = dataDir.resolveSibling("missing-" + UUID.randomUUID());

        Report report = validateOn(missing);

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.lines()).filteredOn(line -> line.startsWith("[FAIL]")).containsExactly(
                "[FAIL] Database (spring.datasource.url) : no database at " + missing.resolve("cactus.mv.db")
                        + " (CACTUS_DATA_DIR=" + missing + "): nothing was created. Start the app once to create it,"
                        + " or set CACTUS_DATA_DIR to the folder that holds cactus.mv.db",
                "[FAIL] Schema (Flyway migrations) : skipped: no database",
                "[FAIL] Webhook tables (Flyway, history cactus_webhook_flyway_history) : skipped: no database");
        assertThat(missing).doesNotExist();
        // the other checks still ran
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("[PASS] Signing secret"));
    }

    @Test
    void failsNamingTheSecretCheckOnAMalformedWebhookSecret() {
        Report report = validate("--WEBHOOK_SECRET=" + MALFORMED_SECRET);

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.lines()).filteredOn(line -> line.startsWith("[FAIL]")).singleElement().asString()
                .startsWith("[FAIL] Signing secret (cactus.webhooks.secret / WEBHOOK_SECRET) : cactus.webhooks.secret"
                        + " (from class path resource [application.properties] - ") // the line mapping WEBHOOK_SECRET
                .contains("not valid");
        assertThat(report.text()).doesNotContain(MALFORMED_SECRET).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(report.lines().get(report.lines().size() - 1)).matches("Total checks: \\d+, Passed: \\d+, Failed: 1");
    }

    @Test
    void failsOnAnEndpointUrlTheNetworkPolicyRefuses() {
        Report report = validate("--WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "--cactus.webhooks.endpoints[0].name=metadata",
                "--cactus.webhooks.endpoints[0].url=http://169.254.169.254/latest");

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.lines()).filteredOn(line -> line.startsWith("[FAIL]")).singleElement().asString()
                .startsWith("[FAIL] Endpoint 'metadata' (cactus.webhooks.endpoints[0]) : cactus.webhooks.endpoints[0].url"
                        + " (from \"cactus.webhooks.endpoints[0].url\" from property source \"commandLineArgs\"): ")
                .contains("169.254.169.254 is link-local/cloud metadata");
    }

    /** What docs/n8n.md shows: the seed variables map to an endpoint 'n8n', checked as at a start. */
    @Test
    void passesOnTheN8nSeedVariables() {
        Report report = validate("--WEBHOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "--N8N_WEBHOOK_URL=/webhook/cactus", "--N8N_BASE_URL=http://127.0.0.1:5678", "--N8N_USER=n8n",
                "--N8N_PASSWORD=n8n-password", "--cactus.webhooks.security.allowed-networks=127.0.0.1:5678");

        assertThat(report.exitCode()).as(report.text()).isZero();
        assertThat(report.lines()).contains("[PASS] Seed variables (WEBHOOK_RETRY_COUNT, WEBHOOK_TIMEOUT, N8N_*)"
                + " (N8N_WEBHOOK_URL, N8N_USER, N8N_PASSWORD -> cactus.webhooks.endpoints[0] ('n8n'))",
                "[PASS] Endpoint 'n8n' (N8N_WEBHOOK_URL, cactus.webhooks.endpoints[0])"
                        + " (http://127.0.0.1:5678/webhook/cactus, HTTP Basic auth, events [*])");
        assertThat(report.text()).doesNotContain("n8n-password").doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    @Test
    void failsOnRetryAndTimeoutSeedsOutOfRange() {
        Report report = validate("--WEBHOOK_RETRY_COUNT=lots", "--WEBHOOK_TIMEOUT=0");

        assertThat(report.exitCode()).isEqualTo(1);
        // both reported, and every other check still runs
        assertThat(report.lines()).filteredOn(line -> line.startsWith("[FAIL]")).containsExactly(
                "[FAIL] Seed variable WEBHOOK_TIMEOUT : must be a whole number of seconds from 1 to 86400"
                        + " (it sets cactus.webhooks.timeout), was '0'",
                "[FAIL] Seed variable WEBHOOK_RETRY_COUNT : must be a whole number of retries from 0 to 100"
                        + " (it sets cactus.webhooks.retry.max-attempts to one more), was 'lots'");
        assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("[PASS] Retry"))
                .anySatisfy(line -> assertThat(line).startsWith("[PASS] Timeouts"));
    }

    @Test
    void failsWhenTheDatabaseIsNotReachable() {
        Report report = validate("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/cactus?connectTimeout=2");

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.lines()).filteredOn(line -> line.startsWith("[FAIL]")).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("[FAIL] Database (spring.datasource.url) :"
                        + " jdbc:postgresql://127.0.0.1:1/cactus: "))
                .anySatisfy(line -> assertThat(line).startsWith("[FAIL] Schema"))
                .anySatisfy(line -> assertThat(line).startsWith("[FAIL] Webhook tables"));
    }
}
