package io.cactus.webhooks.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, a failed upgrade: {@code scripts/update.sh} to a jar whose new migration fails at startup
 * rolls back to the previous jar and the database as it was at the stop (the failed migration's traces
 * gone), with every client, endpoint and pending delivery intact and delivered afterwards; a jar that
 * cannot even run is refused before anything is stopped.
 */
class FailedUpgradeRollbackIT {

    private static final int EVENTS = 20;

    @Test
    void aJarWhoseMigrationFailsIsRolledBackToThePreviousJarAndTheBackup() throws Exception {
        String secret = Secrets.generate();
        Path data = Files.createTempDirectory(AppProcess.workDir(), "rollback-data-");
        // half a statement: H2 commits the CREATE, then the script fails; the old jar would then find a
        // failed V99 in its history and refuse to start, unless the backup is restored
        Path broken = Deployment.jarWithMigration(AppProcess.workDir().resolve("rollback-broken.jar"), "V99__broken.sql",
                "CREATE TABLE rollback_marker (id INT);\nTHIS IS NOT SQL;\n");
        Receiver receiver = new Receiver(secret); // down until after the rollback: every delivery stays pending
        AppProcess.Builder config = AppProcess.builder("rollback", data).endpoint(0, "faults", receiver.url(), secret)
                .arg("cactus.webhooks.retry.schedule", "5s,10s,10s,10s,10s,10s,10s,10s,10s,10s");
        AppProcess api = config.build();
        try (receiver; Deployment deployment = new Deployment("rollback", config, api.port())) {
            assertThat(deployment.update(AppProcess.jar()).exitCode()).isZero();
            Set<String> published = Api.createClients(api, "rollback", EVENTS, 2, 120);
            Deployment.createDisabledEndpoint(api, "kept-endpoint", "https://example.com/hook");

            Deployment.Result update = deployment.update(broken);

            assertThat(update.exitCode()).as(update.output()).isEqualTo(4);
            assertThat(update.output()).contains("rolling back", "database restored from",
                    "rolled back: the new jar (kept at " + deployment.installDir().resolve("cactus-dashboard.jar.failed"));
            assertThat(Files.mismatch(deployment.installDir().resolve("cactus-dashboard.jar"), AppProcess.jar()))
                    .as("the previous jar is the installed one again").isEqualTo(-1L);
            assertThat(deployment.healthy()).isTrue();
            assertThat(Api.clients(api)).isEqualTo(EVENTS);
            assertThat(Deployment.endpointExists(api, "kept-endpoint")).isTrue();
            assertThat(Api.deliveries(api, "succeeded", "faults")).as("nothing could be delivered yet").isZero();
            assertThat(Api.deliveries(api, null, "faults")).isEqualTo(EVENTS);

            receiver.start();
            await("the pending deliveries delivered after the rollback").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> receiver.emails().containsAll(published));
            deployment.stop();
            assertThat(UpgradeIT.appliedVersions(data)).as("the failed migration is not in the restored history")
                    .doesNotContain("99").contains("3");
            Report.row("16 failed upgrade rolled back", "clients=" + EVENTS + ", delivered after the rollback="
                    + receiver.distinct() + ", exit 4");
        }
    }

    @Test
    void aJarThatCannotRunIsRefusedBeforeAnythingStops() throws Exception {
        Path data = Files.createTempDirectory(AppProcess.workDir(), "refused-data-");
        Path corrupt = Deployment.truncatedJar(AppProcess.workDir().resolve("refused-corrupt.jar"));
        AppProcess.Builder config = AppProcess.builder("refused", data);
        AppProcess api = config.build();
        try (Deployment deployment = new Deployment("refused", config, api.port())) {
            assertThat(deployment.update(AppProcess.jar()).exitCode()).isZero();
            long pid = deployment.process().orElseThrow().pid();

            Deployment.Result update = deployment.update(corrupt);

            assertThat(update.exitCode()).as(update.output()).isEqualTo(3);
            assertThat(update.output()).contains("refused: " + corrupt + " --validate failed", "nothing was stopped");
            assertThat(deployment.process()).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(pid));
            assertThat(deployment.healthy()).isTrue();
            assertThat(Files.mismatch(deployment.installDir().resolve("cactus-dashboard.jar"), AppProcess.jar())).isEqualTo(-1L);
        }
    }
}
